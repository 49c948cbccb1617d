package io.ksim.kubectl.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Go's {@code fmt} renderings of a decoded JSON value ({@code map[string]interface{}}, {@code []interface{}},
 * strings, int64, float64, bool, nil), where kubectl prints values with {@code fmt}: custom columns use
 * {@code %v} ({@code map[app:web]}), jsonpath error reports use {@code %#v}. Map keys print sorted, as fmt sorts them.
 */
public final class GoValues {

    private GoValues() {
    }

    /** {@code fmt.Sprint(v)}. */
    public static String sprint(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "<nil>";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("map[");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : GoJson.fields(v)) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':').append(sprint(e.getValue()));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                sb.append(sprint(it.next()));
                if (it.hasNext()) {
                    sb.append(' ');
                }
            }
            return sb.append(']').toString();
        }
        return GoJson.text(v);
    }

    /** {@code fmt.Sprintf("%#v", v)}. */
    public static String goSyntax(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "interface {}(nil)";
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("map[string]interface {}{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : GoJson.fields(v)) {
                sb.append(first ? "" : ", ");
                quote(sb, e.getKey());
                sb.append(':').append(goSyntax(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[]interface {}{");
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                sb.append(goSyntax(it.next()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        if (v.isTextual()) {
            StringBuilder sb = new StringBuilder();
            quote(sb, v.textValue());
            return sb.toString();
        }
        return GoJson.text(v);
    }

    /**
     * Go's {@code strconv.Quote}, which {@code %#v} uses for strings (not JSON's escaping: {@code <}, {@code >}
     * and {@code &} stay as they are): the letter escapes {@code \a \b \f \n \r \t \v}, other control bytes
     * as {@code \xNN}, characters {@code unicode.IsPrint} rejects as a backslash, u and four hex digits (U and
     * eight above U+FFFF). A lone surrogate cannot reach Go as such: its JSON decoder has turned it into U+FFFD,
     * which prints as itself.
     */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0B -> sb.append("\\v");
                default -> {
                    if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                        sb.append('\uFFFD');
                    } else if (c < 0x20 || c == 0x7F) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (c < 0x80 || isPrint(c)) {
                        sb.appendCodePoint(c);
                    } else if (c < 0x10000) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Go's {@code unicode.IsPrint} beyond ASCII: letters, marks, numbers, punctuation and symbols. */
    private static boolean isPrint(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
