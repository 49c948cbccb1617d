package io.ksim.api.resource;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A Kubernetes resource quantity ({@code resource.Quantity}): an exact decimal number, the format it was
 * written in, and the text it prints as. Immutable; no floating point anywhere.
 *
 * <p>Text form, as upstream: {@code <signedNumber><suffix>}, where the number is digits with an optional
 * decimal point ({@code 1}, {@code 1.5}, {@code .5}, {@code 1.}) and the suffix is one of
 * <ul>
 *   <li>binary SI: {@code Ki Mi Gi Ti Pi Ei} (powers of 1024) &rarr; {@link Format#BINARY_SI};</li>
 *   <li>decimal SI: {@code n u m} (none) {@code k M G T P E} &rarr; {@link Format#DECIMAL_SI};</li>
 *   <li>a decimal exponent: {@code e} or {@code E} and a signed integer &rarr; {@link Format#DECIMAL_EXPONENT}.</li>
 * </ul>
 * Parsing keeps every digit down to nano and rounds anything finer <em>away from zero</em> to the next
 * nano ({@code "0.1n"} is {@code 1n}: whoever asks for some of a resource gets some). BinarySI values are
 * capped at 2^63-1 ({@code "9Ei"} parses as 9223372036854775807); decimal ones are not capped. A BinarySI
 * value strictly between 0 and 1 in magnitude takes {@link Format#DECIMAL_SI} instead.
 *
 * <p>Printing ({@link #canonical()}): no fraction, no lost precision, the largest suffix that allows both.
 * <pre>
 *   "1.5Gi" -&gt; "1536Mi"     "0.1" -&gt; "100m"     "1000m" -&gt; "1"     "1.5" -&gt; "1500m"
 *   "0.5Mi" -&gt; "512Ki"      "1e3" -&gt; "1e3"      "1000M" -&gt; "1G"    ".001Ki" -&gt; "1024m"
 * </pre>
 * {@link #toString()} is what upstream's {@code String()} and JSON encoding print: the canonical form,
 * except that a parsed text is printed back verbatim when upstream's quick check takes it for canonical.
 * That check looks at the digits with the decimal point removed and leading zeros of the integer part
 * dropped: for a decimal suffix they must not start with 0 or end in 000 and the power of ten they are
 * scaled by must be a multiple of 3 (and at least -9); for a binary suffix there must be no fraction, at
 * most 11 digits for Ki, 8 for Mi, 5 for Gi, 2 for Ti (never for Pi and Ei), and a number that is not a
 * multiple of 8. The check ignores the sign, leading zeros, the decimal point and the exponent's spelling,
 * so {@code "1.001"}, {@code "+1"}, {@code "007"}, {@code "1E3"} and {@code "10e0"} print as written
 * (canonically they are 1001m, 1, 7, 1e3 and 10); the API server stores and returns them that way too.
 *
 * <p>The printed text always parses back to an equal quantity that prints the same text, with one
 * exception upstream shares: a BinarySI whole number that is not a multiple of 1024 prints as a plain
 * number, and if that number ends in 000 ({@code "9.765625Ki"} prints {@code 10000}) it parses back as
 * DecimalSI and prints {@code 10k} from then on.
 *
 * <p>Equality, hash code and ordering are by numeric value only ({@code 1Ki} equals {@code 1024}), as
 * upstream's {@code Cmp}.
 */
@JsonSerialize(using = QuantityJson.Serializer.class)
@JsonDeserialize(using = QuantityJson.Deserializer.class)
public final class Quantity implements Comparable<Quantity> {

    /** How a quantity is printed; kept from the parsed suffix. */
    public enum Format {
        /** e.g. {@code 12e6}. */
        DECIMAL_EXPONENT("DecimalExponent"),
        /** e.g. {@code 12Mi} = 12 * 2^20. */
        BINARY_SI("BinarySI"),
        /** e.g. {@code 12M} = 12 * 10^6. */
        DECIMAL_SI("DecimalSI");

        private final String upstreamName;

        Format(String upstreamName) {
            this.upstreamName = upstreamName;
        }

        /** The name upstream uses ({@code "BinarySI"}, ...). */
        public String upstreamName() {
            return upstreamName;
        }
    }

    /** Zero, printed "0", in DecimalSI. Adding to it takes the other operand's format. */
    public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, "0");

    private final BigDecimal value;
    private final Format format;
    /** The parsed text, when upstream would print it back as it is; null otherwise. */
    private final String literal;
    /** The canonical text, computed on first use (two threads racing compute the same string). */
    private String canonical;

    Quantity(BigDecimal value, Format format, String literal) {
        this.value = Objects.requireNonNull(value, "value");
        this.format = Objects.requireNonNull(format, "format");
        this.literal = literal;
    }

    /**
     * Parses a quantity as upstream's {@code ParseQuantity} (see the class comment). No white space is
     * allowed (JSON strings are trimmed before they get here, as upstream does).
     *
     * @throws QuantityFormatException with upstream's message if {@code text} is not a quantity
     */
    public static Quantity parse(String text) {
        return QuantityParser.parse(Objects.requireNonNull(text, "text"));
    }

    /** {@code value} units in {@code format} (upstream {@code NewQuantity}). */
    public static Quantity of(long value, Format format) {
        return new Quantity(BigDecimal.valueOf(value), format, null);
    }

    /** {@code milli}/1000 units in {@code format} (upstream {@code NewMilliQuantity}); e.g. CPU in millicores. */
    public static Quantity ofMilli(long milli, Format format) {
        return new Quantity(BigDecimal.valueOf(milli, 3), format, null);
    }

    /** {@code value * 10^scale} in DecimalSI (upstream {@code NewScaledQuantity}); {@code ofScaled(5, -3)} is 5m. */
    public static Quantity ofScaled(long value, int scale) {
        return new Quantity(BigDecimal.valueOf(value).scaleByPowerOfTen(scale), Format.DECIMAL_SI, null);
    }

    /** Exactly {@code value} in {@code format} (upstream {@code NewDecimalQuantity}); nothing is rounded or capped. */
    public static Quantity ofDecimal(BigDecimal value, Format format) {
        return new Quantity(value, format, null);
    }

    public Format format() {
        return format;
    }

    /** The exact value. */
    public BigDecimal toBigDecimal() {
        return value;
    }

    /** -1, 0 or 1 as this is negative, zero or positive. */
    public int signum() {
        return value.signum();
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    /** The exact sum; its format is this one's, or {@code other}'s when this is zero (upstream {@code Add}). */
    public Quantity add(Quantity other) {
        return new Quantity(value.add(other.value), isZero() ? other.format : format, null);
    }

    /** The exact difference; its format is this one's, or {@code other}'s when this is zero (upstream {@code Sub}). */
    public Quantity subtract(Quantity other) {
        return new Quantity(value.subtract(other.value), isZero() ? other.format : format, null);
    }

    /** The same magnitude with the other sign, in the same format. */
    public Quantity negate() {
        return new Quantity(value.negate(), format, null);
    }

    /**
     * The value in units of 10^scale, rounded up (upstream {@code ScaledValue}): {@code ceil(q / 10^scale)}
     * for positive values. Examples: {@code parse("1").scaledValue(-3)} is 1000, {@code parse("1n")
     * .scaledValue(-3)} is 1, {@code parse("1.5Ki").scaledValue(3)} is 2.
     *
     * <p>Negative values round away from zero ({@code -1.5} gives -2), as upstream does for a quantity it
     * holds as an int64 and scale, which covers ordinary negative inputs. For one it holds as a big decimal
     * (one written with more than 18 digits, with digits below nano, or as a fractional binary amount such
     * as {@code -0.5Gi}) upstream
     * truncates and adds one, which is off by one and can even come out positive; that is not reproduced.
     * Negative resource amounts do not pass validation, so nothing in the control plane depends on it.
     *
     * @throws ArithmeticException if the result does not fit in a long (upstream returns an undefined,
     *                             silently wrapped number instead)
     */
    public long scaledValue(int scale) {
        BigDecimal scaled = value.scaleByPowerOfTen(-scale);
        if (scaled.signum() == 0) {
            return 0;
        }
        if (scaled.precision() - (long) scaled.scale() > 19) {
            throw new ArithmeticException("quantity " + this + " does not fit in a long at scale " + scale);
        }
        try {
            return scaled.setScale(0, RoundingMode.UP).longValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("quantity " + this + " does not fit in a long at scale " + scale);
        }
    }

    /**
     * {@code ceil(q * 1000)} (upstream {@code MilliValue}): CPU in millicores, as the scheduler counts it.
     * {@code "500m"} gives 500, {@code "0.5m"} gives 1, {@code "2"} gives 2000.
     *
     * @see #scaledValue(int)
     */
    public long milliValue() {
        return scaledValue(-3);
    }

    /**
     * {@code ceil(q)} (upstream {@code Value}): memory in bytes, as the scheduler counts it. {@code "128Mi"}
     * gives 134217728, {@code "1.5"} gives 2, {@code "1n"} gives 1.
     *
     * @see #scaledValue(int)
     */
    public long value() {
        return scaledValue(0);
    }

    /**
     * The canonical text (upstream {@code CanonicalizeBytes}), e.g. {@code "1536Mi"} for {@code "1.5Gi"} and
     * {@code "1001m"} for {@code "1.001"}. Parsing it gives an equal quantity whose canonical text is the same.
     */
    public String canonical() {
        String text = canonical;
        if (text == null) {
            text = QuantityFormatter.canonical(value, format);
            canonical = text;
        }
        return text;
    }

    /**
     * The text upstream prints and serializes for this quantity: the parsed text when upstream keeps it
     * (see the class comment: {@code "1.001"} stays {@code "1.001"}), otherwise {@link #canonical()}.
     * Results of arithmetic and the factories always print canonically.
     */
    @Override
    public String toString() {
        return literal != null ? literal : canonical();
    }

    /** The parsed text kept as the printed form, or null; for tests of upstream's keep-the-text rule. */
    String literal() {
        return literal;
    }

    /** Orders by numeric value, ignoring format and text (upstream {@code Cmp}). */
    @Override
    public int compareTo(Quantity other) {
        return value.compareTo(other.value);
    }

    /** Equal numeric value, whatever the format or text: {@code 1Ki}, {@code 1024} and {@code 1.024k} are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && value.compareTo(q.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }
}
