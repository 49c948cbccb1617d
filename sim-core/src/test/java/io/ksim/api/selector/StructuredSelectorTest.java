package io.ksim.api.selector;

import io.ksim.api.meta.LabelSelectorRequirement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's matchLabels/matchExpressions form: conversion (helpers_test.go) and validation (validation_test.go). */
class StructuredSelectorTest {

    private static final FieldPath SEL = FieldPath.of("spec", "selector");

    private static List<String> validate(Map<String, String> labels, LabelSelectorRequirement... exprs) {
        return LabelSelectorValidation.validate(labels, List.of(exprs), LabelSelectorValidation.Options.DEFAULT, SEL)
                .stream().map(FieldError::error).toList();
    }

    @Test
    void conversionAsUpstream() {
        Map<String, String> matchLabels = Map.of("foo", "bar");
        LabelSelectorRequirement baz = LabelSelectorRequirement.in("baz", "qux", "norf");
        assertEquals(LabelSelector.everything(), LabelSelector.fromLabelSelector(Map.of(), List.of()));
        assertEquals(LabelSelector.everything(), LabelSelector.fromLabelSelector(null, null));
        assertEquals(LabelSelector.parse("foo=bar"), LabelSelector.fromLabelSelector(matchLabels, List.of()));
        assertEquals(LabelSelector.parse("baz in (norf,qux)"), LabelSelector.fromLabelSelector(null, List.of(baz)));
        assertEquals("baz in (norf,qux),foo=bar", LabelSelector.fromLabelSelector(matchLabels, List.of(baz)).toString());
        assertEquals("!a,b", LabelSelector.fromLabelSelector(null,
                List.of(LabelSelectorRequirement.exists("b"), LabelSelectorRequirement.doesNotExist("a"))).toString());
    }

    @Test
    void conversionErrors() {
        assertEquals("values: Invalid value: []string{\"qux\", \"norf\"}: values set must be empty for exists and does "
                        + "not exist",
                assertThrows(SelectorException.class, () -> LabelSelector.fromLabelSelector(null,
                        List.of(new LabelSelectorRequirement("baz", "Exists", List.of("qux", "norf"))))).getMessage());
        assertEquals("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
                assertThrows(SelectorException.class, () -> LabelSelector.fromLabelSelector(null,
                        List.of(LabelSelectorRequirement.in("baz")))).getMessage());
        assertEquals("\"Foo\" is not a valid label selector operator",
                assertThrows(SelectorException.class, () -> LabelSelector.fromLabelSelector(null,
                        List.of(new LabelSelectorRequirement("baz", "Foo", List.of())))).getMessage());
        assertEquals("values[0][app]: Invalid value: \"a b\": a valid label must be an empty string or consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
                assertThrows(SelectorException.class, () -> LabelSelector.fromLabelSelector(Map.of("app", "a b"),
                        List.of())).getMessage());
    }

    @Test
    void validSelectorHasNoErrors() {
        assertEquals(List.of(), validate(Map.of("app", "web"), LabelSelectorRequirement.in("key", "value"),
                LabelSelectorRequirement.exists("tier")));
    }

    @Test
    void validationTexts() {
        assertEquals(List.of("spec.selector.matchExpressions[0].values: Required value: must be specified when "
                + "`operator` is 'In' or 'NotIn'"), validate(Map.of(), LabelSelectorRequirement.notIn("key")));
        assertEquals(List.of("spec.selector.matchExpressions[0].values: Forbidden: may not be specified when "
                        + "`operator` is 'Exists' or 'DoesNotExist'"),
                validate(Map.of(), new LabelSelectorRequirement("key", "DoesNotExist", List.of("v"))));
        assertEquals(List.of("spec.selector.matchExpressions[0].operator: Invalid value: \"abc\": not a valid "
                + "selector operator"), validate(Map.of(), new LabelSelectorRequirement("key", "abc", List.of("value"))));
    }

    @Test
    void keyAndValueErrorsArePerExpression() {
        List<String> errs = validate(Map.of(), LabelSelectorRequirement.in("key", "ok"), LabelSelectorRequirement.in("-key", "value"),
                LabelSelectorRequirement.in("key", "ok", "-value"));
        assertEquals(2, errs.size());
        assertTrue(errs.get(0).startsWith("spec.selector.matchExpressions[1].key: Invalid value: \"-key\": name part "
                + "must consist of alphanumeric characters"), errs.get(0));
        assertTrue(errs.get(1).startsWith("spec.selector.matchExpressions[2].values[1]: Invalid value: \"-value\": "
                + "a valid label must be an empty string or consist of"), errs.get(1));
    }

    @Test
    void matchLabelsAreValidatedAsLabels() {
        assertEquals(List.of("spec.selector.matchLabels: Invalid value: \"bad,value\": a valid label must be an empty "
                + "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"), validate(Map.of("k", "bad,value")));
    }

    @Test
    void optionsRelaxTheChecks() {
        LabelSelectorValidation.Options lax = new LabelSelectorValidation.Options(true, true);
        assertEquals(List.of(), LabelSelectorValidation.validate(Map.of(),
                List.of(new LabelSelectorRequirement("key", "abc", List.of("-value"))), lax, SEL));
    }
}
