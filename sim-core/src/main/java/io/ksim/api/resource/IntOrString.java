package io.ksim.api.resource;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.Objects;

/**
 * An int32 or a string, as upstream's {@code intstr.IntOrString}: fields such as a Deployment's
 * {@code maxSurge} ({@code 1} or {@code "25%"}) or a Service's {@code targetPort} ({@code 8080} or
 * {@code "http"}). Immutable; equal when the kind and the value are equal ({@code 5} is not {@code "5"}).
 * In JSON and YAML it is written as the JSON type it holds and read back the same way.
 */
@JsonSerialize(using = IntOrStringJson.Serializer.class)
@JsonDeserialize(using = IntOrStringJson.Deserializer.class)
public final class IntOrString {

    /** Which of the two values is held. */
    public enum Type { INT, STRING }

    private final Type type;
    private final int intVal;
    private final String strVal;

    private IntOrString(Type type, int intVal, String strVal) {
        this.type = type;
        this.intVal = intVal;
        this.strVal = strVal;
    }

    /** An int (upstream {@code FromInt32}). */
    public static IntOrString of(int value) {
        return new IntOrString(Type.INT, value, "");
    }

    /** A string (upstream {@code FromString}), e.g. {@code "25%"} or a port name. */
    public static IntOrString of(String value) {
        return new IntOrString(Type.STRING, 0, Objects.requireNonNull(value, "value"));
    }

    /**
     * An int if {@code text} is a base-10 int32 (optional sign, digits only), else the string (upstream
     * {@code Parse}): {@code "80"} is the int 80, {@code "2147483648"} and {@code "http"} stay strings.
     */
    public static IntOrString parse(String text) {
        GoStrconv.Parsed parsed = GoStrconv.parseInt(Objects.requireNonNull(text, "text"), 32);
        return parsed.ok() ? of((int) parsed.value()) : of(text);
    }

    public Type type() {
        return type;
    }

    public boolean isInt() {
        return type == Type.INT;
    }

    /** The int held; 0 when a string is held (see {@link #intValue()} for upstream's conversion). */
    public int intVal() {
        return intVal;
    }

    /** The string held; "" when an int is held. */
    public String strVal() {
        return strVal;
    }

    /**
     * Upstream's {@code IntValue}: the int, or the string read as a Go {@code int} ({@code Atoi}): 0 if it is
     * not a number, and clamped to the long range if it is too large (Go's {@code Atoi} returns the bound
     * with its range error, and {@code IntValue} ignores the error).
     */
    public long intValue() {
        return type == Type.INT ? intVal : GoStrconv.atoi(strVal).value();
    }

    /**
     * Upstream's {@code GetScaledValueFromIntOrPercent}: an int is returned as it is; a string must be a
     * percentage ({@code "25%"}) and gives {@code ceil(pct * total / 100)} when {@code roundUp}, else the
     * floor. So {@code "25%"} of 10 is 3 rounded up (surge) and 2 rounded down (unavailable); {@code "90%"}
     * of 95 is 86 and 85.
     *
     * <p>The arithmetic is in IEEE doubles on purpose: upstream computes {@code math.Ceil(float64(pct) *
     * float64(total) / 100)}, and doubles reproduce its result bit for bit, including for values too large
     * to be exact.
     *
     * @throws IllegalArgumentException with upstream's message: {@code invalid value for IntOrString: invalid
     *                                  type: string is not a percentage} for a string without a trailing
     *                                  {@code %}; {@code invalid value for IntOrString: invalid value "a%":
     *                                  strconv.Atoi: parsing "a": invalid syntax} when what precedes the
     *                                  {@code %} is not an integer
     */
    public long scaledValue(long total, boolean roundUp) {
        if (type == Type.INT) {
            return intVal;
        }
        if (!strVal.endsWith("%")) {
            throw new IllegalArgumentException(
                    "invalid value for IntOrString: invalid type: string is not a percentage");
        }
        String number = strVal.substring(0, strVal.length() - 1);
        GoStrconv.Parsed parsed = GoStrconv.atoi(number);
        if (!parsed.ok()) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid value "
                    + GoStrconv.quote(strVal) + ": " + GoStrconv.atoiError(number, parsed.error()));
        }
        double scaled = (double) parsed.value() * (double) total / 100;
        return (long) (roundUp ? Math.ceil(scaled) : Math.floor(scaled));
    }

    /**
     * {@link #scaledValue(long, boolean)} for a field that may be unset, with upstream's message for null:
     * {@code nil value for IntOrString}.
     */
    public static long scaledValue(IntOrString value, long total, boolean roundUp) {
        if (value == null) {
            throw new IllegalArgumentException("nil value for IntOrString");
        }
        return value.scaledValue(total, roundUp);
    }

    /** The value, or {@code defaultValue} if it is null (upstream {@code ValueOrDefault}). */
    public static IntOrString valueOrDefault(IntOrString value, IntOrString defaultValue) {
        return value != null ? value : defaultValue;
    }

    /** The string, or the int in decimal (upstream {@code String}). */
    @Override
    public String toString() {
        return type == Type.STRING ? strVal : Integer.toString(intVal);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntOrString other && type == other.type && intVal == other.intVal
                && strVal.equals(other.strVal);
    }

    @Override
    public int hashCode() {
        return type == Type.INT ? intVal : 31 + strVal.hashCode();
    }
}
