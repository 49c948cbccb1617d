package io.ksim.apiserver;

import io.ksim.api.meta.Status;

/**
 * A request the API server refused, carrying the {@link Status} a real API server would return. The
 * request changed nothing. Expected refusals only: bugs surface as other exceptions.
 */
public final class ApiException extends RuntimeException {

    private final transient Status status;

    public ApiException(Status status) {
        super(status.message(), null, false, false);
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.code();
    }

    public String reason() {
        return status.reason();
    }

    /** Whether the status carries a cause of type {@code causeType} (apimachinery's HasStatusCause). */
    public boolean hasCause(String causeType) {
        return status.details() != null
                && status.details().causes().stream().anyMatch(c -> causeType.equals(c.reason()));
    }

    /**
     * How kubectl prints the error: {@code Error from server (NotFound): pods "x" not found}, or without the
     * parenthesis for a status that names no reason (as the eviction's 500 for a pod with two budgets).
     */
    public String kubectlMessage() {
        if (status.reason() == null || status.reason().isEmpty()) {
            return "Error from server: " + status.message();
        }
        return "Error from server (" + status.reason() + "): " + status.message();
    }
}
