package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON text as Go's {@code encoding/json} writes it for kubectl. A decoded object ({@code map[string]interface{}})
 * is what {@code get -o json} and jsonpath print: object keys in sorted order. A typed object (a Go struct, as
 * the generators of {@code create}/{@code run} build and {@code --dry-run -o json} prints) keeps its fields in
 * declaration order, which is the tree's order here. Either way {@code <}, {@code >} and {@code &} are escaped
 * as {@code \u003c}, {@code \u003e}, {@code \u0026}, and the indentation is the given string
 * ({@code json.MarshalIndent}) or none ({@code json.Marshal}).
 */
public final class GoJson {

    private GoJson() {
    }

    /** {@code json.Marshal} of a decoded object: compact, keys sorted at every level. */
    public static String compact(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, null, "", true);
        return sb.toString();
    }

    /** {@code json.MarshalIndent(v, "", indent)} of a decoded object: keys sorted at every level. */
    public static String indent(JsonNode node, String indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, indent, "", true);
        return sb.toString();
    }

    /** {@code json.Marshal} of a Go struct: compact, fields in the tree's order. */
    public static String compactInOrder(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, null, "", false);
        return sb.toString();
    }

    /** {@code json.MarshalIndent(v, "", indent)} of a Go struct: fields in the tree's order. */
    public static String indentInOrder(JsonNode node, String indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, indent, "", false);
        return sb.toString();
    }

    /** A copy of {@code node} whose objects list their fields in sorted order, as Go's maps are printed. */
    public static JsonNode sorted(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String n : names) {
                copy.set(n, sorted(node.get(n)));
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(sorted(e)));
            return copy;
        }
        return node;
    }

    private static void write(StringBuilder sb, JsonNode node, String indent, String prefix, boolean sort) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append("null");
        } else if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            if (sort) {
                names.sort(null);
            }
            sb.append('{');
            String inner = indent == null ? "" : prefix + indent;
            boolean first = true;
            for (String name : names) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, indent, inner);
                quote(sb, name);
                sb.append(indent == null ? ":" : ": ");
                write(sb, node.get(name), indent, inner, sort);
            }
            newline(sb, indent, prefix);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            String inner = indent == null ? "" : prefix + indent;
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                newline(sb, indent, inner);
                write(sb, it.next(), indent, inner, sort);
                if (it.hasNext()) {
                    sb.append(',');
                }
            }
            newline(sb, indent, prefix);
            sb.append(']');
        } else if (node.isTextual()) {
            quote(sb, node.textValue());
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            sb.append(formatFloat(node.doubleValue()));
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else {
            quote(sb, node.asText());
        }
    }

    private static void newline(StringBuilder sb, String indent, String prefix) {
        if (indent != null) {
            sb.append('\n').append(prefix);
        }
    }

    /** A float as Go's encoder writes it: plain between 1e-6 and 1e21, exponent form outside. */
    static String formatFloat(double f) {
        if (f == Math.rint(f) && Math.abs(f) < 1e21) {
            return new BigDecimal(f).toPlainString();
        }
        double abs = Math.abs(f);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String s = Double.toString(f).replace("E", "e");
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("\\.0$", "");
            String exp = s.substring(e + 1);
            boolean negative = exp.startsWith("-");
            exp = exp.replaceFirst("^-", "");
            return mantissa + "e" + (negative ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
        }
        return BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
    }

    /** A string literal with encoding/json's escapes, the ones the controllers' revision data uses too. */
    static void quote(StringBuilder sb, String s) {
        io.ksim.controller.hash.GoJson.quote(sb, s);
    }

    /** Go's {@code fmt.Sprint} of a decoded JSON scalar, as jsonpath prints one. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            double f = node.doubleValue();
            double abs = Math.abs(f);
            if (abs != 0 && (abs < 1e-4 || abs >= 1e21)) {
                return formatFloat(f);
            }
            return BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        return node.asText();
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }
}
