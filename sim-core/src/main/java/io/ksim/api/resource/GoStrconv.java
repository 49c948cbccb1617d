package io.ksim.api.resource;

import java.math.BigInteger;

/**
 * The few pieces of Go's {@code strconv}, {@code strings} and {@code fmt} that decide upstream's results and
 * error texts here: base-10 {@code ParseInt}/{@code Atoi} (which values they accept, which error they give,
 * and the clamped value they return with a range error), {@code %q} quoting and {@code TrimSpace}.
 */
final class GoStrconv {

    /** Go's {@code strconv.ErrSyntax} text. */
    static final String SYNTAX = "invalid syntax";
    /** Go's {@code strconv.ErrRange} text. */
    static final String RANGE = "value out of range";

    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private GoStrconv() {
    }

    /**
     * The outcome of a parse: the value Go returns and the error text, or null when there is no error. With a
     * range error the value is clamped to the type's bound, as Go returns it; with a syntax error it is 0.
     */
    record Parsed(long value, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /**
     * Go's {@code strconv.ParseInt(s, 10, bitSize)}: an optional sign, then ASCII digits only (no
     * underscores in base 10, no spaces). An overflow seen before a later bad character is reported as a
     * range error, as Go scans left to right and stops at the first problem.
     */
    static Parsed parseInt(String s, int bitSize) {
        if (s.isEmpty()) {
            return new Parsed(0, SYNTAX);
        }
        boolean negative = false;
        int pos = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            pos = 1;
            if (s.length() == 1) {
                return new Parsed(0, SYNTAX);
            }
        }
        BigInteger n = BigInteger.ZERO;
        boolean overflow = false;
        for (int i = pos; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return new Parsed(0, SYNTAX);
            }
            n = n.multiply(BigInteger.TEN).add(BigInteger.valueOf(c - '0'));
            if (n.compareTo(MAX_UINT64) > 0) {
                overflow = true;
                break;
            }
        }
        BigInteger bound = BigInteger.ONE.shiftLeft(bitSize - 1);
        if (!negative && (overflow || n.compareTo(bound) >= 0)) {
            return new Parsed(bound.longValue() - 1, RANGE);
        }
        if (negative && (overflow || n.compareTo(bound) > 0)) {
            return new Parsed(-bound.longValue(), RANGE);
        }
        return new Parsed(negative ? n.negate().longValue() : n.longValue(), null);
    }

    /** Go's {@code strconv.Atoi} on a 64-bit platform: {@code ParseInt(s, 10, 64)} with its own name in errors. */
    static Parsed atoi(String s) {
        return parseInt(s, 64);
    }

    /**
     * The text of the error Go's {@code Atoi} returns for {@code s}, e.g.
     * {@code strconv.Atoi: parsing "a": invalid syntax}.
     */
    static String atoiError(String s, String error) {
        return "strconv.Atoi: parsing " + quote(s) + ": " + error;
    }

    /**
     * Go's {@code %q} for a string: double quotes, backslash escapes for quote, backslash and the control
     * characters Go names, {@code \xNN} for other ASCII controls, and a backslash with {@code u} and four hex
     * digits (or {@code U} and eight) for other characters Go does not print as they are.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0B -> out.append("\\v");
                default -> {
                    if (isPrint(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x80) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
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

    /** Go's {@code strings.TrimSpace}: strips Unicode white space (Go's {@code unicode.IsSpace}) at both ends. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == 0x85
                || Character.isSpaceChar(c);
    }
}
