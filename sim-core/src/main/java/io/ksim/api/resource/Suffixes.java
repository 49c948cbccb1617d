package io.ksim.api.resource;

import io.ksim.api.resource.Quantity.Format;

import java.util.Map;

/** Upstream's suffix table: what a suffix means when parsing, and which suffix prints a power. */
final class Suffixes {

    /** What a suffix stands for: {@code base^exponent}, and the format it gives the quantity. */
    record Unit(int base, int exponent, Format format) {
    }

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("n", new Unit(10, -9, Format.DECIMAL_SI)),
            Map.entry("u", new Unit(10, -6, Format.DECIMAL_SI)),
            Map.entry("m", new Unit(10, -3, Format.DECIMAL_SI)),
            Map.entry("", new Unit(10, 0, Format.DECIMAL_SI)),
            Map.entry("k", new Unit(10, 3, Format.DECIMAL_SI)),
            Map.entry("M", new Unit(10, 6, Format.DECIMAL_SI)),
            Map.entry("G", new Unit(10, 9, Format.DECIMAL_SI)),
            Map.entry("T", new Unit(10, 12, Format.DECIMAL_SI)),
            Map.entry("P", new Unit(10, 15, Format.DECIMAL_SI)),
            Map.entry("E", new Unit(10, 18, Format.DECIMAL_SI)),
            Map.entry("Ki", new Unit(2, 10, Format.BINARY_SI)),
            Map.entry("Mi", new Unit(2, 20, Format.BINARY_SI)),
            Map.entry("Gi", new Unit(2, 30, Format.BINARY_SI)),
            Map.entry("Ti", new Unit(2, 40, Format.BINARY_SI)),
            Map.entry("Pi", new Unit(2, 50, Format.BINARY_SI)),
            Map.entry("Ei", new Unit(2, 60, Format.BINARY_SI)));

    /** Decimal SI suffixes by exponent/3 + 3, from n (10^-9) to E (10^18). */
    private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};

    /** Binary SI suffixes by power of 1024. */
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    /** The largest power of 1024 that has a suffix (Ei). */
    static final int MAX_BINARY_POWER = BINARY.length - 1;

    private Suffixes() {
    }

    /**
     * The unit a suffix names, or null if it names none. Besides the table, {@code e} or {@code E} followed
     * by a Go int64 (optional sign, digits) is a decimal exponent; a lone {@code E} is exa, a lone {@code e}
     * is nothing.
     */
    static Unit interpret(String suffix) {
        Unit unit = UNITS.get(suffix);
        if (unit != null) {
            return unit;
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            GoStrconv.Parsed exponent = GoStrconv.parseInt(suffix.substring(1), 64);
            if (!exponent.ok()) {
                return null;
            }
            // Upstream narrows the int64 exponent to int32 without a check; the cast does the same.
            return new Unit(10, (int) exponent.value(), Format.DECIMAL_EXPONENT);
        }
        return null;
    }

    /** The decimal SI suffix for 10^exponent, or null if there is none (exponent not a multiple of 3 in -9..18). */
    static String decimalSI(long exponent) {
        if (exponent < -9 || exponent > 18 || exponent % 3 != 0) {
            return null;
        }
        return DECIMAL[(int) (exponent / 3) + 3];
    }

    /** The binary SI suffix for 1024^power, power in 0..{@link #MAX_BINARY_POWER}. */
    static String binarySI(int power) {
        return BINARY[power];
    }
}
