package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final Set<String> RESOLVES_TO_OTHER = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "~",
            "null", "Null", "NULL", "", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
            "-.inf", "-.Inf", "-.INF", "<<");
    private static final Pattern YAML_FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern GO_INT = Pattern.compile(
            "^[-+]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO]?(_?[0-7])+|[1-9](_?[0-9])*|0)$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d{1,2}-\\d{1,2}(([Tt]| )\\d{1,2}:\\d{1,2}:\\d{1,2}(\\.\\d+)?(Z|[-+]\\d{2}:\\d{2})?)?$");
    private static final Pattern BASE60_FLOAT = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");

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
        } else if (resolvesAsString(s)) {
            style = Style.PLAIN;
        } else {
            style = Style.DOUBLE;
        }
        Analysis a = analyze(s);
        if (style == Style.PLAIN) {
            if (!a.blockPlainAllowed || (s.isEmpty() && key)) {
                style = Style.SINGLE;
            }
        }
        if (style == Style.SINGLE && !a.singleQuotedAllowed) {
            style = Style.DOUBLE;
        }
        if (style == Style.LITERAL && (!a.blockAllowed || key)) {
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

    /** Whether go-yaml would read the bare text back as a string (not a bool, number, null or timestamp). */
    static boolean resolvesAsString(String s) {
        if (RESOLVES_TO_OTHER.contains(s)) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) {
            if (GO_INT.matcher(s).matches() || YAML_FLOAT.matcher(s).matches() || TIMESTAMP.matcher(s).matches()
                    || BASE60_FLOAT.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    private record Analysis(boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed) {
    }

    private static Analysis analyze(String value) {
        if (value.isEmpty()) {
            return new Analysis(true, true, false);
        }
        boolean blockIndicators = value.startsWith("---") || value.startsWith("...");
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean lineBreaks = false;
        boolean special = false;
        boolean precededByWhitespace = true;
        int[] cps = value.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            boolean followedByWhitespace = i + 1 >= cps.length || cps[i + 1] == ' ' || cps[i + 1] == '\t'
                    || isBreak(cps[i + 1]);
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                            blockIndicators = true;
                    case '?', ':', '-' -> {
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    default -> {
                    }
                }
            } else {
                if (c == ':' && followedByWhitespace) {
                    blockIndicators = true;
                } else if (c == '#' && precededByWhitespace) {
                    blockIndicators = true;
                }
            }
            if (!isPrintable(c)) {
                special = true;
            }
            if (c == ' ') {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i == cps.length - 1) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i == cps.length - 1) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = c == ' ' || c == '\t' || isBreak(c);
        }
        boolean blockPlain = true;
        boolean single = true;
        boolean block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            blockPlain = false;
        }
        if (trailingSpace) {
            block = false;
        }
        if (breakSpace) {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || special) {
            blockPlain = false;
            single = false;
            block = false;
        }
        if (lineBreaks || blockIndicators) {
            blockPlain = false;
        }
        return new Analysis(blockPlain, single, block);
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isPrintable(int c) {
        return c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
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
            if (!isPrintable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
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
        entries.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
        return entries;
    }

    /** go-yaml's key order: letters after non-letters, runs of digits by their numeric value. */
    static int compareKeys(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        return less(a, b) ? -1 : 1;
    }

    private static boolean less(String as, String bs) {
        int[] ar = as.codePoints().toArray();
        int[] br = bs.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
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
            for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
                an = an * 10 + (ar[ai] - '0');
            }
            int bi = i;
            for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
                bn = bn * 10 + (br[bi] - '0');
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
