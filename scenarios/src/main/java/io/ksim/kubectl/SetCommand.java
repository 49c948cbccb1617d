package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.patch.StrategicMergePatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl set}: the subcommands that change a field of a pod template ({@code set image}). */
@Command(name = "set", subcommands = {SetCommand.Image.class})
final class SetCommand implements Callable<Integer> {

    /**
     * kubectl 1.32's text for {@code kubectl set} without a subcommand (stdout, exit status 1), listing the one
     * subcommand ksim serves; kubectl also lists env, resources, selector, serviceaccount and subject.
     */
    static final String HELP = """
            Configure application resources.

             These commands help you make changes to existing application resources.

            Available Commands:
              image            Update the image of a pod template

            Usage:
              kubectl set SUBCOMMAND [options]

            Use "kubectl set <command> --help" for more information about a given command.
            Use "kubectl options" for a list of global command-line options (applies to all commands).
            """;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(HELP);
        return 1;
    }

    /**
     * {@code kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...}: sets the image of the named
     * containers and init containers ({@code *} for all) in a Pod, or in the pod template of a Deployment,
     * DaemonSet, ReplicaSet, StatefulSet, Job or CronJob, by a strategic merge patch computed as kubectl
     * computes it; {@code deployment.apps/web image updated}; nothing printed when nothing changed.
     */
    @Command(name = "image")
    static final class Image implements Callable<Integer> {

        private final KubectlContext ctx;

        @Option(names = {"-l", "--selector"})
        String selector;

        @Option(names = "--all")
        boolean all;

        @Parameters
        List<String> args = new ArrayList<>();

        Image(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ResourcesAndPairs split = ResourcesAndPairs.split(args, "image");
            List<String> resources = split.resources();
            List<String> pairs = split.pairs();
            Map<String, String> images = new LinkedHashMap<>();
            List<String> invalid = new ArrayList<>();
            for (String p : pairs) {
                if (p.contains("=") && p.charAt(0) != '=') {
                    String[] kv = p.split("=", 2);
                    images.put(kv[0], kv[1]);
                } else {
                    invalid.add(p);
                }
            }
            if (!invalid.isEmpty()) {
                throw new KubectlException("error: invalid image format: " + String.join(", ", invalid));
            }
            List<ResourceBuilder.Target> targets = ResourceBuilder.select(ctx, resources, selector, all);
            List<ObjectNode> objects = new ArrayList<>();
            ErrorText notFound = new ErrorText();
            for (ResourceBuilder.Target t : targets) {
                try {
                    objects.add(t.read(ctx));
                } catch (ApiException e) {
                    notFound.add(e);
                }
            }
            notFound.throwIfAny();
            List<String> validation = new ArrayList<>();
            if (all && selector != null && !selector.isEmpty()) {
                validation.add("cannot set --all and --selector at the same time");
            }
            if (images.isEmpty()) {
                validation.add("at least one image update is required");
            } else if (images.size() > 1 && images.containsKey("*")) {
                validation.add("all containers are already specified by *, but saw more than one "
                        + "container_name=container_image pairs");
            }
            if (!validation.isEmpty()) {
                throw new KubectlException(validation.size() == 1 ? "error: " + validation.get(0)
                        : "error: [" + String.join(", ", validation) + "]");
            }
            ErrorText errors = new ErrorText();
            for (int i = 0; i < targets.size(); i++) {
                ResourceBuilder.Target t = targets.get(i);
                ObjectNode before = objects.get(i);
                ObjectNode after = before.deepCopy();
                JsonNode podSpec = podSpec(after);
                if (podSpec == null) {
                    errors.add(new KubectlException("error: " + t.type().groupResource() + "/" + t.name()
                            + " the object is not a pod or does not have a pod template: *v1." + t.type().kind() + "\n"));
                    continue;
                }
                images.forEach((name, image) -> {
                    boolean init = setImage(podSpec.path("initContainers"), name, image);
                    boolean main = setImage(podSpec.path("containers"), name, image);
                    if (!init && !main) {
                        errors.add(new KubectlException("error: unable to find container named \"" + name + "\""));
                    }
                });
                ObjectNode patch = StrategicMergePatch.createTwoWayMergePatch(before, after, t.type().type());
                if (patch.isEmpty()) {
                    continue;
                }
                try {
                    ctx.api().patch(t.type(), t.namespace(), t.name(), PatchType.STRATEGIC, patch.toString());
                    ctx.out().println(t.display() + " image updated");
                } catch (ApiException e) {
                    errors.add(new KubectlException("failed to patch image update to pod template: " + e.getMessage()));
                }
            }
            errors.throwIfAny();
            return 0;
        }

        private static boolean setImage(JsonNode containers, String name, String image) {
            boolean found = false;
            for (JsonNode c : containers) {
                if (name.equals("*") || name.equals(c.path("name").asText())) {
                    ((ObjectNode) c).put("image", image);
                    found = true;
                }
            }
            return found;
        }

        /** The pod spec inside a Pod, a workload's template or a CronJob's job template; null for other kinds. */
        static JsonNode podSpec(ObjectNode obj) {
            return switch (obj.path("kind").asText()) {
                case "Pod" -> obj.path("spec");
                case "Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "Job", "ReplicationController" ->
                        obj.path("spec").path("template").path("spec");
                case "CronJob" -> obj.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
                default -> null;
            };
        }
    }
}
