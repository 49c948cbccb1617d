package io.ksim.apiserver;

/** The patch types of the PATCH verb, with their content types ({@code kubectl patch --type}). */
public enum PatchType {
    /** RFC 6902 ({@code --type=json}). */
    JSON("application/json-patch+json"),
    /** RFC 7386 ({@code --type=merge}). */
    MERGE("application/merge-patch+json"),
    /** Kubernetes' strategic merge patch ({@code --type=strategic}, kubectl's default). */
    STRATEGIC("application/strategic-merge-patch+json");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }
}
