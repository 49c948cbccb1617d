package io.ksim.kubectl.printers;

/** A JSONPath template that does not parse, or cannot be applied to the object, in client-go's words. */
public final class JsonPathException extends RuntimeException {

    public JsonPathException(String message) {
        super(message, null, false, false);
    }
}
