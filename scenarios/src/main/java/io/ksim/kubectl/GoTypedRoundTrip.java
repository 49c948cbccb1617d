package io.ksim.kubectl;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON tree as kubectl prints it after decoding it into a typed Go object and encoding that again (what
 * {@code kubectl run --overrides} does with the patched Pod): fields in the struct's order (ksim's records
 * declare upstream's order; TypeMeta's {@code kind} and {@code apiVersion} first), fields the type does not know
 * dropped, map keys sorted as encoding/json sorts them. Nulls stay where the tree has them.
 *
 * <p>Example: {@code {"spec":{"hostNetwork":true,"containers":[...]},"kind":"Pod","bogus":1}} for {@code Pod}
 * becomes {@code {"kind":"Pod","spec":{"containers":[...],"hostNetwork":true}}}.
 */
final class GoTypedRoundTrip {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TYPE_META = List.of("kind", "apiVersion");

    private GoTypedRoundTrip() {
    }

    /** {@code tree} as the top-level object of record type {@code type} round-trips. */
    static ObjectNode of(JsonNode tree, Class<? extends Record> type) {
        ObjectNode out = NODES.objectNode();
        for (String key : TYPE_META) {
            if (tree.has(key)) {
                out.set(key, tree.get(key));
            }
        }
        ObjectNode rest = (ObjectNode) value(tree, type);
        rest.fields().forEachRemaining(e -> {
            if (!TYPE_META.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static JsonNode value(JsonNode node, Type type) {
        if (node == null || node.isNull()) {
            return node;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord() && node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (RecordComponent c : raw.getRecordComponents()) {
                String name = jsonName(c);
                if (node.has(name)) {
                    out.set(name, value(node.get(name), c.getGenericType()));
                }
            }
            return out;
        }
        if (Map.class.isAssignableFrom(raw) && node.isObject()) {
            Type valueType = argument(type, 1);
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), value(e.getValue(), valueType)));
            ObjectNode out = NODES.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
            Type itemType = argument(type, 0);
            ArrayNode out = NODES.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                out.add(value(it.next(), itemType));
            }
            return out;
        }
        return node;
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }
}
