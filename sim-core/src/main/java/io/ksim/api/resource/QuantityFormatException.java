package io.ksim.api.resource;

/**
 * A string that is not a quantity. The message is upstream's error text, word for word, so that an API
 * error built from it reads as the API server's would; {@link #input()} is the rejected string.
 */
public final class QuantityFormatException extends IllegalArgumentException {

    /** Upstream's {@code ErrFormatWrong}: the string does not have the shape number-then-suffix. */
    public static final String FORMAT_WRONG =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    /** Upstream's {@code ErrNumeric}: the number part has no digit where upstream needs one. */
    public static final String NUMERIC = "unable to parse numeric part of quantity";
    /** Upstream's {@code ErrSuffix}: the suffix is not one of the known units or exponents. */
    public static final String SUFFIX = "unable to parse quantity's suffix";

    private final String input;

    QuantityFormatException(String message, String input) {
        super(message);
        this.input = input;
    }

    /** The string that failed to parse. */
    public String input() {
        return input;
    }
}
