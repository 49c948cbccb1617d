package io.ksim.kubectl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.apiserver.ResourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The objects that {@code -f} names, in kubectl's order: each {@code -f} in turn; a directory's
 * {@code .json}, {@code .yaml} and {@code .yml} files in name order; {@code -} for standard input; every
 * document of a multi-document YAML stream, and the items of a {@code kind: List}.
 */
record ManifestSource(String source, ObjectNode document, int line) {

    /** kubectl's builder error when {@code -f} and resource arguments are both given. */
    static final String PATHS_AND_ARGUMENTS = "error: when paths, URLs, or stdin is provided as input, you may not "
            + "specify resource arguments as well";

    /** An object a document names, for the commands that act on objects that exist (get, describe, delete). */
    record Named(ResourceType<?> type, String namespace, String name, String source) {
    }

    /**
     * The objects the documents of {@code -f} name, in order: their resource, namespace (the document's, else
     * {@code -n}'s, checked against an explicit {@code -n}) and name. {@code args} must be empty.
     */
    static List<Named> named(KubectlContext ctx, List<String> filenames, List<String> args) {
        if (!args.isEmpty()) {
            throw new KubectlException(PATHS_AND_ARGUMENTS);
        }
        WriteCommand documents = new WriteCommand(ctx) { };
        List<Named> out = new ArrayList<>();
        for (ManifestSource doc : read(ctx, filenames)) {
            ResourceType<?> type = documents.typeOf(doc);
            out.add(new Named(type, documents.namespaceOf(type, doc), doc.name(), doc.source()));
        }
        return out;
    }

    /**
     * Whether what {@code -f} names implies one object (the builder's singleItemImplied): one path, neither a
     * directory nor standard input.
     */
    static boolean singleItemImplied(KubectlContext ctx, List<String> filenames) {
        return filenames.size() == 1 && !filenames.get(0).equals("-")
                && !Files.isDirectory(ctx.resolvePath(filenames.get(0)));
    }

    /** Reads every {@code -f} argument; kubectl's errors for missing paths and unreadable YAML. */
    static List<ManifestSource> read(KubectlContext ctx, List<String> filenames) {
        List<ManifestSource> out = new ArrayList<>();
        for (String f : filenames) {
            if (f.equals("-")) {
                parse("STDIN", ctx.stdin(), out);
                continue;
            }
            Path path = ctx.resolvePath(f);
            if (!Files.exists(path)) {
                throw new KubectlException("error: the path \"" + f + "\" does not exist");
            }
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> {
                        String n = p.getFileName().toString();
                        return Files.isRegularFile(p) && (n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml"));
                    }).sorted().toList();
                } catch (IOException e) {
                    throw new KubectlException("error: " + e.getMessage());
                }
                for (Path p : files) {
                    String shown = f.endsWith("/") ? f + p.getFileName() : f + "/" + p.getFileName();
                    parse(shown, readFile(p), out);
                }
            } else {
                parse(f, readFile(path), out);
            }
        }
        return out;
    }

    private static String readFile(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new KubectlException("error: " + e.getMessage());
        }
    }

    private static void parse(String source, String text, List<ManifestSource> out) {
        try (JsonParser parser = KubeJson.yaml().createParser(text)) {
            MappingIterator<JsonNode> docs = KubeJson.yaml().readValues(parser, JsonNode.class);
            while (docs.hasNextValue()) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new KubectlException("error: error validating \"" + source + "\": error validating data: "
                            + "invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false");
                }
                if (doc.path("kind").asText("").endsWith("List") && doc.path("items").isArray()) {
                    for (JsonNode item : doc.path("items")) {
                        if (item.isObject()) {
                            out.add(new ManifestSource(source, (ObjectNode) item, line));
                        }
                    }
                    continue;
                }
                out.add(new ManifestSource(source, (ObjectNode) doc, line));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new KubectlException("error: error parsing " + source + ": error converting YAML to JSON: yaml: line "
                    + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new KubectlException("error: " + e.getMessage());
        }
    }

    String kind() {
        return document.path("kind").asText("");
    }

    String apiVersion() {
        return document.path("apiVersion").asText("");
    }

    String name() {
        return document.path("metadata").path("name").asText("");
    }

    String namespace() {
        return document.path("metadata").path("namespace").asText("");
    }
}
