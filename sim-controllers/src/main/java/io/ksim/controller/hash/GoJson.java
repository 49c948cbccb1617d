package io.ksim.controller.hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.core.PodTemplateSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Go's encoding/json, as far as the StatefulSet and DaemonSet controllers need it for their
 * ControllerRevisions: they marshal the workload, unmarshal it into a generic map, take
 * {@code spec.template}, add {@code "$patch": "replace"} and marshal that map again. Those bytes are the
 * revision's data and what its hash is taken over.
 *
 * <p>{@link #podTemplateSpec} gives the template as encoding/json writes the Go struct: fields without
 * {@code omitempty} are there even when empty ({@code "creationTimestamp":null}, {@code "resources":{}},
 * a ResourceFieldSelector's {@code "divisor":"0"}), and empty lists are {@code null} where a nil slice
 * is not omitted. {@link #marshal} writes a generic value as json.Marshal does: object keys sorted by their
 * bytes, {@code <}, {@code >} and {@code &} escaped as six-character unicode escapes, numbers through float64.
 * <pre>
 *   {"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"nginx"}},...}}}
 * </pre>
 */
public final class GoJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long FLOAT64_EXACT = 1L << 53;

    private final GoTypeLayout layout;

    private GoJson(GoTypeLayout layout) {
        this.layout = layout;
    }

    /** {@code template} as encoding/json writes the v1.32 Go struct, as a tree. */
    public static ObjectNode podTemplateSpec(PodTemplateSpec template) {
        JsonNode json = KubeJson.json().valueToTree(template);
        return (ObjectNode) new GoJson(GoTypeLayout.v1_32()).encode("v1.PodTemplateSpec", json);
    }

    private JsonNode encode(String type, JsonNode node) {
        if (type.startsWith("*")) {
            return isAbsent(node) ? NODES.nullNode() : encode(type.substring(1), node);
        }
        switch (type) {
            case "resource.Quantity":
                return NODES.textNode(isAbsent(node) ? "0" : node.asText());
            case "intstr.IntOrString":
                return isAbsent(node) ? NODES.numberNode(0) : node;
            case "v1.Time":
                return isAbsent(node) ? NODES.nullNode() : node;
            default:
                break;
        }
        List<GoTypeLayout.Field> fields = layout.structFields(type);
        if (fields != null) {
            ObjectNode out = NODES.objectNode();
            struct(out, fields, node);
            return out;
        }
        String underlying = layout.underlying(type);
        if (underlying == null) {
            underlying = type;
        }
        if (underlying.startsWith("[]")) {
            if (isAbsent(node) || node.isEmpty()) {
                return NODES.nullNode();
            }
            var out = NODES.arrayNode();
            for (JsonNode e : node) {
                out.add(encode(underlying.substring(2), e));
            }
            return out;
        }
        if (underlying.startsWith("map[")) {
            if (isAbsent(node) || node.isEmpty()) {
                return NODES.nullNode();
            }
            String valueType = underlying.substring(underlying.indexOf(']') + 1);
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), encode(valueType, e.getValue()));
            }
            return out;
        }
        return switch (underlying) {
            case "string" -> NODES.textNode(isAbsent(node) ? "" : node.asText());
            case "bool" -> NODES.booleanNode(!isAbsent(node) && node.asBoolean());
            default -> {
                if (!underlying.startsWith("int") && !underlying.startsWith("uint")) {
                    throw new IllegalStateException("no Go layout for type " + type);
                }
                yield isAbsent(node) ? NODES.numberNode(0) : node;
            }
        };
    }

    private void struct(ObjectNode out, List<GoTypeLayout.Field> fields, JsonNode node) {
        for (GoTypeLayout.Field f : fields) {
            if (f.inline()) {
                if (layout.structFields(f.goType()) != null) {
                    struct(out, layout.structFields(f.goType()), node);
                }
                continue;
            }
            if (f.jsonName().equals("-")) {
                continue;
            }
            JsonNode value = isAbsent(node) ? null : node.get(f.jsonName());
            if (f.omitEmpty() && isEmpty(f.goType(), value)) {
                continue;
            }
            out.set(f.jsonName(), encode(f.goType(), value));
        }
    }

    /** encoding/json's isEmptyValue: nil pointers, empty strings, lists and maps, false and 0; never a struct. */
    private boolean isEmpty(String type, JsonNode value) {
        if (type.startsWith("*")) {
            return isAbsent(value);
        }
        if (type.startsWith("[]") || type.startsWith("map[")) {
            return isAbsent(value) || value.isContainerNode() && value.isEmpty();
        }
        if (layout.structFields(type) != null || type.equals("resource.Quantity")
                || type.equals("intstr.IntOrString") || type.equals("v1.Time")) {
            return false;
        }
        String underlying = layout.underlying(type);
        if (underlying == null) {
            return false;
        }
        if (underlying.startsWith("map[")) {
            return isAbsent(value) || value.isEmpty();
        }
        return switch (underlying) {
            case "string" -> isAbsent(value) || value.asText().isEmpty();
            case "bool" -> isAbsent(value) || !value.asBoolean();
            default -> isAbsent(value) || value.asLong() == 0;
        };
    }

    /** json.Marshal of a value decoded into Go's generic types (map[string]interface{} and friends). */
    public static String marshal(JsonNode node) {
        StringBuilder out = new StringBuilder(1024);
        write(out, node);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node) {
        if (isAbsent(node)) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
                    b.getBytes(StandardCharsets.UTF_8)));
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(out, keys.get(i));
                out.append(':');
                write(out, node.get(keys.get(i)));
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, node.get(i));
            }
            out.append(']');
        } else if (node.isTextual()) {
            quote(out, node.asText());
        } else if (node.isBoolean()) {
            out.append(node.asBoolean());
        } else if (node.isIntegralNumber()) {
            long n = node.asLong();
            // Unmarshal into interface{} makes every number a float64; large ones lose their last digits.
            out.append(Math.abs(n) <= FLOAT64_EXACT ? Long.toString(n)
                    : new BigDecimal(Double.toString((double) n)).toPlainString());
        } else {
            throw new IllegalStateException("no Go encoding for JSON " + node.getNodeType());
        }
    }

    /**
     * Appends {@code s} as encoding/json writes a string (Go 1.22 and later, which the Kubernetes v1.32 binaries are
     * built with): HTML-safe, backspace, form feed, newline, return and tab by their letters, other control
     * characters, U+2028 and U+2029 as unicode escapes, lone surrogates (invalid UTF-8 in Go) as an escaped U+FFFD.
     * kubectl's JSON output uses the same escaping.
     */
    public static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
