package io.ksim.controller.deployment;

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
        PodTemplateSpec t = d.spec().template();
        Map<String, String> a = new TreeMap<>(t.metadata().annotations());
        a.put(RESTARTED_AT, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                clock.instant().truncatedTo(ChronoUnit.SECONDS).atOffset(java.time.ZoneOffset.UTC)));
        api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withTemplate(
                t.withMetadata(t.metadata().withAnnotations(a)))));
        return "deployment.apps/" + name + " restarted";
    }
}
