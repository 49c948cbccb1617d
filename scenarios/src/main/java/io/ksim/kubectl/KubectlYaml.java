package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as kubectl's {@code -o yaml} does (sigs.k8s.io/yaml over go-yaml v2): map keys sorted,
 * two-space indentation, list items at their key's indentation, empty maps and lists as {@code {}} and
 * {@code []}; strings plain where go-yaml leaves them plain, double-quoted where a plain scalar would read
 * as another type ({@code "80"}, {@code "true"}, timestamps, {@code ""}), single-quoted where YAML
 * indicators forbid a plain scalar ({@code '*'}), literal blocks ({@code |}) for text with line breaks,
 * and plain or single-quoted text folded at spaces past column 80.
 */
final class KubectlYaml {

    private static final int BEST_WIDTH = 80;
    private static final Set<String> NON_STRINGS = Set.of("", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes",
            "YES", "on", "On", "ON", "true", "True", "TRUE", "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false",
            "False", "FALSE", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
            "-.Inf", "-.INF", "<<");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern INT = Pattern.compile("^[-+]?(0|[1-9][0-9]*|0[0-7]+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$");
    private static final Pattern BASE60 = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern TIMESTAMP = Pattern.compile("^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?$");

    private final StringBuilder out = new StringBuilder();

    private KubectlYaml() {
    }

    static String write(JsonNode node) {
        KubectlYaml y = new KubectlYaml();
        if (node.isObject() && node.size() > 0) {
            y.mapping(node, 0);
        } else if (node.isArray() && node.size() > 0) {
            y.sequence(node, 0);
        } else {
            y.out.append(y.inline(node, 0)).append('\n');
        }
        return y.out.toString();
    }

    private void mapping(JsonNode map, int indent) {
        List<String> keys = new ArrayList<>();
        map.fieldNames().forEachRemaining(keys::add);
        keys.sort(KubectlYaml::compareKeys);
        boolean first = true;
        for (String key : keys) {
            if (!first || out.length() == 0 || out.charAt(out.length() - 1) == '\n') {
                pad(indent);
            }
            first = false;
            String k = scalar(key, indent, column() + 0);
            out.append(k).append(':');
            value(map.get(key), indent, true);
        }
    }

    private void sequence(JsonNode list, int indent) {
        boolean first = true;
        for (JsonNode item : list) {
            if (!first || out.length() == 0 || out.charAt(out.length() - 1) == '\n') {
                pad(indent);
            }
            first = false;
            out.append('-');
            value(item, indent, false);
        }
    }

    /** Writes the value after {@code key:} or {@code -}, then ends its line(s). */
    private void value(JsonNode v, int indent, boolean inMapping) {
        if (v.isObject() && v.size() > 0) {
            if (inMapping) {
                out.append('\n');
                mapping(v, indent + 2);
            } else {
                out.append(' ');
                mapping(v, indent + 2);
            }
        } else if (v.isArray() && v.size() > 0) {
            if (inMapping) {
                out.append('\n');
                sequence(v, indent);
            } else {
                out.append(' ');
                sequence(v, indent + 2);
            }
        } else if (v.isTextual() && v.asText().contains("\n")) {
            literal(v.asText(), indent + 2);
        } else {
            out.append(' ');
            out.append(inline(v, indent + 2));
            out.append('\n');
        }
    }

    private String inline(JsonNode v, int indent) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isObject()) {
            return "{}";
        }
        if (v.isArray()) {
            return "[]";
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().toString() : Double.toString(v.doubleValue());
        }
        return scalar(v.asText(), indent, column() + 1);
    }

    private void literal(String s, int indent) {
        out.append(" |");
        int trailing = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\n'; i--) {
            trailing++;
        }
        if (!s.isEmpty() && s.charAt(0) == ' ') {
            out.append(2);
        }
        if (trailing == 0) {
            out.append('-');
        } else if (trailing > 1) {
            out.append('+');
        }
        out.append('\n');
        String body = trailing == 0 ? s : s.substring(0, s.length() - 1);
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                pad(indent);
                out.append(line);
            }
            out.append('\n');
        }
    }

    private String scalar(String s, int indent, int startColumn) {
        if (!resolvesToString(s)) {
            return doubleQuoted(s);
        }
        Analysis a = analyze(s);
        if (a.plain) {
            return fold(s, indent, startColumn, false);
        }
        if (a.singleQuoted) {
            return fold(s.replace("'", "''"), indent, startColumn, true);
        }
        return doubleQuoted(s);
    }

    /** go-yaml breaks plain and single-quoted text at a space once past column 80. */
    private static String fold(String s, int indent, int startColumn, boolean quoted) {
        StringBuilder b = new StringBuilder();
        int column = startColumn;
        if (quoted) {
            b.append('\'');
            column++;
        }
        boolean spaces = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ') {
                if (!spaces && column > BEST_WIDTH && i + 1 < s.length() && s.charAt(i + 1) != ' ' && i != 0) {
                    b.append('\n').append(" ".repeat(indent));
                    column = indent;
                } else {
                    b.append(c);
                    column++;
                }
                spaces = true;
            } else {
                b.append(c);
                column++;
                spaces = false;
            }
        }
        if (quoted) {
            b.append('\'');
        }
        return b.toString();
    }

    private static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case 0 -> b.append("\\0");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Whether go-yaml's resolver reads {@code s}, written plain, back as a string. */
    static boolean resolvesToString(String s) {
        if (NON_STRINGS.contains(s)) {
            return false;
        }
        char c = s.charAt(0);
        if ("+-.0123456789".indexOf(c) >= 0) {
            String plain = s.replace("_", "");
            if (INT.matcher(plain).matches() || FLOAT.matcher(plain).matches() || BASE60.matcher(s).matches()) {
                return false;
            }
            if (plain.startsWith("0b") || plain.startsWith("-0b")) {
                return !plain.replaceFirst("^-?0b", "").matches("[01]+");
            }
            if (TIMESTAMP.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    private record Analysis(boolean plain, boolean singleQuoted) {
    }

    /** go-yaml's emitter analysis of a scalar in block context. */
    private static Analysis analyze(String s) {
        if (s.startsWith("---") || s.startsWith("...")) {
            return new Analysis(false, true);
        }
        boolean blockIndicators = false;
        boolean special = false;
        boolean lineBreaks = false;
        boolean leadingSpace = s.charAt(0) == ' ';
        boolean trailingSpace = s.charAt(s.length() - 1) == ' ';
        boolean precededByWhitespace = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean followedByWhitespace = i + 1 >= s.length() || s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t'
                    || s.charAt(i + 1) == '\n';
            if (i == 0) {
                if ("#,[]{}&*!|>'\"%@`".indexOf(c) >= 0) {
                    blockIndicators = true;
                }
                if ((c == '?' || c == ':' || c == '-') && followedByWhitespace) {
                    blockIndicators = true;
                }
            } else {
                if (c == ':' && followedByWhitespace) {
                    blockIndicators = true;
                }
                if (c == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (c == '\n') {
                lineBreaks = true;
            } else if (c == '\t' || c < 0x20 || c == 0x7f || c == '\uFEFF') {
                special = true;
            }
            precededByWhitespace = c == ' ' || c == '\t' || c == '\n';
        }
        boolean plain = !leadingSpace && !trailingSpace && !blockIndicators && !special && !lineBreaks;
        return new Analysis(plain, !special);
    }

    /**
     * go-yaml v2's key order: letters by code point, anything else before a letter, and runs of digits by
     * their numeric value ({@code a9} before {@code a10}).
     */
    static int compareKeys(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return Integer.compare(ar[i], br[i]);
            }
            if (al || bl) {
                return bl ? -1 : 1;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            while (ai < ar.length && Character.isDigit(ar[ai])) {
                an = an * 10 + (ar[ai] - '0');
                ai++;
            }
            int bi = i;
            while (bi < br.length && Character.isDigit(br[bi])) {
                bn = bn * 10 + (br[bi] - '0');
                bi++;
            }
            if (an != bn) {
                return Long.compare(an, bn);
            }
            if (ai != bi) {
                return Integer.compare(ai, bi);
            }
            return Integer.compare(ar[i], br[i]);
        }
        return Integer.compare(ar.length, br.length);
    }

    private int column() {
        int nl = out.lastIndexOf("\n");
        return out.length() - nl - 1;
    }

    private void pad(int n) {
        out.append(" ".repeat(n));
    }

    static Iterator<String> keys(JsonNode n) {
        return n.fieldNames();
    }
}
