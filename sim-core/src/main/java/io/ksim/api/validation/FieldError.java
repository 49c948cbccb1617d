package io.ksim.api.validation;

import io.ksim.api.meta.StatusCause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One field-level validation error, rendered exactly as the API server renders it:
 * <pre>{@code
 * metadata.name: Required value: name or generateName is required
 * metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of ...
 * spec.replicas: Invalid value: -1: must be greater than or equal to 0
 * spec.policy: Unsupported value: "x": supported values: "a", "b"
 * metadata.annotations: Too long: may not be more than 262144 bytes
 * }</pre>
 * The bad value is written by its Java type, following Go's printing of the value upstream would hold:
 * {@code null} as {@code null}; a {@link String} quoted ({@code %q}); numbers and booleans plainly; a
 * {@code List} of strings and a {@code Map} as Go's {@code %#v} ({@code []string{"a", "b"}},
 * {@code map[string]string{"k":"v"}}); a {@link Rendered} verbatim; anything else by {@code toString()}.
 * Required, Forbidden, Too long and Internal error never show their value.
 *
 * @param field    the rendered {@link FieldPath}
 * @param badValue the offending value, or {@link #OMITTED} to show none
 * @param detail   free text after the value; empty for none
 */
public record FieldError(ErrorType type, String field, Object badValue, String detail) {

    /** A bad value that is printed as the given text, for values with no natural Java counterpart. */
    public record Rendered(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The bad value that suppresses the value part of the body (a Too many error with no known count). */
    public static final Object OMITTED = new Rendered("<omitted>");

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        detail = detail == null ? "" : detail;
    }

    public static FieldError notFound(FieldPath path, Object value) {
        return new FieldError(ErrorType.NOT_FOUND, path.toString(), value, "");
    }

    public static FieldError required(FieldPath path, String detail) {
        return new FieldError(ErrorType.REQUIRED, path.toString(), "", detail);
    }

    public static FieldError duplicate(FieldPath path, Object value) {
        return new FieldError(ErrorType.DUPLICATE, path.toString(), value, "");
    }

    public static FieldError invalid(FieldPath path, Object value, String detail) {
        return new FieldError(ErrorType.INVALID, path.toString(), value, detail);
    }

    /** {@code Unsupported value: "x": supported values: "a", "b"}; no detail when {@code supported} is empty. */
    public static FieldError notSupported(FieldPath path, Object value, Collection<String> supported) {
        List<String> quoted = new ArrayList<>(supported.size());
        for (String s : supported) {
            quoted.add(GoFormat.quote(s));
        }
        String detail = quoted.isEmpty() ? "" : "supported values: " + String.join(", ", quoted);
        return new FieldError(ErrorType.NOT_SUPPORTED, path.toString(), value, detail);
    }

    public static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError(ErrorType.FORBIDDEN, path.toString(), "", detail);
    }

    /** {@code Too long: may not be more than N bytes}, or {@code value is too long} when maxLength is negative. */
    public static FieldError tooLong(FieldPath path, int maxLength) {
        String detail = maxLength >= 0 ? "may not be more than " + maxLength + " bytes" : "value is too long";
        return new FieldError(ErrorType.TOO_LONG, path.toString(), "<value omitted>", detail);
    }

    /**
     * {@code Too many: 5: must have at most 3 items}; a negative actual count leaves the value out, a negative
     * maximum gives {@code has too many items}.
     */
    public static FieldError tooMany(FieldPath path, int actual, int max) {
        String detail = max >= 0 ? "must have at most " + max + " items" : "has too many items";
        return new FieldError(ErrorType.TOO_MANY, path.toString(), actual >= 0 ? (Object) actual : OMITTED, detail);
    }

    /** {@code Internal error: <message>}. */
    public static FieldError internal(FieldPath path, String message) {
        return new FieldError(ErrorType.INTERNAL, path.toString(), null, message);
    }

    /** The message without the field: {@code <Type>[: <value>][: <detail>]}. */
    public String body() {
        StringBuilder sb = new StringBuilder(type.toString());
        if (type.showsValue() && badValue != OMITTED) {
            sb.append(": ").append(render(badValue));
        }
        if (!detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }

    /** The error as a cause of an Invalid status: reason (the cause type), body as message, field path. */
    public StatusCause cause() {
        return new StatusCause(type.reason(), body(), field);
    }

    /** The full message, {@code <field>: <body>}. */
    public String error() {
        return field + ": " + body();
    }

    @Override
    public String toString() {
        return error();
    }

    private static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return GoFormat.quote(s);
        }
        if (v instanceof Number n) {
            return GoFormat.number(n);
        }
        if (v instanceof Boolean || v instanceof Rendered) {
            return v.toString();
        }
        if (v instanceof List<?> list && list.stream().allMatch(e -> e instanceof String)) {
            return GoFormat.stringSlice(list.stream().map(String.class::cast).toList());
        }
        if (v instanceof Map<?, ?> map) {
            return GoFormat.stringMap(map);
        }
        return v.toString();
    }
}
