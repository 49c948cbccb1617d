package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ksim.api.KubeJson;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.patch.JsonMergePatch;
import io.ksim.apiserver.patch.JsonPatch;
import io.ksim.apiserver.patch.PatchException;
import io.ksim.apiserver.patch.StrategicMergePatch;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl run NAME --image=IMAGE}: a bare Pod as kubectl 1.32 builds it (label {@code run=NAME} unless
 * {@code --labels}, one container named as the pod, {@code dnsPolicy: ClusterFirst}), {@code pod/NAME created};
 * {@code --overrides} patches it before it is sent.
 */
@Command(name = "run")
final class RunCommand extends WriteCommand implements Callable<Integer> {

    @Parameters(arity = "0..*")
    List<String> args = new ArrayList<>();

    @Option(names = "--image", required = true)
    String image;

    @Option(names = "--restart")
    String restart = "Always";

    @Option(names = {"-l", "--labels"})
    String labels = "";

    @Option(names = "--port")
    String port = "";

    @Option(names = "--env")
    List<String> env = new ArrayList<>();

    @Option(names = "--command")
    boolean command;

    @Option(names = "--image-pull-policy")
    String imagePullPolicy = "";

    @Option(names = "--overrides")
    String overrides = "";

    @Option(names = "--override-type")
    String overrideType = "merge";

    RunCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (args.isEmpty()) {
            throw new KubectlException("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
        }
        String name = args.get(0);
        if (!restart.equals("Always") && !restart.equals("OnFailure") && !restart.equals("Never")) {
            throw new KubectlException("error: invalid restart policy: " + restart
                    + "\nSee 'kubectl run -h' for help and examples");
        }
        checkOutput();
        DryRun dry = dryRun();
        ObjectNode pod = build(name);
        if (!overrides.isEmpty()) {
            pod = override(pod);
        }
        JsonNode result = pod;
        if (dry != DryRun.CLIENT) {
            KubeObject obj = decode(pod, "creating", null);
            result = CreateCommand.submit(this, BuiltinResources.PODS, ctx.namespace(), obj, dry, null);
        }
        printResult(BuiltinResources.PODS, name, result, "created");
        return 0;
    }

    /**
     * cmdutil's Overrider: {@code --overrides} applied to the generated Pod as a JSON merge patch (the default), a
     * JSON patch or a strategic merge patch ({@code --override-type}), then decoded into the typed Pod and encoded
     * again, which puts the fields in the struct's order and drops those a Pod does not have.
     */
    private ObjectNode override(ObjectNode pod) {
        if (!List.of("json", "merge", "strategic").contains(overrideType)) {
            throw new KubectlException("error: invalid override type: " + overrideType);
        }
        JsonNode patch;
        try {
            patch = KubeJson.json().readTree(overrides);
        } catch (JsonProcessingException e) {
            throw new KubectlException(switch (overrideType) {
                case "merge" -> "error: Invalid JSON Patch";
                case "strategic" -> "error: invalid JSON document";
                default -> "error: " + e.getOriginalMessage();
            });
        }
        JsonNode patched;
        try {
            patched = switch (overrideType) {
                case "json" -> JsonPatch.apply(pod, patch);
                case "strategic" -> StrategicMergePatch.apply(pod, patch, Pod.class);
                default -> JsonMergePatch.apply(pod, patch);
            };
        } catch (PatchException e) {
            throw new KubectlException("error: " + e.getMessage());
        }
        if (!patched.isObject()) {
            throw new KubectlException("error: couldn't get version/kind; json parse error: json: cannot unmarshal "
                    + (patched.isArray() ? "array" : "value") + " into Go value of type struct { APIVersion string "
                    + "\"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        return GoTypedRoundTrip.of(withContainerResources(patched), Pod.class);
    }

    /** A Container's resources is a struct, not a pointer: Go encodes it as {@code {}} when a patch left it out. */
    private static JsonNode withContainerResources(JsonNode pod) {
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : pod.path("spec").path(list)) {
                if (c.isObject() && !c.has("resources")) {
                    ((ObjectNode) c).putObject("resources");
                }
            }
        }
        return pod;
    }

    ObjectNode build(String name) {
        ObjectNode pod = CreateCommand.NODES.objectNode();
        pod.put("kind", "Pod");
        pod.put("apiVersion", "v1");
        ObjectNode meta = pod.putObject("metadata");
        meta.put("name", name);
        if (ctx.namespaceGiven()) {
            meta.put("namespace", ctx.namespace());
        }
        meta.putNull("creationTimestamp");
        ObjectNode l = meta.putObject("labels");
        if (labels.isEmpty()) {
            l.put("run", name);
        } else {
            for (String kv : labels.split(",")) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new KubectlException("error: unexpected label spec: " + kv);
                }
                l.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        ObjectNode spec = pod.putObject("spec");
        ObjectNode c = spec.putArray("containers").addObject();
        c.put("name", name);
        c.put("image", image);
        List<String> rest = args.subList(1, args.size());
        if (!rest.isEmpty()) {
            c.set(command ? "command" : "args", CreateCommand.strings(rest));
        }
        if (!port.isEmpty()) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new KubectlException("error: strconv.Atoi: parsing \"" + port + "\": invalid syntax");
            }
            c.putArray("ports").addObject().put("containerPort", p);
        }
        if (!env.isEmpty()) {
            ArrayNode envs = c.putArray("env");
            for (String e : env) {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new KubectlException("error: invalid env: " + e);
                }
                ObjectNode v = envs.addObject();
                v.put("name", e.substring(0, eq));
                v.put("value", e.substring(eq + 1));
            }
        }
        c.putObject("resources");
        if (!imagePullPolicy.isEmpty()) {
            c.put("imagePullPolicy", imagePullPolicy);
        }
        spec.put("restartPolicy", restart);
        spec.put("dnsPolicy", "ClusterFirst");
        pod.putObject("status");
        return pod;
    }
}
