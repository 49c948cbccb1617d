package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Decoding, encoding and comparing manifests for the API model tests. */
public final class ManifestRoundTrip {

    private ManifestRoundTrip() {
    }

    /** Decodes strictly, collecting unknown fields. */
    public static <T> T decode(String yaml, Class<T> type, List<String> unknown) throws Exception {
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            return KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, type, unknown);
        }
    }

    /**
     * Decodes a manifest that must have no unknown fields, encodes it again and checks that (1) the encoding
     * decodes to an equal value and (2) it says what the manifest said: the same fields with the same values,
     * apart from empty objects the model adds ({@code status: {}}) and scalar types (YAML {@code 4} and
     * {@code "4"} are one quantity).
     */
    public static <T> T roundTrip(String yaml, Class<T> type) throws Exception {
        List<String> unknown = new ArrayList<>();
        T value = decode(yaml, type, unknown);
        assertEquals(List.of(), unknown, "unknown fields");
        String encoded = KubeJson.yaml().writeValueAsString(value);
        assertEquals(value, KubeJson.yaml().readValue(encoded, type), "decode(encode(x)) == x");
        assertEquals(normalize(KubeJson.yaml().readTree(yaml)), normalize(KubeJson.yaml().readTree(encoded)),
                "encoding keeps every field of the manifest:\n" + encoded);
        return value;
    }

    /** Scalars as text, empty objects and nulls dropped. */
    static JsonNode normalize(JsonNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node.isObject()) {
            ObjectNode out = f.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = normalize(e.getValue());
                if (!v.isNull() && !(v.isObject() && v.isEmpty())) {
                    out.set(e.getKey(), v);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = f.arrayNode();
            node.forEach(n -> out.add(normalize(n)));
            return out;
        }
        return node.isNull() ? node : f.textNode(node.asText());
    }
}
