package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiWatch;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.WatchEventType;
import io.ksim.apiserver.patch.StrategicMergePatch;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl rollout status|history|undo|pause|resume|restart} for Deployments, DaemonSets and
 * StatefulSets, with kubectl's texts. {@code status} watches the object and prints its status viewer's line
 * at every event, as kubectl does, running virtual time forward until the rollout is done.
 */
@Command(name = "rollout", subcommands = {RolloutCommand.Status.class, RolloutCommand.History.class,
        RolloutCommand.Undo.class, RolloutCommand.Pause.class, RolloutCommand.Resume.class, RolloutCommand.Restart.class})
final class RolloutCommand implements Callable<Integer> {

    static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** How long {@code rollout status} without {@code --timeout} may wait in virtual time before ksim gives up. */
    static final Duration NO_TIMEOUT_LIMIT = Duration.ofHours(1);

    /** kubectl 1.32's text for {@code kubectl rollout} without a subcommand (printed to stdout, exit status 1). */
    static final String HELP = """
            Manage the rollout of one or many resources.
                   \s
             Valid resource types include:

              *  deployments
              *  daemonsets
              *  statefulsets

            Examples:
              # Rollback to the previous deployment
              kubectl rollout undo deployment/abc
             \s
              # Check the rollout status of a daemonset
              kubectl rollout status daemonset/foo
             \s
              # Restart a deployment
              kubectl rollout restart deployment/abc
             \s
              # Restart deployments with the 'app=nginx' label
              kubectl rollout restart deployment --selector=app=nginx

            Available Commands:
              history       View rollout history
              pause         Mark the provided resource as paused
              restart       Restart a resource
              resume        Resume a paused resource
              status        Show the status of the rollout
              undo          Undo a previous rollout

            Usage:
              kubectl rollout SUBCOMMAND [options]

            Use "kubectl rollout <command> --help" for more information about a given command.
            Use "kubectl options" for a list of global command-line options (applies to all commands).
            """;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(HELP);
        return 1;
    }

    /** The common arguments: {@code (TYPE NAME | TYPE/NAME | TYPE -l SELECTOR)}. */
    abstract static class Sub implements Callable<Integer> {

        final KubectlContext ctx;

        @Option(names = {"-l", "--selector"})
        String selector;

        @Parameters
        List<String> args = new ArrayList<>();

        Sub(KubectlContext ctx) {
            this.ctx = ctx;
        }

        List<ResourceBuilder.Target> targets() {
            if (args.isEmpty()) {
                throw new KubectlException("error: required resource not specified");
            }
            boolean bySelector = selector != null && !selector.isEmpty();
            boolean everything = !bySelector && args.size() == 1 && !args.get(0).contains("/");
            return ResourceBuilder.select(ctx, args, selector, everything);
        }

        /** Runs {@code action} on every target; the errors are reported together at the end. */
        int forEachTarget(Consumer<ResourceBuilder.Target> action) {
            List<ResourceBuilder.Target> targets = targets();
            ErrorText errors = new ErrorText();
            for (ResourceBuilder.Target t : targets) {
                try {
                    action.accept(t);
                } catch (ApiException | KubectlException e) {
                    errors.add(e);
                }
            }
            errors.throwIfAny();
            return 0;
        }

        static String resourceString(ResourceType<?> t) {
            return t.groupResource().toString();
        }

        static boolean isWorkload(ResourceType<?> t) {
            return t == BuiltinResources.DEPLOYMENTS || t == BuiltinResources.DAEMON_SETS || t == BuiltinResources.STATEFUL_SETS;
        }
    }

    @Command(name = "status")
    static final class Status extends Sub {

        @Option(names = {"-w", "--watch"}, defaultValue = "true", arity = "0..1", fallbackValue = "true")
        boolean watch;

        @Option(names = "--revision", defaultValue = "0")
        long revision;

        @Option(names = "--timeout", defaultValue = "0s")
        String timeout;

        Status(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (args.isEmpty()) {
                throw new KubectlException("error: required resource not specified");
            }
            if (revision < 0) {
                throw new KubectlException("error: revision must be a positive integer: " + revision);
            }
            Duration limit = DurationFlags.parse(timeout, "--timeout", "kubectl rollout status");
            List<ResourceBuilder.Target> targets = targets();
            if (targets.isEmpty()) {
                ctx.err().println("No resources found in " + ctx.namespace() + " namespace.");
                return 0;
            }
            for (ResourceBuilder.Target t : targets) {
                follow(t, limit);
            }
            return 0;
        }

        private void follow(ResourceBuilder.Target t, Duration limit) {
            if (!isWorkload(t.type())) {
                t.get(ctx);
                throw new KubectlException("error: no status viewer has been implemented for " + t.type().groupKind());
            }
            // kubectl lists, then watches: the current state prints first, then one line per change.
            ObjectNode now = t.read(ctx);
            String[] state = {null};
            RuntimeException[] failure = {null};
            boolean[] finished = {false};
            if (step(t, now, finished, failure)) {
                rethrow(failure[0]);
                return;
            }
            String rv = now.path("metadata").path("resourceVersion").asText();
            ApiWatch w = watch(t, rv, event -> {
                if (finished[0]) {
                    return;
                }
                if (event == null) {
                    failure[0] = new KubectlException("error: object has been deleted");
                    finished[0] = true;
                    return;
                }
                step(t, event, finished, failure);
            });
            try {
                boolean ended = ctx.cluster().runUntil(() -> finished[0], limit.isZero() ? NO_TIMEOUT_LIMIT : limit);
                if (!ended) {
                    throw new KubectlException("error: timed out waiting for the condition");
                }
            } finally {
                w.stop();
            }
            rethrow(failure[0]);
            state[0] = null;
        }

        private static void rethrow(RuntimeException e) {
            if (e != null) {
                throw e;
            }
        }

        /** Prints the viewer's line for {@code obj}; true when the command is done with it. */
        private boolean step(ResourceBuilder.Target t, JsonNode obj, boolean[] finished, RuntimeException[] failure) {
            try {
                String[] status = status(t.type(), obj, revision);
                if (status[0] != null) {
                    ctx.out().print(status[0]);
                }
                if (status[1] != null || !watch) {
                    finished[0] = true;
                }
            } catch (KubectlException e) {
                failure[0] = e;
                finished[0] = true;
            }
            return finished[0];
        }

        private <T extends KubeObject> ApiWatch watch(ResourceBuilder.Target t, String rv,
                java.util.function.Consumer<JsonNode> onEvent) {
            @SuppressWarnings("unchecked")
            ResourceType<T> type = (ResourceType<T>) t.type();
            return ctx.api().watch(type, t.namespace(), rv, (T o) -> o.metadata().name().equals(t.name()), e -> {
                if (e.type() == WatchEventType.DELETED) {
                    onEvent.accept(null);
                } else if (e.type() == WatchEventType.ADDED || e.type() == WatchEventType.MODIFIED) {
                    onEvent.accept(KubeJson.json().valueToTree(e.object()));
                }
            });
        }

        /** kubectl's status viewers: {line, "done" or null}; a KubectlException for the viewers' errors. */
        static String[] status(ResourceType<?> type, JsonNode o, long revision) {
            String name = o.path("metadata").path("name").asText();
            long generation = o.path("metadata").path("generation").asLong(0);
            JsonNode s = o.path("status");
            long observed = s.path("observedGeneration").asLong(0);
            if (type == BuiltinResources.DEPLOYMENTS) {
                if (revision > 0) {
                    long running = Long.parseLong(o.path("metadata").path("annotations").path(REVISION_ANNOTATION).asText("0"));
                    if (revision != running) {
                        throw new KubectlException("error: desired revision (" + revision
                                + ") is different from the running revision (" + running + ")");
                    }
                }
                if (generation > observed) {
                    return new String[] {"Waiting for deployment spec update to be observed...\n", null};
                }
                for (JsonNode c : s.path("conditions")) {
                    if ("Progressing".equals(c.path("type").asText())
                            && "ProgressDeadlineExceeded".equals(c.path("reason").asText())) {
                        throw new KubectlException("error: deployment \"" + name + "\" exceeded its progress deadline");
                    }
                }
                String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
                long replicas = o.path("spec").path("replicas").asLong(1);
                long updated = s.path("updatedReplicas").asLong(0);
                long current = s.path("replicas").asLong(0);
                long available = s.path("availableReplicas").asLong(0);
                if (o.path("spec").has("replicas") && updated < replicas) {
                    return new String[] {waiting + updated + " out of " + replicas + " new replicas have been updated...\n", null};
                }
                if (current > updated) {
                    return new String[] {waiting + (current - updated) + " old replicas are pending termination...\n", null};
                }
                if (available < updated) {
                    return new String[] {waiting + available + " of " + updated + " updated replicas are available...\n", null};
                }
                return new String[] {"deployment \"" + name + "\" successfully rolled out\n", "done"};
            }
            if (type == BuiltinResources.DAEMON_SETS) {
                if (!"RollingUpdate".equals(o.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))) {
                    throw new KubectlException("error: rollout status is only available for RollingUpdate strategy type");
                }
                if (generation > observed) {
                    return new String[] {"Waiting for daemon set spec update to be observed...\n", null};
                }
                long desired = s.path("desiredNumberScheduled").asLong(0);
                long updated = s.path("updatedNumberScheduled").asLong(0);
                long available = s.path("numberAvailable").asLong(0);
                String waiting = "Waiting for daemon set \"" + name + "\" rollout to finish: ";
                if (updated < desired) {
                    return new String[] {waiting + updated + " out of " + desired + " new pods have been updated...\n", null};
                }
                if (available < desired) {
                    return new String[] {waiting + available + " of " + desired + " updated pods are available...\n", null};
                }
                return new String[] {"daemon set \"" + name + "\" successfully rolled out\n", "done"};
            }
            JsonNode strategy = o.path("spec").path("updateStrategy");
            if (!"RollingUpdate".equals(strategy.path("type").asText("RollingUpdate"))) {
                throw new KubectlException("error: rollout status is only available for RollingUpdate strategy type");
            }
            if (observed == 0 || generation > observed) {
                return new String[] {"Waiting for statefulset spec update to be observed...\n", null};
            }
            long replicas = o.path("spec").path("replicas").asLong(1);
            long ready = s.path("readyReplicas").asLong(0);
            if (o.path("spec").has("replicas") && ready < replicas) {
                return new String[] {"Waiting for " + (replicas - ready) + " pods to be ready...\n", null};
            }
            long updated = s.path("updatedReplicas").asLong(0);
            if (strategy.has("rollingUpdate") && !strategy.path("rollingUpdate").isNull()) {
                JsonNode partition = strategy.path("rollingUpdate").path("partition");
                if (o.path("spec").has("replicas") && !partition.isMissingNode() && !partition.isNull()) {
                    long want = replicas - partition.asLong();
                    if (updated < want) {
                        return new String[] {"Waiting for partitioned roll out to finish: " + updated + " out of " + want
                                + " new pods have been updated...\n", null};
                    }
                }
                return new String[] {"partitioned roll out complete: " + updated + " new pods have been updated...\n", "done"};
            }
            String updateRevision = s.path("updateRevision").asText();
            String currentRevision = s.path("currentRevision").asText();
            if (!updateRevision.equals(currentRevision)) {
                return new String[] {"waiting for statefulset rolling update to complete " + updated + " pods at revision "
                        + updateRevision + "...\n", null};
            }
            return new String[] {"statefulset rolling update complete " + s.path("currentReplicas").asLong(0)
                    + " pods at revision " + currentRevision + "...\n", "done"};
        }
    }

    /** The revisions of a workload: revision number to its pod template and change-cause. */
    record Revision(long number, JsonNode template, String changeCause, KubeObject source) {
    }

    static TreeMap<Long, Revision> revisions(KubectlContext ctx, ResourceBuilder.Target t, ObjectNode current) {
        String uid = current.path("metadata").path("uid").asText();
        TreeMap<Long, Revision> out = new TreeMap<>();
        if (t.type() == BuiltinResources.DEPLOYMENTS) {
            for (ReplicaSet rs : ctx.api().list(BuiltinResources.REPLICA_SETS, t.namespace()).items()) {
                OwnerReference ref = rs.metadata().controllerRef();
                String rev = rs.metadata().annotations().get(REVISION_ANNOTATION);
                if (ref == null || !uid.equals(ref.uid()) || rev == null) {
                    continue;
                }
                long n;
                try {
                    n = Long.parseLong(rev);
                } catch (NumberFormatException e) {
                    continue;
                }
                JsonNode template = KubeJson.json().valueToTree(rs.spec().template());
                out.put(n, new Revision(n, template, rs.metadata().annotations().get(CHANGE_CAUSE), rs));
            }
            return out;
        }
        for (ControllerRevision cr : ctx.api().list(BuiltinResources.CONTROLLER_REVISIONS, t.namespace()).items()) {
            OwnerReference ref = cr.metadata().controllerRef();
            if (ref == null || !uid.equals(ref.uid())) {
                continue;
            }
            JsonNode applied = StrategicMergePatch.apply(current, cr.data().tree(), t.type().type());
            out.put(cr.revision(), new Revision(cr.revision(), applied.path("spec").path("template"),
                    cr.metadata().annotations().get(CHANGE_CAUSE), cr));
        }
        return out;
    }

    @Command(name = "history")
    static final class History extends Sub {

        @Option(names = "--revision", defaultValue = "0")
        long revision;

        History(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            return forEachTarget(this::show);
        }

        private void show(ResourceBuilder.Target t) {
            ObjectNode current = t.read(ctx);
            if (!isWorkload(t.type())) {
                throw new KubectlException("error: no history viewer has been implemented for \"" + t.type().groupKind() + "\"");
            }
            TreeMap<Long, Revision> revisions = revisions(ctx, t, current);
            String text;
            if (revisions.isEmpty()) {
                text = "No rollout history found.";
            } else if (revision > 0) {
                Revision r = revisions.get(revision);
                if (r == null) {
                    throw new KubectlException("error: unable to find the specified revision");
                }
                text = PodTemplateText.describe(withChangeCause(t, r));
            } else {
                int width = "REVISION".length();
                for (Long n : revisions.keySet()) {
                    width = Math.max(width, Long.toString(n).length());
                }
                StringBuilder b = new StringBuilder();
                b.append(pad("REVISION", width)).append("CHANGE-CAUSE\n");
                for (Revision r : revisions.values()) {
                    String cause = r.changeCause() == null || r.changeCause().isEmpty() ? "<none>" : r.changeCause();
                    b.append(pad(Long.toString(r.number()), width)).append(cause).append('\n');
                }
                text = b.toString();
            }
            String with = revision > 0 ? "with revision #" + revision : "";
            ctx.out().println(t.display() + " " + with + "\n" + text);
        }

        /** A Deployment's revision shows its ReplicaSet's change-cause among the pod template's annotations. */
        private static JsonNode withChangeCause(ResourceBuilder.Target t, Revision r) {
            String cause = r.changeCause();
            if (t.type() != BuiltinResources.DEPLOYMENTS || cause == null || cause.isEmpty()
                    || !(r.template() instanceof ObjectNode template)) {
                return r.template();
            }
            ObjectNode copy = template.deepCopy();
            ObjectNode metadata = copy.path("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
            ObjectNode annotations = metadata.path("annotations") instanceof ObjectNode a ? a
                    : metadata.putObject("annotations");
            annotations.put(CHANGE_CAUSE, cause);
            return copy;
        }

        private static String pad(String s, int width) {
            return s + " ".repeat(width - s.length() + 2);
        }
    }

    @Command(name = "undo")
    static final class Undo extends Sub {

        @Option(names = "--to-revision", defaultValue = "0")
        long toRevision;

        Undo(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            return forEachTarget(t -> ctx.out().println(t.display() + " " + rollback(t)));
        }

        private String rollback(ResourceBuilder.Target t) {
            ObjectNode current = t.read(ctx);
            if (!isWorkload(t.type())) {
                throw new KubectlException("error: no rollbacker has been implemented for \"" + t.type().groupKind() + "\"");
            }
            if (toRevision < 0) {
                throw notFound();
            }
            TreeMap<Long, Revision> revisions = revisions(ctx, t, current);
            Revision target;
            if (t.type() == BuiltinResources.DEPLOYMENTS) {
                if (toRevision > 0) {
                    target = revisions.get(toRevision);
                    if (target == null) {
                        throw notFound();
                    }
                } else {
                    target = revisions.size() < 2 ? null : revisions.lowerEntry(revisions.lastKey()).getValue();
                    if (target == null) {
                        throw new KubectlException("error: no rollout history found for deployment \"" + t.name() + "\"");
                    }
                }
                if (current.path("spec").path("paused").asBoolean(false)) {
                    throw new KubectlException("error: you cannot rollback a paused deployment; resume it first with "
                            + "'kubectl rollout resume' and try again");
                }
                ObjectNode wanted = withoutHash(target.template());
                if (wanted.equals(withoutHash(current.path("spec").path("template")))) {
                    return "skipped rollback (current template already matches revision " + toRevision + ")";
                }
                ObjectNode patch = KubeJson.json().createObjectNode();
                ObjectNode meta = patch.putObject("metadata");
                ObjectNode annotations = meta.putObject("annotations");
                JsonNode currentAnnotations = current.path("metadata").path("annotations");
                currentAnnotations.fieldNames().forEachRemaining(k -> {
                    if (!skipped(k)) {
                        annotations.putNull(k);
                    }
                });
                MetadataMapCommand.map(target.source() == null ? null
                        : KubeJson.json().valueToTree(target.source()).path("metadata").path("annotations")).forEach((k, v) -> {
                            if (!skipped(k)) {
                                annotations.put(k, v);
                            }
                        });
                ObjectNode template = wanted.deepCopy();
                template.put("$patch", "replace");
                patch.putObject("spec").set("template", template);
                ctx.api().patch(t.type(), t.namespace(), t.name(), PatchType.STRATEGIC, patch.toString());
                return "rolled back";
            }
            if (toRevision == 0 && revisions.size() <= 1) {
                throw new KubectlException("error: no last revision to roll back to");
            }
            target = toRevision > 0 ? revisions.get(toRevision)
                    : revisions.lowerEntry(revisions.lastKey()).getValue();
            if (target == null) {
                throw notFound();
            }
            if (target.template().equals(current.path("spec").path("template"))) {
                return "skipped rollback (current template already matches revision " + toRevision + ")";
            }
            ControllerRevision cr = (ControllerRevision) target.source();
            ctx.api().patch(t.type(), t.namespace(), t.name(), PatchType.STRATEGIC, cr.data().tree().toString());
            return "rolled back";
        }

        private KubectlException notFound() {
            return new KubectlException("error: unable to find specified revision " + toRevision + " in history");
        }

        /** The annotations a rollback leaves as they are on the Deployment (kubectl's annotationsToSkip). */
        private static boolean skipped(String key) {
            return Set.of("kubectl.kubernetes.io/last-applied-configuration", REVISION_ANNOTATION,
                    "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                    "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to").contains(key);
        }

        private static ObjectNode withoutHash(JsonNode template) {
            ObjectNode t = template.deepCopy();
            JsonNode labels = t.path("metadata").path("labels");
            if (labels instanceof ObjectNode l) {
                l.remove("pod-template-hash");
            }
            return t;
        }
    }

    /** pause, resume and restart: a patch computed from the object, or kubectl's error for it. */
    abstract static class Patcher extends Sub {

        Patcher(KubectlContext ctx) {
            super(ctx);
        }

        /** Changes {@code obj} in place; throws with the text after the object's name when it cannot. */
        abstract void change(ResourceBuilder.Target t, ObjectNode obj);

        /** The word printed after a change, and the one when nothing changed (null: an error then). */
        abstract String done();

        abstract String unchanged(ResourceBuilder.Target t);

        @Override
        public Integer call() {
            List<ResourceBuilder.Target> targets = targets();
            ErrorText errors = new ErrorText();
            List<ObjectNode> objects = new ArrayList<>();
            List<ResourceBuilder.Target> found = new ArrayList<>();
            for (ResourceBuilder.Target t : targets) {
                try {
                    objects.add(t.read(ctx));
                    found.add(t);
                } catch (ApiException e) {
                    errors.add(e);
                }
            }
            if (found.isEmpty() && errors.isEmpty()) {
                ctx.err().println("No resources found in " + ctx.namespace() + " namespace.");
                return 0;
            }
            for (int i = 0; i < found.size(); i++) {
                ResourceBuilder.Target t = found.get(i);
                ObjectNode before = objects.get(i);
                ObjectNode after = before.deepCopy();
                try {
                    change(t, after);
                } catch (KubectlException e) {
                    errors.add(new KubectlException("error: " + resourceString(t.type()) + " \"" + t.name() + "\" "
                            + e.getMessage()));
                    continue;
                }
                ObjectNode patch = StrategicMergePatch.createTwoWayMergePatch(before, after, t.type().type());
                if (patch.isEmpty()) {
                    try {
                        ctx.out().println(t.display() + " " + unchanged(t));
                    } catch (KubectlException e) {
                        errors.add(e);
                    }
                    continue;
                }
                try {
                    ctx.api().patch(t.type(), t.namespace(), t.name(), PatchType.STRATEGIC, patch.toString());
                    ctx.out().println(t.display() + " " + done());
                } catch (ApiException e) {
                    errors.add(new KubectlException("failed to patch: " + e.getMessage()));
                }
            }
            errors.throwIfAny();
            return 0;
        }
    }

    /** pause and resume: set or clear a Deployment's {@code spec.paused}. */
    abstract static class PauseResume extends Patcher {

        /** True to pause, false to resume. */
        private final boolean pause;

        PauseResume(KubectlContext ctx, boolean pause) {
            super(ctx);
            this.pause = pause;
        }

        @Override
        void change(ResourceBuilder.Target t, ObjectNode obj) {
            if (t.type() != BuiltinResources.DEPLOYMENTS) {
                throw new KubectlException((pause ? "pausing" : "resuming") + " is not supported");
            }
            if (obj.path("spec").path("paused").asBoolean(false) == pause) {
                throw new KubectlException(pause ? "is already paused" : "is not paused");
            }
            if (pause) {
                ((ObjectNode) obj.path("spec")).put("paused", true);
            } else {
                ((ObjectNode) obj.path("spec")).remove("paused");
            }
        }

        @Override
        String done() {
            return pause ? "paused" : "resumed";
        }

        @Override
        String unchanged(ResourceBuilder.Target t) {
            return "already " + done();
        }
    }

    @Command(name = "pause")
    static final class Pause extends PauseResume {

        Pause(KubectlContext ctx) {
            super(ctx, true);
        }
    }

    @Command(name = "resume")
    static final class Resume extends PauseResume {

        Resume(KubectlContext ctx) {
            super(ctx, false);
        }
    }

    @Command(name = "restart")
    static final class Restart extends Patcher {

        Restart(KubectlContext ctx) {
            super(ctx);
        }

        @Override
        void change(ResourceBuilder.Target t, ObjectNode obj) {
            if (!isWorkload(t.type())) {
                throw new KubectlException("restarting is not supported");
            }
            if (t.type() == BuiltinResources.DEPLOYMENTS && obj.path("spec").path("paused").asBoolean(false)) {
                throw new KubectlException("can't restart paused deployment (run rollout resume first)");
            }
            ObjectNode meta = ((ObjectNode) obj.path("spec").path("template")).with("metadata");
            meta.with("annotations").put(RESTARTED_AT, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    ctx.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)).replace("+00:00", "Z"));
        }

        @Override
        String done() {
            return "restarted";
        }

        @Override
        String unchanged(ResourceBuilder.Target t) {
            throw new KubectlException("failed to create patch for " + t.name() + ": if restart has already been "
                    + "triggered within the past second, please wait before attempting to trigger another");
        }
    }
}
