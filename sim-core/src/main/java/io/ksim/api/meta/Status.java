package io.ksim.api.meta;

/**
 * The result of a failed request, as the API server returns it (metav1.Status) and kubectl prints it:
 * {@code Error from server (<reason>): <message>}.
 */
public record Status(String apiVersion, String kind, ObjectMeta metadata, String status, String message,
        String reason, StatusDetails details, int code) {

    public static final String FAILURE = "Failure";
    public static final String SUCCESS = "Success";

    public Status {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Status" : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
    }

    public static Status failure(int code, String reason, String message, StatusDetails details) {
        return new Status(null, null, null, FAILURE, message, reason, details, code);
    }
}
