package io.ksim.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases from upstream's objectmeta_test.go and meta/v1 validation_test.go, with the full texts asserted. */
class ObjectMetaValidationTest {

    record Meta(String name, String generateName, String namespace, long generation, Map<String, String> labels,
                Map<String, String> annotations) implements ObjectMetaView {
        static Meta named(String name, String namespace) {
            return new Meta(name, "", namespace, 0, Map.of(), Map.of());
        }
    }

    private static final FieldPath META = FieldPath.of("metadata");
    private static final String LABEL_PREFIX = "a lowercase RFC 1123 label must consist of";

    private static List<String> messages(List<FieldError> errs) {
        return errs.stream().map(FieldError::error).toList();
    }

    @Test
    void emptyNameIsRequired() {
        assertEquals(List.of("metadata.name: Required value: name or generateName is required"),
                messages(ObjectMetaValidation.validateObjectMeta(Meta.named("", "default"), true,
                        NameValidator.DNS1123_SUBDOMAIN, META)));
    }

    @Test
    void invalidNameIsReportedWithTheSubdomainText() {
        assertEquals(List.of("metadata.name: Invalid value: \"Foo\": a lowercase RFC 1123 subdomain must consist of "
                        + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                messages(ObjectMetaValidation.validateObjectMeta(Meta.named("Foo", "default"), true,
                        NameValidator.DNS1123_SUBDOMAIN, META)));
    }

    @Test
    void customNameFunctionIsUsedForNameAndGenerateName() {
        NameValidator onlyTest = (s, prefix) -> s.equals("test") ? List.of() : List.of("name-gen");
        Meta m = new Meta("test", "foo", "", 0, Map.of(), Map.of());
        assertEquals(List.of("field.generateName: Invalid value: \"foo\": name-gen"),
                messages(ObjectMetaValidation.validateObjectMeta(m, false, onlyTest, FieldPath.of("field"))));
    }

    @Test
    void trailingDashIsAllowedInGenerateName() {
        Meta m = new Meta("test", "foo-", "", 0, Map.of(), Map.of());
        assertEquals(List.of(), ObjectMetaValidation.validateObjectMeta(m, false, NameValidator.DNS1123_SUBDOMAIN,
                FieldPath.of("field")));
    }

    @Test
    void namespacesMustBeDnsLabels() {
        List<FieldError> errs = ObjectMetaValidation.validateObjectMeta(Meta.named("test", "foo.bar"), true,
                (s, p) -> List.of(), FieldPath.of("field"));
        assertEquals(List.of("field.namespace: Invalid value: \"foo.bar\": must not contain dots"), messages(errs));

        String tooLong = "A" + "b".repeat(63);
        errs = ObjectMetaValidation.validateObjectMeta(Meta.named("test", tooLong), true, (s, p) -> List.of(),
                FieldPath.of("field"));
        assertEquals(2, errs.size());
        assertEquals("field.namespace: Invalid value: \"" + tooLong + "\": must be no more than 63 characters",
                errs.get(0).error());
        assertTrue(errs.get(1).detail().startsWith(LABEL_PREFIX));
    }

    @Test
    void namespaceIsRequiredOrForbiddenByScope() {
        assertEquals(List.of("metadata.namespace: Required value"),
                messages(ObjectMetaValidation.validateObjectMeta(Meta.named("a", ""), true,
                        NameValidator.DNS1123_SUBDOMAIN, META)));
        assertEquals(List.of("metadata.namespace: Forbidden: not allowed on this type"),
                messages(ObjectMetaValidation.validateObjectMeta(Meta.named("a", "ns"), false,
                        NameValidator.DNS1123_SUBDOMAIN, META)));
    }

    @Test
    void negativeGenerationIsInvalid() {
        Meta m = new Meta("a", "", "ns", -1, Map.of(), Map.of());
        assertEquals(List.of("metadata.generation: Invalid value: -1: must be greater than or equal to 0"),
                messages(ObjectMetaValidation.validateObjectMeta(m, true, NameValidator.DNS1123_SUBDOMAIN, META)));
    }

    @Test
    void errorsComeInUpstreamOrder() {
        Meta m = new Meta("", "Bad", "", -2, Map.of("-k", "v"), Map.of());
        List<FieldError> errs = ObjectMetaValidation.validateObjectMeta(m, true, NameValidator.DNS1123_SUBDOMAIN, META);
        assertEquals(List.of("metadata.generateName", "metadata.name", "metadata.namespace", "metadata.generation",
                "metadata.labels"), errs.stream().map(FieldError::field).toList());
    }

    static Stream<Map<String, String>> goodKeys() {
        return Stream.of(Map.of("simple", "bar"), Map.of("now-with-dashes", "bar"), Map.of("1-starts-with-num", "bar"),
                Map.of("1234", "bar"), Map.of("simple/simple", "bar"), Map.of("now-with-dashes/simple", "bar"),
                Map.of("now-with-dashes/now-with-dashes", "bar"), Map.of("now.with.dots/simple", "bar"),
                Map.of("now-with.dashes-and.dots/simple", "bar"), Map.of("1-num.2-num/3-num", "bar"),
                Map.of("1234/5678", "bar"), Map.of("1.2.3.4/5678", "bar"), Map.of("UpperCaseAreOK123", "bar"));
    }

    @ParameterizedTest
    @MethodSource("goodKeys")
    void goodLabelsAndAnnotations(Map<String, String> m) {
        assertEquals(List.of(), ObjectMetaValidation.validateLabels(m, FieldPath.of("field")));
        assertEquals(List.of(), ObjectMetaValidation.validateAnnotations(m, FieldPath.of("field")));
    }

    static Stream<Arguments> badLabels() {
        return Stream.of(
                Arguments.of(Map.of("nospecialchars^=@", "bar"), "name part must consist of"),
                Arguments.of(Map.of("cantendwithadash-", "bar"), "name part must consist of"),
                Arguments.of(Map.of("only/one/slash", "bar"), "a qualified name must consist of"),
                Arguments.of(Map.of("a".repeat(254), "bar"), "must be no more than"),
                Arguments.of(Map.of("toolongvalue", "a".repeat(64)), "must be no more than"),
                Arguments.of(Map.of("backslashesinvalue", "some\\bad\\value"),
                        "a valid label must be an empty string or consist of"),
                Arguments.of(Map.of("nocommasallowed", "bad,value"), "a valid label must be an empty string or consist of"),
                Arguments.of(Map.of("strangecharsinvalue", "?#$notsogood"),
                        "a valid label must be an empty string or consist of"));
    }

    @ParameterizedTest
    @MethodSource("badLabels")
    void badLabelsGiveOneErrorEach(Map<String, String> labels, String expect) {
        List<FieldError> errs = ObjectMetaValidation.validateLabels(labels, FieldPath.of("field"));
        assertEquals(1, errs.size(), errs.toString());
        assertTrue(errs.get(0).detail().contains(expect), errs.get(0).detail());
        assertEquals("field", errs.get(0).field());
    }

    @Test
    void labelValueErrorCarriesTheValue() {
        assertEquals(List.of("metadata.labels: Invalid value: \"bad,value\": a valid label must be an empty string or "
                        + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                        + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                messages(ObjectMetaValidation.validateLabels(Map.of("k", "bad,value"), FieldPath.of("metadata", "labels"))));
    }

    @Test
    void annotationKeysIgnoreCaseButLabelKeysDoNot() {
        Map<String, String> upperPrefix = Map.of("Example.com/abc", "v");
        assertEquals(List.of(), ObjectMetaValidation.validateAnnotations(upperPrefix, META.child("annotations")));
        assertEquals(1, ObjectMetaValidation.validateLabels(upperPrefix, META.child("labels")).size());
        // Go lowers 'İ' to a plain 'i' (simple case mapping), so this key is accepted.
        assertEquals(List.of(), ObjectMetaValidation.validateAnnotations(Map.of("İ", "v"), META.child("annotations")));
    }

    @Test
    void badAnnotationKeysReportTheOriginalKey() {
        assertEquals(List.of("metadata.annotations: Invalid value: \"Only/One/Slash\": a qualified name must consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                        + "(e.g. 'example.com/MyName')"),
                messages(ObjectMetaValidation.validateAnnotations(Map.of("Only/One/Slash", "v"), META.child("annotations"))));
    }

    @Test
    void annotationTotalSizeLimit() {
        int limit = ObjectMetaValidation.TOTAL_ANNOTATION_SIZE_LIMIT_BYTES;
        assertEquals(262144, limit);
        FieldPath p = FieldPath.of("field");
        assertEquals(List.of(), ObjectMetaValidation.validateAnnotations(Map.of("a", "b".repeat(limit - 1)), p));
        assertEquals(List.of(), ObjectMetaValidation.validateAnnotations(
                Map.of("a", "b".repeat(limit / 2 - 1), "c", "d".repeat(limit / 2 - 1)), p));
        assertEquals(List.of("field: Too long: may not be more than 262144 bytes"),
                messages(ObjectMetaValidation.validateAnnotations(Map.of("a", "b".repeat(limit)), p)));
        assertEquals(1, ObjectMetaValidation.validateAnnotations(
                Map.of("a", "b".repeat(limit / 2), "c", "d".repeat(limit / 2)), p).size());
    }
}
