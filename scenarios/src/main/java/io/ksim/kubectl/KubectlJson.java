package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's encoding/json writes it for kubectl: {@code -o json} indented by four spaces
 * (json.MarshalIndent), and the compact form stored in the last-applied-configuration annotation. Keys
 * keep the tree's order, or are sorted (a Go map: unstructured objects); {@code <}, {@code >} and
 * {@code &} are escaped as Go does.
 */
final class KubectlJson {

    private KubectlJson() {
    }

    /** {@code -o json}: four-space indentation, keys in the tree's order. */
    static String indented(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(b, node, 0, true, false);
        return b.append('\n').toString();
    }

    /** Compact, keys sorted at every level (json.Marshal of an unstructured object). */
    static String compactSorted(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(b, node, 0, false, true);
        return b.toString();
    }

    /** Compact, keys in the tree's order (json.Marshal of a Go struct). */
    static String compactInOrder(JsonNode node) {
        StringBuilder b = new StringBuilder();
        write(b, node, 0, false, false);
        return b.toString();
    }

    private static void write(StringBuilder b, JsonNode n, int level, boolean indent, boolean sort) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            b.append("null");
        } else if (n.isObject()) {
            if (n.size() == 0) {
                b.append("{}");
                return;
            }
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            if (sort) {
                Collections.sort(keys);
            }
            b.append('{');
            boolean first = true;
            for (String k : keys) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                newline(b, level + 1, indent);
                string(b, k);
                b.append(indent ? ": " : ":");
                write(b, n.get(k), level + 1, indent, sort);
            }
            newline(b, level, indent);
            b.append('}');
        } else if (n.isArray()) {
            if (n.size() == 0) {
                b.append("[]");
                return;
            }
            b.append('[');
            boolean first = true;
            for (JsonNode item : n) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                newline(b, level + 1, indent);
                write(b, item, level + 1, indent, sort);
            }
            newline(b, level, indent);
            b.append(']');
        } else if (n.isTextual()) {
            string(b, n.asText());
        } else if (n.isIntegralNumber()) {
            b.append(n.bigIntegerValue());
        } else if (n.isNumber()) {
            b.append(n.asText());
        } else {
            b.append(n.asText());
        }
    }

    private static void newline(StringBuilder b, int level, boolean indent) {
        if (indent) {
            b.append('\n').append("    ".repeat(level));
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode n) {
        return n.fields();
    }
}
