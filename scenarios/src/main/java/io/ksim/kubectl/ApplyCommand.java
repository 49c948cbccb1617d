package io.ksim.kubectl;

import io.ksim.kubectl.printers.GoJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.patch.PatchException;
import io.ksim.apiserver.patch.StrategicMergePatch;
import picocli.CommandLine.Command;

/**
 * {@code kubectl apply -f}: client-side apply. A new object is created with the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation (the applied document as compact JSON);
 * an existing one gets kubectl's three-way strategic merge patch: what was removed since the last applied
 * configuration is removed, what the file says is set, and what other writers set elsewhere stays.
 * Prints {@code created}, {@code configured} or {@code unchanged}.
 */
@Command(name = "apply")
final class ApplyCommand extends ManifestCommand {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    ApplyCommand(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    void write(ManifestSource doc, ResourceType<?> type, String ns) {
        ObjectNode modified = withLastApplied(doc.document(), ns);
        String name = doc.name();
        if (name.isEmpty()) {
            throw new KubectlException("error: error when retrieving current configuration of:\n" + info(type, name, ns)
                    + "\nfrom server for: \"" + doc.source() + "\": resource name may not be empty");
        }
        KubeObject live = null;
        try {
            live = ctx.api().get(type, ns, name);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw withSource(e, "retrieving current configuration of:\n" + info(type, name, ns)
                        + "\nfrom server for:", doc.source());
            }
        }
        if (live == null) {
            KubeObject obj = decode(modified, "creating", doc.source());
            JsonNode result = CreateCommand.submit(this, type, ns, obj, dryRun(), doc.source());
            printResult(type, obj.metadata().name(), result, "created");
            return;
        }
        // Check the new configuration decodes before patching with it.
        decode(modified, "patching", doc.source());
        ObjectNode current = tree(live);
        String annotation = live.metadata().annotations() == null ? null : live.metadata().annotations().get(LAST_APPLIED);
        if (annotation == null) {
            ctx.err().println("Warning: resource " + type.resource() + "/" + name + " is missing the " + LAST_APPLIED
                    + " annotation which is required by kubectl apply. kubectl apply should only be used on resources "
                    + "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
                    + "annotation will be patched automatically.");
        }
        JsonNode original = null;
        if (annotation != null) {
            try {
                original = KubeJson.json().readTree(annotation);
            } catch (java.io.IOException e) {
                original = null;
            }
        }
        ObjectNode patch;
        try {
            patch = StrategicMergePatch.createThreeWayMergePatch(original, modified, current, type.type());
        } catch (PatchException e) {
            throw new KubectlException("error: " + e.getMessage());
        }
        if (patch.isEmpty()) {
            printResult(type, name, current, "unchanged");
            return;
        }
        JsonNode result;
        if (dryRun() == DryRun.CLIENT) {
            result = current;
        } else if (dryRun() == DryRun.SERVER) {
            result = StrategicMergePatch.apply(current, patch, type.type());
        } else {
            try {
                result = tree(ctx.api().patch(type, ns, name, PatchType.STRATEGIC, GoJson.compact(patch)));
            } catch (ApiException e) {
                throw withSource(e, "applying patch:\n" + GoJson.compact(patch) + "\nto:\n"
                        + info(type, name, ns) + "\nfor:", doc.source());
            }
        }
        printResult(type, name, result, "configured");
    }

    /** How kubectl describes the object in apply's errors (resource.Info's String). */
    static String info(ResourceType<?> type, String name, String namespace) {
        return "Resource: \"" + type.group() + "/" + type.version() + ", Resource=" + type.resource()
                + "\", GroupVersionKind: \"" + type.group() + "/" + type.version() + ", Kind=" + type.kind() + "\"\n"
                + "Name: \"" + name + "\", Namespace: \"" + (namespace == null ? "" : namespace) + "\"";
    }

    /**
     * The document as kubectl sends it: the namespace filled in, and the annotation set to the document
     * itself (without that annotation) as compact JSON with sorted keys and a final newline.
     */
    static ObjectNode withLastApplied(ObjectNode document, String namespace) {
        ObjectNode doc = document.deepCopy();
        JsonNode m = doc.get("metadata");
        ObjectNode meta = m instanceof ObjectNode o ? o : doc.putObject("metadata");
        if (namespace != null && !meta.hasNonNull("namespace")) {
            meta.put("namespace", namespace);
        }
        JsonNode a = meta.get("annotations");
        ObjectNode annotations = a instanceof ObjectNode o ? o : meta.putObject("annotations");
        annotations.remove(LAST_APPLIED);
        String json = GoJson.compact(doc) + "\n";
        annotations.put(LAST_APPLIED, json);
        return doc;
    }
}
