package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.autoscaling.Scale;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.patch.JsonMergePatch;
import io.ksim.apiserver.patch.JsonPatch;
import io.ksim.apiserver.patch.PatchException;
import io.ksim.apiserver.patch.StrategicMergePatch;
import io.ksim.apiserver.registry.ScaleSubresource;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]}: the PATCH verb with the patch as
 * given (YAML is turned into JSON first, as kubectl does); {@code deployment.apps/web patched}, or
 * {@code patched (no change)} when the object came back as it was. {@code --subresource scale|status}
 * patches the Scale or the status.
 */
@Command(name = "patch")
final class PatchCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    @Option(names = {"-p", "--patch"})
    String patch;

    @Option(names = "--patch-file")
    String patchFile;

    @Option(names = "--type", defaultValue = "strategic")
    String type;

    @Option(names = "--subresource")
    String subresource;

    @Parameters
    List<String> args = new ArrayList<>();

    PatchCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (patch != null && !patch.isEmpty() && patchFile != null && !patchFile.isEmpty()) {
            throw new KubectlException("error: cannot specify --patch and --patch-file together");
        }
        if ((patch == null || patch.isEmpty()) && (patchFile == null || patchFile.isEmpty())) {
            throw new KubectlException("error: must specify --patch or --patch-file containing the contents of the patch");
        }
        PatchType patchType = switch (type.toLowerCase(Locale.ROOT)) {
            case "json" -> PatchType.JSON;
            case "merge" -> PatchType.MERGE;
            case "strategic" -> PatchType.STRATEGIC;
            default -> throw new KubectlException("error: --type must be one of [json merge strategic], not \"" + type + "\"");
        };
        if (subresource != null && !subresource.equals("scale") && !subresource.equals("status")) {
            throw new KubectlException("error: invalid subresource value: \"" + subresource
                    + "\". Must be one of [status scale]");
        }
        String text = patch;
        if (patchFile != null && !patchFile.isEmpty()) {
            try {
                text = Files.readString(ctx.resolvePath(patchFile));
            } catch (IOException e) {
                throw new KubectlException("error: unable to read patch file: open " + patchFile
                        + ": no such file or directory");
            }
        }
        String json;
        try {
            json = KubeJson.json().writeValueAsString(KubeJson.yaml().readTree(text));
        } catch (IOException e) {
            throw new KubectlException("error: unable to parse \"" + patch + "\": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<ResourceBuilder.Target> targets = ResourceBuilder.select(ctx, args, null, false);
        ErrorText errors = new ErrorText();
        for (ResourceBuilder.Target t : targets) {
            try {
                if (subresource == null) {
                    patchObject(t, patchType, json);
                } else {
                    patchSubresource(t, patchType, json);
                }
            } catch (ApiException | KubectlException e) {
                errors.add(e);
            }
        }
        errors.throwIfAny();
        return 0;
    }

    private void patchObject(ResourceBuilder.Target t, PatchType patchType, String json) {
        ObjectNode before = t.read(ctx);
        KubeObject patched = ctx.api().patch(t.type(), t.namespace(), t.name(), patchType, json);
        ObjectNode after = (ObjectNode) KubeJson.json().valueToTree(patched);
        ctx.out().println(t.display() + " " + operation(before, after));
    }

    private void patchSubresource(ResourceBuilder.Target t, PatchType patchType, String json) {
        ResourceType<?> type = t.type();
        if (subresource.equals("scale")) {
            Scale current = ScaleSubresource.get(ctx.api(), type, t.namespace(), t.name());
            JsonNode before = KubeJson.json().valueToTree(current);
            JsonNode after = applyLocally(before, patchType, json, Scale.class);
            int replicas = after.path("spec").path("replicas").asInt(0);
            Scale updated = ScaleSubresource.update(ctx.api(), type, t.namespace(), t.name(), replicas,
                    current.metadata().resourceVersion());
            ctx.out().println("scale.autoscaling/" + t.name() + " " + operation((ObjectNode) before,
                    (ObjectNode) KubeJson.json().valueToTree(updated)));
            return;
        }
        if (!type.hasStatus()) {
            throw new KubectlException("Error from server (NotFound): the server could not find the requested resource");
        }
        ObjectNode before = t.read(ctx);
        JsonNode after = applyLocally(before, patchType, json, type.type());
        KubeObject decoded = ctx.api().scheme().decode(after, 0);
        KubeObject updated = updateStatus(type, decoded);
        ctx.out().println(t.display() + " " + operation(before, (ObjectNode) KubeJson.json().valueToTree(updated)));
    }

    private <T extends KubeObject> T updateStatus(ResourceType<T> type, KubeObject obj) {
        return ctx.api().updateStatus(type, type.cast(obj));
    }

    private static JsonNode applyLocally(JsonNode before, PatchType patchType, String json, Class<?> type) {
        try {
            JsonNode p = KubeJson.json().readTree(json);
            return switch (patchType) {
                case JSON -> JsonPatch.apply(before, p);
                case MERGE -> JsonMergePatch.apply(before, p);
                case STRATEGIC -> StrategicMergePatch.apply(before, p, type);
            };
        } catch (IOException e) {
            throw new KubectlException("error: " + e.getMessage());
        } catch (PatchException e) {
            throw new KubectlException("Error from server: " + e.getMessage());
        }
    }

    /** "patched", or "patched (no change)" when the object came back unchanged apart from its resourceVersion. */
    private static String operation(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        ((ObjectNode) a.path("metadata")).remove("resourceVersion");
        ((ObjectNode) b.path("metadata")).remove("resourceVersion");
        return a.equals(b) ? "patched (no change)" : "patched";
    }
}
