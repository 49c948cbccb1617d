package io.ksim.api.selector;

import io.ksim.api.validation.FieldError;
import java.util.List;

/**
 * A selector that cannot be parsed or built. The message is upstream's error text, e.g.
 * {@code unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt}; when the failure
 * came from field validation, {@link #fieldErrors()} holds the individual errors.
 */
public final class SelectorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> fieldErrors;

    public SelectorException(String message) {
        this(message, List.of());
    }

    public SelectorException(String message, List<FieldError> fieldErrors) {
        super(message);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** The field errors behind this failure; empty when it was a syntax error. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
