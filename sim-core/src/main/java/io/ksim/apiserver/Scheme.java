package io.ksim.apiserver;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which Java type each (apiVersion, kind) decodes to, and the strict decoding of manifests into API
 * objects (upstream's runtime.Scheme with strict field validation).
 *
 * <p>Errors use upstream's words: {@code Deployment in version "v1" cannot be handled as a Deployment:
 * strict decoding error: unknown field "spec.replica"} for unknown fields (all of them, in input order),
 * {@code json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32} for a
 * value of the wrong type, {@code no matches for kind "Foo" in version "v1"} for an unknown kind.
 */
public final class Scheme {

    private final Map<String, ResourceType<?>> byApiVersionKind = new LinkedHashMap<>();

    public void register(ResourceType<?> type) {
        byApiVersionKind.put(type.apiVersion() + "/" + type.kind(), type);
    }

    /** The resource of a kind, or null. */
    public ResourceType<?> forKind(String apiVersion, String kind) {
        return byApiVersionKind.get(apiVersion + "/" + kind);
    }

    /** Decodes every document of a YAML (or JSON) stream; empty documents are skipped. */
    public List<KubeObject> decodeAll(String manifest) {
        List<KubeObject> out = new ArrayList<>();
        try (JsonParser parser = KubeJson.yaml().createParser(manifest)) {
            MappingIterator<JsonNode> docs = KubeJson.yaml().readValues(parser, JsonNode.class);
            while (docs.hasNextValue()) {
                JsonLocation start = parser.currentTokenLocation();
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                    continue;
                }
                out.add(decode(doc, start.getLineNr()));
            }
        } catch (JsonProcessingException e) {
            throw new ManifestException("error converting YAML to JSON: yaml: line " + lineOf(e) + ": "
                    + e.getOriginalMessage(), lineOf(e));
        } catch (IOException e) {
            throw new ManifestException(e.getMessage(), 0);
        }
        return out;
    }

    /** Decodes one object given as a tree; {@code line} is where it starts in its source (for errors). */
    public KubeObject decode(JsonNode doc, int line) {
        if (!doc.isObject()) {
            throw new ManifestException("couldn't get version/kind; json parse error: json: cannot unmarshal "
                    + jsonType(doc) + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
                    + "Kind string \"json:\\\"kind,omitempty\\\"\" }", line);
        }
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        if (kind.isEmpty()) {
            throw new ManifestException("Object 'Kind' is missing in '" + doc + "'", line);
        }
        if (apiVersion.isEmpty()) {
            throw new ManifestException("Object 'apiVersion' is missing in '" + doc + "'", line);
        }
        ResourceType<?> type = forKind(apiVersion, kind);
        if (type == null) {
            throw new ManifestException("no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"", line);
        }
        String prefix = kind + " in version \"" + type.version() + "\" cannot be handled as a " + kind + ": ";
        List<String> unknown = new ArrayList<>();
        KubeObject obj;
        try (JsonParser p = doc.traverse(KubeJson.yaml())) {
            obj = KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, type.type(), unknown);
        } catch (MismatchedInputException e) {
            throw new ManifestException(prefix + typeError(e, doc), line);
        } catch (DatabindException e) {
            throw new ManifestException(prefix + e.getOriginalMessage(), line);
        } catch (IOException e) {
            throw new ManifestException(prefix + e.getMessage(), line);
        }
        if (!unknown.isEmpty()) {
            throw new ManifestException(prefix + "strict decoding error: " + unknown.stream()
                    .map(f -> "unknown field \"" + f + "\"").collect(Collectors.joining(", ")), line);
        }
        return obj;
    }

    /** encoding/json's wording: {@code json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool}. */
    private static String typeError(MismatchedInputException e, JsonNode doc) {
        StringBuilder path = new StringBuilder();
        String struct = null;
        JsonNode given = doc;
        for (JsonMappingException.Reference ref : e.getPath()) {
            given = ref.getFieldName() != null ? given.path(ref.getFieldName()) : given.path(ref.getIndex());
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
                Object from = ref.getFrom();
                struct = from instanceof Class<?> c ? c.getSimpleName() : from == null ? struct : from.getClass().getSimpleName();
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return "json: cannot unmarshal " + jsonType(given) + " into Go struct field " + struct + "." + path
                + " of type " + goType(e.getTargetType());
    }

    private static String goType(Class<?> c) {
        if (c == null) {
            return "unknown";
        }
        if (c == Integer.class || c == int.class) {
            return "int32";
        }
        if (c == Long.class || c == long.class) {
            return "int64";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "bool";
        }
        if (c == String.class) {
            return "string";
        }
        if (c == Double.class || c == double.class) {
            return "float64";
        }
        if (List.class.isAssignableFrom(c)) {
            return "[]" + "interface {}";
        }
        if (Map.class.isAssignableFrom(c)) {
            return "map[string]string";
        }
        return c.getSimpleName();
    }

    private static String jsonType(JsonNode n) {
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return n.isArray() ? "array" : "object";
    }

    private static int lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }
}
