package io.ksim.apiserver;

import io.ksim.api.meta.Status;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.meta.StatusDetails;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The API server's errors with upstream's codes, reasons and message texts (apimachinery
 * pkg/api/errors/errors.go).
 */
public final class ApiErrors {

    /** storage's OptimisticLockErrorMsg, the tail of every stale-update Conflict. */
    public static final String OPTIMISTIC_LOCK_MESSAGE =
            "the object has been modified; please apply your changes to the latest version and try again";

    private ApiErrors() {
    }

    public static ApiException notFound(GroupResource resource, String name) {
        return error(404, "NotFound", String.format("%s \"%s\" not found", resource, name),
                details(resource, name));
    }

    public static ApiException alreadyExists(GroupResource resource, String name) {
        return error(409, "AlreadyExists", String.format("%s \"%s\" already exists", resource, name),
                details(resource, name));
    }

    /** A generateName collision (retry after 1 s, as upstream suggests). */
    public static ApiException generateNameConflict(GroupResource resource, String name) {
        return error(409, "AlreadyExists", String.format("%s \"%s\" already exists, the server was not able to"
                + " generate a unique name for the object", resource, name),
                new StatusDetails(name, resource.group(), resource.resource(), null, List.of(), 1));
    }

    /** {@code Operation cannot be fulfilled on deployments.apps "web": <reason>}. */
    public static ApiException conflict(GroupResource resource, String name, String reason) {
        return error(409, "Conflict", String.format("Operation cannot be fulfilled on %s \"%s\": %s",
                resource, name, reason), details(resource, name));
    }

    /** The Conflict of an update with a stale resourceVersion. */
    public static ApiException staleUpdate(GroupResource resource, String name) {
        return conflict(resource, name, OPTIMISTIC_LOCK_MESSAGE);
    }

    /**
     * {@code Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be ...}; several
     * causes are joined as {@code [a, b]}, as an aggregate error prints.
     */
    public static ApiException invalid(GroupKind kind, String name, List<StatusCause> causes) {
        String message;
        if (causes.isEmpty()) {
            message = String.format("%s \"%s\" is invalid", kind, name);
        } else {
            message = String.format("%s \"%s\" is invalid: %s", kind, name, aggregate(causes.stream()
                    .map(c -> c.field() == null || c.field().isEmpty() ? c.message() : c.field() + ": " + c.message())
                    .collect(Collectors.toList())));
        }
        return error(422, "Invalid", message, new StatusDetails(name, kind.group(), kind.kind(), null, causes, null));
    }

    /**
     * {@code pods "x" is forbidden: <reason>}, or without a name {@code pods is forbidden: <reason>}, or
     * without a resource (a non-resource URL) {@code forbidden: <reason>}.
     */
    public static ApiException forbidden(GroupResource resource, String name, String reason) {
        return forbidden(resource, name, reason, List.of());
    }

    /** A Forbidden with causes, e.g. NamespaceLifecycle's NamespaceTerminating cause on metadata.namespace. */
    public static ApiException forbidden(GroupResource resource, String name, String reason, List<StatusCause> causes) {
        String message = resource.group().isEmpty() && resource.resource().isEmpty()
                ? String.format("forbidden: %s", reason)
                : name == null || name.isEmpty()
                ? String.format("%s is forbidden: %s", resource, reason)
                : String.format("%s \"%s\" is forbidden: %s", resource, name, reason);
        return error(403, "Forbidden", message,
                new StatusDetails(name, resource.group(), resource.resource(), null, causes, null));
    }

    public static ApiException badRequest(String message) {
        return error(400, "BadRequest", message, null);
    }

    /** 410 Gone, e.g. a watch from a compacted resourceVersion: "too old resource version: 5 (10)". */
    public static ApiException gone(String message) {
        return error(410, "Gone", message, null);
    }

    public static ApiException resourceExpired(String message) {
        return error(410, "Expired", message, null);
    }

    public static ApiException methodNotSupported(GroupResource resource, String action) {
        return error(405, "MethodNotAllowed", String.format("%s is not supported on resources of kind \"%s\"",
                action, resource), new StatusDetails(null, resource.group(), resource.resource(), null, List.of(), null));
    }

    public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
        return tooManyRequests(message, retryAfterSeconds, List.of());
    }

    /** 429 with causes, e.g. the eviction's DisruptionBudget cause. */
    public static ApiException tooManyRequests(String message, int retryAfterSeconds, List<StatusCause> causes) {
        return error(429, "TooManyRequests", message,
                new StatusDetails(null, null, null, null, causes, retryAfterSeconds));
    }

    /** 504 {@code Timeout: <message>}, e.g. a write that kept conflicting. */
    public static ApiException timeout(String message, int retryAfterSeconds) {
        return error(504, "Timeout", "Timeout: " + message,
                new StatusDetails(null, null, null, null, List.of(), retryAfterSeconds));
    }

    /**
     * A failure that upstream returns as a plain Status object with a code and no reason, e.g. the eviction of a
     * pod that two PodDisruptionBudgets cover (500).
     */
    public static ApiException failure(int code, String message) {
        return error(code, null, message, null);
    }

    /** 422 with reason Invalid and the message as is (a JSON patch operation that does not apply). */
    public static ApiException unprocessable(String message) {
        return error(422, "Invalid", message, null);
    }

    /** 500 with reason Unknown: an error upstream passes on untranslated. */
    public static ApiException unknown(String message) {
        return error(500, "Unknown", message, null);
    }

    public static ApiException internalError(String message) {
        return error(500, "InternalError", "Internal error occurred: " + message, null);
    }

    /** An aggregate's text: one error alone, several as {@code [a, b]}; repeated texts once. */
    public static String aggregate(List<String> messages) {
        List<String> distinct = messages.stream().distinct().collect(Collectors.toList());
        return distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    }

    private static StatusDetails details(GroupResource resource, String name) {
        return new StatusDetails(name, resource.group(), resource.resource(), null, List.of(), null);
    }

    private static ApiException error(int code, String reason, String message, StatusDetails details) {
        return new ApiException(Status.failure(code, reason, message, details));
    }
}
