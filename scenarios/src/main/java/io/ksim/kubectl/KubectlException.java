package io.ksim.kubectl;

/**
 * A client-side error, printed as kubectl prints it (the message is the whole text, usually starting with
 * {@code error: }), exit status 1. Nothing was changed by the command that threw it, unless its message says so.
 */
public final class KubectlException extends RuntimeException {

    public KubectlException(String message) {
        super(message, null, false, false);
    }
}
