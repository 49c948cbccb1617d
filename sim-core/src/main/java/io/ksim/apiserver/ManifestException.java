package io.ksim.apiserver;

/**
 * A manifest that cannot become an API object: bad YAML, a missing or unknown kind, unknown fields, a
 * value of the wrong type. The message is upstream's wording; {@link #line()} points into the source
 * when the problem has a place there (0 when it does not).
 */
public final class ManifestException extends RuntimeException {

    private final int line;

    public ManifestException(String message, int line) {
        super(message, null, false, false);
        this.line = line;
    }

    /** 1-based line in the manifest, or 0. */
    public int line() {
        return line;
    }
}
