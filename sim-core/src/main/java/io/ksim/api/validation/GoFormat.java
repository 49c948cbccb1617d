package io.ksim.api.validation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few bits of Go's formatting that error texts depend on: {@code %q} quoting, {@code %v} of numbers and the
 * {@code %#v} form of string slices and maps, and {@code len()} of a string (bytes of its UTF-8 form).
 */
public final class GoFormat {

    private GoFormat() {
    }

    /**
     * Quotes {@code s} as Go's {@code %q} does: double quotes, backslash escapes for {@code "} and {@code \},
     * the C escapes {@code \a \b \f \n \r \t \v}, {@code \xHH} for other ASCII controls, a backslash-u escape of
     * four or eight hex digits for other non-printable characters; printable non-ASCII characters stay as they are.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
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
                    if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                        // A lone surrogate has no UTF-8 form; Go would have decoded it as U+FFFD.
                        sb.append('\uFFFD');
                    } else if (isPrint(cp)) {
                        sb.appendCodePoint(cp);
                    } else if (cp < 0x80) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Go's {@code len(s)}: the number of bytes of the UTF-8 encoding. */
    public static int byteLength(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    /** Go's {@code %#v} of a {@code []string}: {@code []string{"a", "b"}}; {@code null} is a nil slice. */
    public static String stringSlice(List<String> values) {
        if (values == null) {
            return "[]string(nil)";
        }
        StringBuilder sb = new StringBuilder("[]string{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(values.get(i)));
        }
        return sb.append('}').toString();
    }

    /** Go's {@code %#v} of a {@code map[string]string}: keys sorted, {@code map[string]string{"a":"b"}}. */
    public static String stringMap(Map<?, ?> map) {
        StringBuilder sb = new StringBuilder("map[string]string{");
        boolean first = true;
        for (Map.Entry<String, String> e : sortedCopy(map).entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static TreeMap<String, String> sortedCopy(Map<?, ?> map) {
        TreeMap<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
        return sorted;
    }

    /**
     * Go's {@code %v} of a number: integers plainly; floats as the shortest {@code %g}, which switches to
     * exponent form below 1e-4 and from 1e6 on ({@code 1e+06}, {@code 1.5e-05}).
     */
    static String number(Number n) {
        if (!(n instanceof Double || n instanceof Float)) {
            return n.toString();
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d))
                .stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exp = digits.length() - shortest.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = String.format("%02d", Math.abs(exp));
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return sign + shortest.abs().toPlainString();
    }
}
