package io.ksim.api.resource;

import io.ksim.api.resource.Quantity.Format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** Upstream's {@code CanonicalizeBytes}: the canonical text of a value in a format. */
final class QuantityFormatter {

    private static final BigDecimal KI = BigDecimal.valueOf(1024);

    private QuantityFormatter() {
    }

    /**
     * The canonical text: no fractional digits, no lost precision, and the largest suffix (or exponent) that
     * allows both. Decimal forms use exponents that are multiples of 3; BinarySI uses powers of 1024 and
     * falls back to DecimalSI for values strictly between -1024 and 1024 and for values that are not whole
     * numbers, so nothing is ever rounded on the way out.
     */
    static String canonical(BigDecimal value, Format format) {
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI) {
            if (value.abs().compareTo(KI) >= 0) {
                BigDecimal whole = value.setScale(0, RoundingMode.UP);
                if (whole.compareTo(value) == 0) {
                    return binary(whole.toBigIntegerExact());
                }
            }
            format = Format.DECIMAL_SI;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger mantissa = stripped.unscaledValue();
        long exponent = -(long) stripped.scale();
        // Lower the exponent to a multiple of 3 (towards minus infinity), moving digits into the mantissa.
        int shift = (int) Math.floorMod(exponent, 3L);
        mantissa = mantissa.multiply(BigInteger.TEN.pow(shift));
        exponent -= shift;
        String suffix = format == Format.DECIMAL_SI ? Suffixes.decimalSI(exponent) : null;
        if (suffix == null) {
            // DecimalExponent, or a DecimalSI power with no SI letter (beyond E or below n): upstream v1.32
            // printed no suffix at all there, which silently changed the value ("1000E" printed "1");
            // upstream since prints the decimal exponent, as here.
            suffix = exponent == 0 ? "" : "e" + exponent;
        }
        return mantissa + suffix;
    }

    private static String binary(BigInteger whole) {
        int power = 0;
        // Stop at Ei, the largest binary suffix, rather than divide further and have no suffix to print
        // (only sums beyond 2^70 get there; parsing caps BinarySI at 2^63-1).
        while (power < Suffixes.MAX_BINARY_POWER && whole.getLowestSetBit() >= 10) {
            whole = whole.shiftRight(10);
            power++;
        }
        return whole + Suffixes.binarySI(power);
    }
}
