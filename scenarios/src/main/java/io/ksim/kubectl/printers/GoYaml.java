package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * YAML text as kubectl prints objects ({@code -o yaml}): sigs.k8s.io/yaml turns the object's JSON into
 * go-yaml v2 values and go-yaml's block emitter writes them. Its rules, carried over here:
 *
 * <ul>
 *   <li>keys sorted as go-yaml sorts them (a letter sorts after a non-letter, digit runs compare as numbers);</li>
 *   <li>sequences inside a mapping are not indented ({@code containers:\n- image: nginx}); two spaces per level;</li>
 *   <li>a string that would read back as something else ({@code "80"}, {@code "true"}, {@code "on"},
 *       {@code ""}, {@code "2025-01-01T00:00:00Z"}) is double-quoted; one that plain style cannot hold
 *       ({@code ": "}, a leading {@code *}, trailing space) is single-quoted; one with non-printable
 *       characters double-quoted with escapes; one with line breaks is a literal block ({@code |}, {@code |-});</li>
 *   <li>long plain and quoted strings fold at a space once the line is past 80 columns, continuing two
 *       spaces deeper than their key;</li>
 *   <li>empty mappings and sequences print as {@code {}} and {@code []}.</li>
 * </ul>
 */
public final class GoYaml {

    private static final int BEST_WIDTH = 80;

    private final StringBuilder out = new StringBuilder();
    private int column;

    private GoYaml() {
    }

    /** The YAML document for {@code node}, ending with a newline. */
    public static String write(JsonNode node) {
        GoYaml y = new GoYaml();
        if (node.isObject() && !node.isEmpty()) {
            y.mapping(node, 0, false);
        } else if (node.isArray() && !node.isEmpty()) {
            y.sequence(node, 0, false);
        } else {
            y.scalar(node, 0, false);
            y.newline();
        }
        return y.out.toString();
    }

    private void mapping(JsonNode node, int indent, boolean inline) {
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : sortedFields(node)) {
            if (!(first && inline)) {
                put(" ".repeat(indent));
            }
            first = false;
            string(e.getKey(), indent + 2, true);
            put(":");
            JsonNode v = e.getValue();
            if (v.isObject() && !v.isEmpty()) {
                newline();
                mapping(v, indent + 2, false);
            } else if (v.isArray() && !v.isEmpty()) {
                newline();
                sequence(v, indent, false);
            } else {
                put(" ");
                scalar(v, indent + 2, false);
                newline();
            }
        }
    }

    private void sequence(JsonNode node, int indent, boolean inline) {
        boolean first = true;
        for (JsonNode item : node) {
            if (!(first && inline)) {
                put(" ".repeat(indent));
            }
            first = false;
            put("- ");
            if (item.isObject() && !item.isEmpty()) {
                mapping(item, indent + 2, true);
            } else if (item.isArray() && !item.isEmpty()) {
                sequence(item, indent + 2, true);
            } else {
                scalar(item, indent + 2, false);
                newline();
            }
        }
    }

    private void scalar(JsonNode v, int indent, boolean key) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            put("null");
        } else if (v.isObject()) {
            put("{}");
        } else if (v.isArray()) {
            put("[]");
        } else if (v.isTextual()) {
            string(v.textValue(), indent, key);
        } else if (v.isBoolean()) {
            put(Boolean.toString(v.booleanValue()));
        } else if (v.isIntegralNumber()) {
            put(v.bigIntegerValue().toString());
        } else if (v.isNumber()) {
            put(formatFloat(v.doubleValue()));
        } else {
            string(v.asText(), indent, key);
        }
    }

    private static String formatFloat(double f) {
        if (Double.isNaN(f)) {
            return ".nan";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+.inf" : "-.inf";
        }
        if (f == Math.rint(f) && Math.abs(f) < 1e21) {
            return new BigDecimal(f).toPlainString();
        }
        return GoJson.formatFloat(f);
    }

    // ---- strings -------------------------------------------------------------------------------

    private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

    private void string(String s, int indent, boolean key) {
        Style style;
        if (s.contains("\n")) {
            style = Style.LITERAL;
        } else if (GoYamlRules.resolvesAsString(s)) {
            style = Style.PLAIN;
        } else {
            style = Style.DOUBLE;
        }
        GoYamlRules.Analysis a = GoYamlRules.analyze(s);
        if (style == Style.PLAIN) {
            if (!a.blockPlainAllowed() || (s.isEmpty() && key)) {
                style = Style.SINGLE;
            }
        }
        if (style == Style.SINGLE && !a.singleQuotedAllowed()) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!a.blockAllowed() || key)) {
            style = Style.DOUBLE;
        }
        boolean allowBreaks = !key;
        switch (style) {
            case PLAIN -> plain(s, indent, allowBreaks);
            case SINGLE -> singleQuoted(s, indent, allowBreaks);
            case DOUBLE -> doubleQuoted(s, indent, allowBreaks);
            case LITERAL -> literal(s, indent);
        }
    }

    private void plain(String s, int indent, boolean allowBreaks) {
        boolean spaces = false;
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && !(i + 1 < cps.length && cps[i + 1] == ' ')) {
                    indent(indent);
                } else {
                    putCodePoint(c);
                }
                spaces = true;
            } else {
                putCodePoint(c);
                spaces = false;
            }
        }
    }

    private void singleQuoted(String s, int indent, boolean allowBreaks) {
        put("'");
        boolean spaces = false;
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] != ' ') {
                    indent(indent);
                } else {
                    putCodePoint(c);
                }
                spaces = true;
            } else {
                if (c == '\'') {
                    put("'");
                }
                putCodePoint(c);
                spaces = false;
            }
        }
        put("'");
    }

    private void doubleQuoted(String s, int indent, boolean allowBreaks) {
        put("\"");
        boolean spaces = false;
        int[] cps = s.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!GoYamlRules.isPrintable(c) || c == 0xFEFF || GoYamlRules.isBreak(c) || c == '"' || c == '\\') {
                put("\\");
                switch (c) {
                    case 0x00 -> put("0");
                    case 0x07 -> put("a");
                    case 0x08 -> put("b");
                    case 0x09 -> put("t");
                    case 0x0A -> put("n");
                    case 0x0B -> put("v");
                    case 0x0C -> put("f");
                    case 0x0D -> put("r");
                    case 0x1B -> put("e");
                    case 0x22 -> put("\"");
                    case 0x5C -> put("\\");
                    case 0x85 -> put("N");
                    case 0xA0 -> put("_");
                    case 0x2028 -> put("L");
                    case 0x2029 -> put("P");
                    default -> {
                        if (c <= 0xFF) {
                            put(String.format("x%02X", c));
                        } else if (c <= 0xFFFF) {
                            put(String.format("u%04X", c));
                        } else {
                            put(String.format("U%08X", c));
                        }
                    }
                }
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i != 0 && i != cps.length - 1) {
                    indent(indent);
                    if (i + 1 < cps.length && cps[i + 1] == ' ') {
                        put("\\");
                    }
                } else {
                    putCodePoint(c);
                }
                spaces = true;
            } else {
                putCodePoint(c);
                spaces = false;
            }
        }
        put("\"");
    }

    private void literal(String s, int indent) {
        put("|");
        if (s.startsWith(" ") || s.startsWith("\n")) {
            put("2");
        }
        if (!s.endsWith("\n")) {
            put("-");
        } else if (s.length() == 1 || s.charAt(s.length() - 2) == '\n') {
            put("+");
        }
        newline();
        boolean breaks = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                newline();
                breaks = true;
            } else {
                if (breaks) {
                    put(" ".repeat(indent));
                    breaks = false;
                }
                out.append(c);
                column++;
            }
        }
        // The emitter ends the scalar on its own line: the line break after the text is the newline
        // the mapping writes next, unless the text already ended with one.
        if (s.endsWith("\n")) {
            column = 0;
            out.setLength(out.length() - 1);
        }
    }

    private void indent(int indent) {
        newline();
        put(" ".repeat(indent));
    }

    private void newline() {
        out.append('\n');
        column = 0;
    }

    private void put(String s) {
        out.append(s);
        column += s.codePointCount(0, s.length());
    }

    private void putCodePoint(int c) {
        out.appendCodePoint(c);
        column++;
    }

    // ---- key order -----------------------------------------------------------------------------

    private static List<Map.Entry<String, JsonNode>> sortedFields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        entries.sort((a, b) -> GoYamlRules.compareKeys(a.getKey(), b.getKey()));
        return entries;
    }
}
