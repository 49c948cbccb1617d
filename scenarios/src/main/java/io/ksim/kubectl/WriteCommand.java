package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ManifestException;
import io.ksim.apiserver.ResourceType;
import io.ksim.api.meta.Status;
import picocli.CommandLine.Option;

/**
 * What the commands that write objects share ({@code create}, {@code apply}, {@code replace}, {@code run},
 * {@code expose}): {@code --dry-run=none|client|server}, {@code -o yaml|json|name}, the
 * {@code kind.group/name} texts, and the decoding of manifest documents with kubectl's errors.
 */
abstract class WriteCommand {

    enum DryRun { NONE, CLIENT, SERVER }

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "unchanged", paramLabel = "strategy",
            description = "Must be \"none\", \"server\", or \"client\".")
    String dryRunFlag = "none";

    @Option(names = {"-o", "--output"}, description = "Output format: json|yaml|name.")
    String output;

    final KubectlContext ctx;

    /** The printer {@code -o} selects, kept across objects (the YAML printer separates them with {@code ---}). */
    private OutputFormat format;

    WriteCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    DryRun dryRun() {
        return switch (dryRunFlag) {
            case "unchanged", "client" -> DryRun.CLIENT;
            case "server" -> DryRun.SERVER;
            case "none" -> DryRun.NONE;
            default -> throw new KubectlException("error: Invalid dry-run value (" + dryRunFlag
                    + "). Must be \"none\", \"server\", or \"client\".");
        };
    }

    void checkOutput() {
        format();
    }

    /** The printer {@code -o} names, or null without {@code -o}; kubectl's error for a format it cannot print. */
    private OutputFormat format() {
        if (format == null && output != null) {
            format = OutputFormat.parseForWrite(output);
        }
        return format;
    }

    /** Prints what a write did: {@code deployment.apps/web created}, or the object with {@code -o}. */
    void printResult(ResourceType<?> type, String name, JsonNode object, String operation) {
        String op = operation + switch (dryRun()) {
            case CLIENT -> " (dry run)";
            case SERVER -> " (server dry run)";
            case NONE -> "";
        };
        OutputFormat f = format();
        if (f == null) {
            ctx.out().println(ResourceBuilder.kindGroup(type) + "/" + name + " " + op);
        } else if (f.kind == OutputFormat.Kind.NAME) {
            ctx.out().println(ResourceBuilder.kindGroup(type) + "/" + name);
        } else {
            StringBuilder text = new StringBuilder();
            f.printTyped(object, text);
            ctx.out().print(text);
        }
    }

    /** The tree of a stored object, as the API server returns it. */
    static ObjectNode tree(KubeObject obj) {
        return KubeJson.json().valueToTree(obj);
    }

    /** The resource a manifest document is of; kubectl's client-side errors when it names none. */
    ResourceType<?> typeOf(ManifestSource doc) {
        if (doc.kind().isEmpty()) {
            throw new KubectlException("error: error validating \"" + doc.source() + "\": error validating data: "
                    + "kind not set; if you choose to ignore these errors, turn validation off with --validate=false");
        }
        if (doc.apiVersion().isEmpty()) {
            throw new KubectlException("error: error validating \"" + doc.source() + "\": error validating data: "
                    + "apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false");
        }
        ResourceType<?> type = ctx.api().scheme().forKind(doc.apiVersion(), doc.kind());
        if (type == null) {
            throw new KubectlException("error: resource mapping not found for name: \"" + doc.name() + "\" namespace: \""
                    + doc.namespace() + "\" from \"" + doc.source() + "\": no matches for kind \"" + doc.kind()
                    + "\" in version \"" + doc.apiVersion() + "\"\nensure CRDs are installed first");
        }
        return type;
    }

    /** The namespace a document goes to: its own, or the request's; kubectl's error when -n names another. */
    String namespaceOf(ResourceType<?> type, ManifestSource doc) {
        if (!type.namespaced()) {
            return null;
        }
        String own = doc.namespace();
        if (own.isEmpty()) {
            return ctx.namespace();
        }
        if (ctx.namespaceGiven() && !own.equals(ctx.namespace())) {
            throw new KubectlException("error: the namespace from the provided object \"" + own
                    + "\" does not match the namespace \"" + ctx.namespace()
                    + "\". You must pass '--namespace=" + own + "' to perform this operation.");
        }
        return own;
    }

    /** Decodes a document strictly, as the API server does with fieldValidation=Strict. */
    KubeObject decode(JsonNode doc, String verb, String source) {
        try {
            return ctx.api().scheme().decode(doc, 0);
        } catch (ManifestException e) {
            throw withSource(new ApiException(Status.failure(400, "BadRequest", e.getMessage(), null)), verb, source);
        }
    }

    /** kubectl's AddSourceToErr: {@code error when creating "web.yaml": ...}. */
    static ApiException withSource(ApiException e, String verb, String source) {
        if (source == null) {
            return e;
        }
        Status s = e.status();
        return new ApiException(Status.failure(s.code(), s.reason(), "error when " + verb + " \"" + source + "\": "
                + s.message(), s.details()));
    }
}
