package io.ksim.api.resource;

import io.ksim.api.resource.Quantity.Format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Upstream's {@code ParseQuantity}: a scanner that splits sign, number and suffix; the suffix table; exact
 * decimal arithmetic for the value; rounding to nano; the BinarySI cap; and the rule that decides whether the
 * input text itself is kept as the quantity's printed form.
 */
final class QuantityParser {

    /** Upstream keeps no digit finer than nano (10^-9). */
    private static final int NANO_SCALE = 9;
    private static final BigDecimal ONE_NANO = BigDecimal.ONE.movePointLeft(NANO_SCALE);
    /** BinarySI quantities are capped at 2^63-1 when parsed (not DecimalSI ones, and not sums). */
    private static final BigDecimal BINARY_CAP = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Characters that may start a suffix; a sign and digits may follow them (an exponent). */
    private static final String SUFFIX_CHARS = "eEinumkKMGTP";

    private QuantityParser() {
    }

    /** The pieces the scanner finds; {@code whole} has its leading zeros removed and is "0" when empty. */
    private record Parts(boolean positive, String number, String whole, String fraction, String suffix) {
    }

    static Quantity parse(String str) {
        if (str.isEmpty()) {
            throw new QuantityFormatException(QuantityFormatException.FORMAT_WRONG, str);
        }
        if (str.equals("0")) {
            return new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, "0");
        }
        Parts parts = split(str);
        Suffixes.Unit unit = Suffixes.interpret(parts.suffix());
        if (unit == null) {
            throw new QuantityFormatException(QuantityFormatException.SUFFIX, str);
        }
        boolean binary = unit.format() == Format.BINARY_SI;
        int exponent = unit.exponent();
        String whole = parts.whole();
        String fraction = parts.fraction();

        // Upstream first tries to hold the value in an int64 with a decimal scale. Whether that shortcut is
        // taken decides two visible things: the input text is kept as the printed form when it already looks
        // canonical to that shortcut's cheap test (which is why "1.001" and "+1" print as written), and a
        // number without any digit (".", "+") reaches the general decimal parser, which refuses it, only when
        // the shortcut is not taken.
        long precision = binary
                ? (fraction.isEmpty() ? 15 - whole.length() - exponent * 3 / 10 - 1 : -1)
                : 18 - whole.length() - fraction.length();
        long scale = binary ? 0 : (long) exponent - fraction.length();
        boolean shortcut = precision >= 0 && scale >= -NANO_SCALE;
        String literal = null;
        if (shortcut) {
            String shifted = whole + fraction;
            boolean looksCanonical = binary
                    ? (Long.parseLong(shifted) & 7) != 0
                    : scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
            if (looksCanonical) {
                literal = str;
            }
        } else if (parts.number().chars().noneMatch(QuantityParser::isDigit)) {
            throw new QuantityFormatException(QuantityFormatException.NUMERIC, str);
        }

        BigDecimal magnitude = magnitude(new BigInteger(whole + fraction), fraction.length(),
                (whole + fraction).length(), binary, exponent);
        if (magnitude.scale() > NANO_SCALE) {
            // Any non-zero amount below a nano becomes at least a nano: whoever asks for some of a resource
            // should get some, so the rounding is away from zero rather than to nearest.
            magnitude = magnitude.setScale(NANO_SCALE, RoundingMode.UP);
        }
        Format format = unit.format();
        if (binary && magnitude.compareTo(BINARY_CAP) > 0) {
            magnitude = BINARY_CAP;
        }
        if (binary && magnitude.signum() > 0 && magnitude.compareTo(BigDecimal.ONE) < 0) {
            format = Format.DECIMAL_SI;
        }
        return new Quantity(parts.positive() ? magnitude : magnitude.negate(), format, literal);
    }

    /** The exact absolute value of digits * 10^-fractionDigits * base^exponent, before rounding to nano. */
    private static BigDecimal magnitude(BigInteger digits, int fractionDigits, int digitCount, boolean binary,
                                        int exponent) {
        if (digits.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (binary) {
            return new BigDecimal(digits.shiftLeft(exponent), fractionDigits);
        }
        long scale = fractionDigits - (long) exponent;
        if (scale >= digitCount + NANO_SCALE) {
            // Smaller than one nano, so it rounds to exactly one nano; this also keeps absurd negative
            // exponents ("1e-2147483648") from overflowing BigDecimal's scale.
            return ONE_NANO;
        }
        return new BigDecimal(digits, (int) scale);
    }

    /**
     * Upstream's scanner: optional sign, leading zeros skipped, digits, optional '.' and digits, then suffix
     * letters, an optional sign and digits. Anything left over is {@link QuantityFormatException#FORMAT_WRONG}.
     * The scanner is more lenient than the documented grammar: "1.", ".5", "." and "-" are numbers, and "m"
     * alone is zero milli.
     */
    private static Parts split(String s) {
        int end = s.length();
        int pos = 0;
        boolean positive = true;
        if (s.charAt(0) == '-') {
            positive = false;
            pos++;
        } else if (s.charAt(0) == '+') {
            pos++;
        }
        while (pos < end && s.charAt(pos) == '0') {
            pos++;
        }
        if (pos == end) {
            return new Parts(positive, "0", "0", "", "");
        }
        int start = pos;
        while (pos < end && isDigit(s.charAt(pos))) {
            pos++;
        }
        String whole = pos == start ? "0" : s.substring(start, pos);
        if (pos == end) {
            return new Parts(positive, s, whole, "", "");
        }
        String fraction = "";
        if (s.charAt(pos) == '.') {
            int fractionStart = ++pos;
            while (pos < end && isDigit(s.charAt(pos))) {
                pos++;
            }
            fraction = s.substring(fractionStart, pos);
            if (pos == end) {
                return new Parts(positive, s, whole, fraction, "");
            }
        }
        String number = s.substring(0, pos);
        int suffixStart = pos;
        while (pos < end && SUFFIX_CHARS.indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
            pos++;
        }
        while (pos < end && isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < end) {
            throw new QuantityFormatException(QuantityFormatException.FORMAT_WRONG, s);
        }
        return new Parts(positive, number, whole, fraction, s.substring(suffixStart));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
