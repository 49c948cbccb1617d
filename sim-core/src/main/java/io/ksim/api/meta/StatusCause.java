package io.ksim.api.meta;

/** One cause of a failed request (metav1.StatusCause), e.g. a field that failed validation. */
public record StatusCause(String reason, String message, String field) {
}
