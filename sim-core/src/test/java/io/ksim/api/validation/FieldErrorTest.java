package io.ksim.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldErrorTest {

    private static final FieldPath F = FieldPath.of("f");

    @Test
    void bodiesPerTypeAsUpstream() {
        assertEquals("f: Invalid value: \"v\": d", FieldError.invalid(F, "v", "d").error());
        assertEquals("f: Unsupported value: \"v\": supported values: \"a\", \"b\", \"c\"",
                FieldError.notSupported(F, "v", List.of("a", "b", "c")).error());
        assertEquals("f: Unsupported value: \"v\"", FieldError.notSupported(F, "v", List.of()).error());
        assertEquals("f: Duplicate value: \"v\"", FieldError.duplicate(F, "v").error());
        assertEquals("f: Not found: \"v\"", FieldError.notFound(F, "v").error());
        assertEquals("metadata.name: Required value: name or generateName is required",
                FieldError.required(FieldPath.of("metadata", "name"), "name or generateName is required").error());
        assertEquals("metadata.namespace: Required value",
                FieldError.required(FieldPath.of("metadata", "namespace"), "").error());
        assertEquals("metadata.namespace: Forbidden: not allowed on this type",
                FieldError.forbidden(FieldPath.of("metadata", "namespace"), "not allowed on this type").error());
        assertEquals("f: Internal error: e", FieldError.internal(F, "e").error());
    }

    @Test
    void tooLongAndTooMany() {
        assertEquals("metadata.annotations: Too long: may not be more than 262144 bytes",
                FieldError.tooLong(FieldPath.of("metadata", "annotations"), 262144).error());
        assertEquals("f: Too long: value is too long", FieldError.tooLong(F, -1).error());
        assertEquals("f: Too many: 5: must have at most 3 items", FieldError.tooMany(F, 5, 3).error());
        assertEquals("f: Too many: must have at most 3 items", FieldError.tooMany(F, -1, 3).error());
        assertEquals("f: Too many: 5: has too many items", FieldError.tooMany(F, 5, -1).error());
    }

    @Test
    void valuesArePrintedByType() {
        assertEquals("spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                FieldError.invalid(FieldPath.of("spec", "replicas"), -1, "must be greater than or equal to 0").error());
        assertEquals("f: Invalid value: 7", FieldError.invalid(F, 7L, "").error());
        assertEquals("f: Invalid value: true", FieldError.invalid(F, true, "").error());
        assertEquals("f: Invalid value: 1.5", FieldError.invalid(F, 1.5, "").error());
        assertEquals("f: Invalid value: 2", FieldError.invalid(F, 2.0, "").error());
        assertEquals("f: Invalid value: 1e+06", FieldError.invalid(F, 1e6, "").error());
        assertEquals("f: Invalid value: 1.5e-05", FieldError.invalid(F, 1.5e-5, "").error());
        assertEquals("<nil>: Invalid value: null", FieldError.invalid(FieldPath.none(), null, "").error());
        assertEquals("values: Invalid value: []string{\"bar\", \"foo\"}: x",
                FieldError.invalid(FieldPath.of("values"), List.of("bar", "foo"), "x").error());
        assertEquals("f: Invalid value: []string{}", FieldError.invalid(F, List.of(), "").error());
        assertEquals("f: Invalid value: map[string]string{\"a\":\"1\", \"b\":\"2\"}",
                FieldError.invalid(F, Map.of("b", "2", "a", "1"), "").error());
        assertEquals("f: Invalid value: []string(nil)",
                FieldError.invalid(F, new FieldError.Rendered(GoFormat.stringSlice(null)), "").error());
    }

    @Test
    void stringsAreQuotedLikeGo() {
        assertEquals("\"a\\\"b\\\\c\"", GoFormat.quote("a\"b\\c"));
        assertEquals("\"\\n\\t\\r\\a\\b\\f\\v\"", GoFormat.quote("\n\t\r\u0007\b\f\u000b"));
        assertEquals("\"\\x00\\x01\\x7f\"", GoFormat.quote("\u0000\u0001\u007f"));
        assertEquals("\"rā é 함\"", GoFormat.quote("rā é 함"));
        assertEquals("\"\\u00a0\\u200b\"", GoFormat.quote("\u00a0\u200b"));
        assertEquals("\"\\U000f0000\"", GoFormat.quote(new String(Character.toChars(0xF0000))));
        // Characters beyond the BMP are judged by their code point, not by a half of their surrogate pair.
        assertEquals("\"\uD843\uDE24\"", GoFormat.quote("\uD843\uDE24"));
        assertEquals("\"\\U0001db8c\"", GoFormat.quote(new String(Character.toChars(0x1DB8C))));
    }

    @Test
    void aggregateDropsDuplicatesAndBracketsSeveral() {
        FieldError a = FieldError.invalid(F, "v", "d");
        FieldError b = FieldError.internal(FieldPath.of(""), "e");
        assertEquals(Optional.empty(), FieldErrors.aggregate(List.of()));
        assertEquals(Optional.of("f: Invalid value: \"v\": d"), FieldErrors.aggregate(List.of(a, a)));
        assertEquals(Optional.of("[f: Invalid value: \"v\": d, []: Internal error: e]"),
                FieldErrors.aggregate(Arrays.asList(a, b, a)));
        assertEquals(List.of(a, b), FieldErrors.distinct(List.of(a, b, a)));
    }

    @Test
    void reasonsAreTheApiCauseTypes() {
        assertEquals("FieldValueInvalid", ErrorType.INVALID.reason());
        assertEquals("FieldValueNotSupported", ErrorType.NOT_SUPPORTED.reason());
        assertEquals("InternalError", ErrorType.INTERNAL.reason());
    }
}
