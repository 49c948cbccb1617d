package io.ksim.controller.deployment;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.kernel.SimClock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code kubectl rollout undo|pause|resume|restart} write (kubectl's polymorphichelpers): client-side
 * edits of the Deployment that the controller then acts on. Undo finds the ReplicaSet of the wanted
 * revision (0: the previous one, the second-highest), copies its template (minus pod-template-hash) and its
 * annotations back into the Deployment; the controller then finds that ReplicaSet "new" again and gives it
 * the next revision number. Results and errors carry kubectl's texts.
 */
public final class RolloutCommands {

    /** The template annotation {@code kubectl rollout restart} sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private RolloutCommands() {
    }

    /** Rolls back to {@code toRevision} (0 for the previous); returns kubectl's message. */
    public static String undo(ApiServer api, String namespace, String name, long toRevision) {
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, namespace, name);
        if (Boolean.TRUE.equals(d.spec().paused())) {
            throw new IllegalStateException("you cannot rollback a paused deployment; resume it first with "
                    + "'kubectl rollout resume' and try again");
        }
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : api.list(BuiltinResources.REPLICA_SETS, namespace).items()) {
            if (ControllerUtils.isControlledBy(rs, d.metadata().uid())) {
                owned.add(rs);
            }
        }
        ReplicaSet target = null;
        if (toRevision > 0) {
            for (ReplicaSet rs : owned) {
                if (DeploymentUtil.revision(rs) == toRevision) {
                    target = rs;
                }
            }
            if (target == null) {
                throw new IllegalArgumentException("unable to find specified revision " + toRevision + " in history");
            }
        } else {
            long previous = DeploymentUtil.lastRevision(owned);
            for (ReplicaSet rs : owned) {
                if (previous > 0 && DeploymentUtil.revision(rs) == previous) {
                    target = rs;
                }
            }
            if (target == null) {
                throw new IllegalArgumentException("no rollout history found for deployment \"" + name + "\"");
            }
        }
        if (DeploymentUtil.equalIgnoreHash(target.spec().template(), d.spec().template())) {
            return "deployment.apps/" + name + " skipped rollback (current template already matches revision "
                    + DeploymentUtil.revision(target) + ")";
        }
        TreeMap<String, String> annotations = new TreeMap<>();
        d.metadata().annotations().forEach((k, v) -> {
            if (DeploymentUtil.skipCopyAnnotation(k)) {
                annotations.put(k, v);
            }
        });
        target.metadata().annotations().forEach((k, v) -> {
            if (!DeploymentUtil.skipCopyAnnotation(k)) {
                annotations.put(k, v);
            }
        });
        PodTemplateSpec template = DeploymentUtil.withoutHash(target.spec().template());
        api.update(BuiltinResources.DEPLOYMENTS, d.withMetadata(d.metadata().withAnnotations(annotations))
                .withSpec(d.spec().withTemplate(template)));
        return "deployment.apps/" + name + " rolled back";
    }

    /** The annotation {@code rollout history} shows as CHANGE-CAUSE (copied from Deployment to ReplicaSet). */
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    /**
     * {@code kubectl rollout history deployment/<name>}: one row per revision held by the Deployment's
     * ReplicaSets, ascending, with its change-cause or {@code <none>}, in kubectl's tab-aligned layout
     * (columns two spaces apart), headed {@code deployment.apps/<name> } and followed by an empty line.
     */
    public static String history(ApiServer api, String namespace, String name) {
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, namespace, name);
        java.util.TreeMap<Long, String> causes = new java.util.TreeMap<>();
        for (ReplicaSet rs : api.list(BuiltinResources.REPLICA_SETS, namespace).items()) {
            long revision = DeploymentUtil.revision(rs);
            if (ControllerUtils.isControlledBy(rs, d.metadata().uid()) && revision > 0) {
                String cause = rs.metadata().annotations().get(CHANGE_CAUSE);
                causes.put(revision, cause == null || cause.isEmpty() ? "<none>" : cause);
            }
        }
        int widest = "REVISION".length();
        for (Long r : causes.keySet()) {
            widest = Math.max(widest, Long.toString(r).length());
        }
        int width = widest;
        StringBuilder out = new StringBuilder("deployment.apps/" + name + " \n");
        out.append(pad("REVISION", width)).append("CHANGE-CAUSE\n");
        causes.forEach((r, cause) -> out.append(pad(Long.toString(r), width)).append(cause).append('\n'));
        // kubectl's name printer ends the line after the table it was handed, which ends with its own newline.
        return out.append('\n').toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length() + 2);
    }

    /**
     * One look of {@code kubectl rollout status deployment/<name>} (kubectl's DeploymentStatusViewer):
     * waiting for the spec to be observed, for new replicas to be updated, for old ones to terminate, for
     * updated ones to be available, or done. A Deployment past its progress deadline is an error, as kubectl
     * reports it.
     */
    public static RolloutStatus status(ApiServer api, String namespace, String name) {
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, namespace, name);
        Deployment.DeploymentStatus s = d.status();
        long generation = d.metadata().generation() == null ? 0 : d.metadata().generation();
        long observed = s.observedGeneration() == null ? 0 : s.observedGeneration();
        if (generation > observed) {
            return new RolloutStatus("Waiting for deployment spec update to be observed...", false);
        }
        Deployment.DeploymentCondition progressing = DeploymentConditions.get(s, Deployment.DeploymentCondition.PROGRESSING);
        if (progressing != null && Deployment.DeploymentCondition.REASON_TIMED_OUT.equals(progressing.reason())) {
            throw new IllegalStateException("deployment \"" + name + "\" exceeded its progress deadline");
        }
        int replicas = DeploymentUtil.replicas(d);
        int updated = orZero(s.updatedReplicas());
        int current = orZero(s.replicas());
        int available = orZero(s.availableReplicas());
        String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
        if (updated < replicas) {
            return new RolloutStatus(waiting + updated + " out of " + replicas + " new replicas have been updated...", false);
        }
        if (current > updated) {
            return new RolloutStatus(waiting + (current - updated) + " old replicas are pending termination...", false);
        }
        if (available < updated) {
            return new RolloutStatus(waiting + available + " of " + updated + " updated replicas are available...", false);
        }
        return new RolloutStatus("deployment \"" + name + "\" successfully rolled out", true);
    }

    /** A line of {@code kubectl rollout status} and whether the rollout is done. */
    public record RolloutStatus(String message, boolean done) {
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    public static String pause(ApiServer api, String namespace, String name) {
        return setPaused(api, namespace, name, true);
    }

    public static String resume(ApiServer api, String namespace, String name) {
        return setPaused(api, namespace, name, false);
    }

    private static String setPaused(ApiServer api, String namespace, String name, boolean paused) {
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, namespace, name);
        if (Boolean.TRUE.equals(d.spec().paused()) == paused) {
            throw new IllegalStateException("deployments.apps \"" + name + "\" is " + (paused ? "already paused" : "not paused"));
        }
        api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withPaused(paused ? true : null)));
        return "deployment.apps/" + name + (paused ? " paused" : " resumed");
    }

    /** Sets the restartedAt template annotation to now (RFC 3339), which rolls every pod. */
    public static String restart(ApiServer api, SimClock clock, String namespace, String name) {
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, namespace, name);
        api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withTemplate(restarted(d.spec().template(),
                clock))));
        return "deployment.apps/" + name + " restarted";
    }

    /**
     * {@code kubectl rollout restart daemonset}: the same restartedAt template annotation, which the
     * DaemonSet controller rolls out node by node under its update strategy.
     */
    public static String restartDaemonSet(ApiServer api, SimClock clock, String namespace, String name) {
        DaemonSet ds = api.get(BuiltinResources.DAEMON_SETS, namespace, name);
        api.update(BuiltinResources.DAEMON_SETS, ds.withSpec(ds.spec().withTemplate(restarted(ds.spec().template(),
                clock))));
        return "daemonset.apps/" + name + " restarted";
    }

    private static PodTemplateSpec restarted(PodTemplateSpec t, SimClock clock) {
        Map<String, String> a = new TreeMap<>(t.metadata().annotations());
        a.put(RESTARTED_AT, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC)));
        return t.withMetadata(t.metadata().withAnnotations(a));
    }
}
