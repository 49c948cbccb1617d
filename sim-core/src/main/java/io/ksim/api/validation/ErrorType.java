package io.ksim.api.validation;

/**
 * Why a field is invalid. {@link #reason()} is the machine-readable value (it becomes the {@code reason} of a
 * Status cause, e.g. {@code FieldValueInvalid}); {@link #toString()} is the text that opens the error body
 * ({@code Invalid value}).
 */
public enum ErrorType {
    NOT_FOUND("FieldValueNotFound", "Not found"),
    REQUIRED("FieldValueRequired", "Required value"),
    DUPLICATE("FieldValueDuplicate", "Duplicate value"),
    INVALID("FieldValueInvalid", "Invalid value"),
    NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
    FORBIDDEN("FieldValueForbidden", "Forbidden"),
    TOO_LONG("FieldValueTooLong", "Too long"),
    TOO_MANY("FieldValueTooMany", "Too many"),
    INTERNAL("InternalError", "Internal error");

    private final String reason;
    private final String text;

    ErrorType(String reason, String text) {
        this.reason = reason;
        this.text = text;
    }

    /** The cause type as the API reports it, e.g. {@code FieldValueRequired}. */
    public String reason() {
        return reason;
    }

    /**
     * Whether the error body shows the bad value. Required, Forbidden, TooLong and Internal never do: their
     * bad value is a placeholder.
     */
    boolean showsValue() {
        return switch (this) {
            case REQUIRED, FORBIDDEN, TOO_LONG, INTERNAL -> false;
            default -> true;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
