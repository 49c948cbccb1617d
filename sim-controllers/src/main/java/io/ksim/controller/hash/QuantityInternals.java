package io.ksim.controller.hash;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The private fields of a Go {@code resource.Quantity} as upstream's ParseQuantity fills them, printed the
 * way go-spew prints the struct: {@code {i:(resource.int64Amount){value:(int64)V scale:(resource.Scale)S}
 * d:(resource.infDecAmount){Dec:(*inf.Dec)...} s:(string)TEXT Format:(resource.Format)F}}.
 *
 * <p>A controller never sees the text a user wrote: the API server stores a quantity as its String() and
 * every reader parses that again, so the input here is that printed text (ksim's {@code Quantity.toString()}).
 * ParseQuantity keeps small values as an int64 with a power-of-ten scale and remembers the text when it is
 * already canonical (a decimal suffix whose digits do not end in 000, or a binary suffix on a number that is
 * not a multiple of 8); values that need more than 18 digits, Pi and Ei take the arbitrary-precision path,
 * rounded up to nano, with BinarySI capped at 2^63-1.
 * <pre>
 *   "100m"  -&gt; i{100, -3}  s "100m"  DecimalSI      "128Mi" -&gt; i{134217728, 0}  s ""  BinarySI
 *   "0"     -&gt; i{0, 0}     s "0"     DecimalSI      "1Pi"   -&gt; d{1125899906842624 * 10^9, scale 9}
 * </pre>
 */
final class QuantityInternals {

    private static final int MAX_INT64_FACTORS = 18;
    private static final int NANO = -9;
    private static final BigInteger MAX_ALLOWED = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger WORD = BigInteger.ONE.shiftLeft(64);

    private static final Map<String, Integer> DECIMAL_SUFFIXES = Map.of("", 0, "n", -9, "u", -6, "m", -3,
            "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final Map<String, Integer> BINARY_SUFFIXES = Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40,
            "Pi", 50, "Ei", 60);

    private QuantityInternals() {
    }

    /** go-spew's {@code %#v} of the struct ParseQuantity returns for {@code text}, without its type. */
    static String spew(String text) {
        if (text.equals("0")) {
            return render(0, 0, null, "0", "DecimalSI");
        }
        Parts p = Parts.of(text);
        String format;
        int base;
        int exponent;
        if (DECIMAL_SUFFIXES.containsKey(p.suffix)) {
            format = "DecimalSI";
            base = 10;
            exponent = DECIMAL_SUFFIXES.get(p.suffix);
        } else if (BINARY_SUFFIXES.containsKey(p.suffix)) {
            format = "BinarySI";
            base = 2;
            exponent = BINARY_SUFFIXES.get(p.suffix);
        } else if (p.suffix.length() > 1 && (p.suffix.charAt(0) == 'e' || p.suffix.charAt(0) == 'E')) {
            format = "DecimalExponent";
            base = 10;
            exponent = Integer.parseInt(p.suffix.substring(1));
        } else {
            throw new IllegalArgumentException("quantity " + text + ": unable to parse quantity's suffix");
        }
        String fast = fastPath(text, p, format, exponent);
        if (fast != null) {
            return fast;
        }
        return slowPath(p, format, base, exponent);
    }

    /** The int64 path of ParseQuantity, or null when the value needs arbitrary precision. */
    private static String fastPath(String text, Parts p, String format, int exponent) {
        int precision;
        int scale;
        long mantissa = 1;
        if (format.equals("BinarySI")) {
            scale = 0;
            if (p.denom.isEmpty()) {
                mantissa = 1L << exponent;
                precision = 15 - p.num.length() - (int) ((float) exponent * 3 / 10) - 1;
            } else {
                precision = -1;
            }
        } else {
            scale = exponent;
            precision = MAX_INT64_FACTORS - (p.num.length() + p.denom.length());
        }
        if (precision < 0) {
            return null;
        }
        scale -= p.denom.length();
        if (scale < NANO) {
            return null;
        }
        String shifted = p.num + p.denom;
        long value;
        try {
            value = Long.parseLong(shifted);
        } catch (NumberFormatException e) {
            return null;
        }
        long result;
        try {
            result = Math.multiplyExact(value, mantissa);
        } catch (ArithmeticException e) {
            return null;
        }
        if (!p.positive) {
            result = -result;
        }
        boolean canonical = format.equals("BinarySI")
                ? exponent % 10 == 0 && (value & 0x07) != 0
                : scale % 3 == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0';
        return render(result, scale, null, canonical ? text : "", format);
    }

    private static String slowPath(Parts p, String format, int base, int exponent) {
        BigDecimal amount = new BigDecimal(p.value);
        if (base == 10) {
            amount = amount.scaleByPowerOfTen(exponent);
        } else {
            amount = new BigDecimal(amount.unscaledValue().shiftLeft(exponent), amount.scale());
        }
        int sign = amount.signum();
        amount = amount.abs();
        if (amount.signum() != 0) {
            amount = amount.setScale(-NANO, RoundingMode.UP);
        }
        if (format.equals("BinarySI") && amount.compareTo(new BigDecimal(MAX_ALLOWED)) > 0) {
            amount = new BigDecimal(MAX_ALLOWED);
        }
        if (format.equals("BinarySI") && amount.compareTo(BigDecimal.ONE) < 0 && amount.signum() > 0) {
            format = "DecimalSI";
        }
        if (sign < 0) {
            amount = amount.negate();
        }
        return render(0, 0, amount, "", format);
    }

    private static String render(long value, int scale, BigDecimal dec, String s, String format) {
        return "{i:(resource.int64Amount){value:(int64)" + value + " scale:(resource.Scale)" + scale + "}"
                + " d:(resource.infDecAmount){Dec:(*inf.Dec)" + (dec == null ? "<nil>" : infDec(dec)) + "}"
                + " s:(string)" + s + " Format:(resource.Format)" + format + "}";
    }

    // inf.Dec{unscaled big.Int{neg bool, abs nat}, scale}: abs holds the magnitude in 64-bit words, least
    // significant first, and is nil for zero.
    private static String infDec(BigDecimal dec) {
        BigInteger unscaled = dec.unscaledValue();
        StringBuilder words = new StringBuilder();
        for (BigInteger m = unscaled.abs(); m.signum() > 0; m = m.shiftRight(64)) {
            words.append(words.length() == 0 ? "" : " ").append(m.mod(WORD));
        }
        String abs = words.length() == 0 ? "<nil>" : "[" + words + "]";
        return "{unscaled:(big.Int){neg:(bool)" + (unscaled.signum() < 0) + " abs:(big.nat)" + abs + "}"
                + " scale:(inf.Scale)" + dec.scale() + "}";
    }

    /** The pieces parseQuantityString cuts a quantity into. */
    private record Parts(boolean positive, String value, String num, String denom, String suffix) {

        static Parts of(String str) {
            int pos = 0;
            int end = str.length();
            boolean positive = true;
            if (end > 0 && (str.charAt(0) == '-' || str.charAt(0) == '+')) {
                positive = str.charAt(0) == '+';
                pos++;
            }
            while (pos < end && str.charAt(pos) == '0') {
                pos++;
            }
            if (pos >= end) {
                return new Parts(positive, "0", "0", "", "");
            }
            int numStart = pos;
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            String num = str.substring(numStart, pos);
            if (pos >= end) {
                return new Parts(positive, str, num, "", "");
            }
            if (num.isEmpty()) {
                num = "0";
            }
            String denom = "";
            if (str.charAt(pos) == '.') {
                pos++;
                int denomStart = pos;
                while (pos < end && isDigit(str.charAt(pos))) {
                    pos++;
                }
                denom = str.substring(denomStart, pos);
                if (pos >= end) {
                    return new Parts(positive, str, num, denom, "");
                }
            }
            return new Parts(positive, str.substring(0, pos), num, denom, str.substring(pos));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
