package io.ksim.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream's requirement-constructor cases (selector_test.go), with the texts upstream prints. */
class RequirementTest {

    private static String error(String key, Operator op, String... values) {
        return assertThrows(SelectorException.class, () -> Requirement.of(key, op, List.of(values))).getMessage();
    }

    @ParameterizedTest
    @CsvSource({"x3,IN,foo", "x4,NOT_IN,foo", "x9,IN,bar", "x11,GREATER_THAN,1", "x12,LESS_THAN,6"})
    void validRequirements(String key, Operator op, String value) {
        assertEquals(key, Requirement.of(key, op, List.of(value)).key());
    }

    @Test
    void existsTakesNoValues() {
        assertEquals("x6", Requirement.of("x6", Operator.EXISTS, List.of()).toString());
        assertEquals("!x7", Requirement.of("x7", Operator.DOES_NOT_EXIST, List.of()).toString());
    }

    @Test
    void valueCountErrors() {
        assertEquals("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
                error("x1", Operator.IN));
        assertEquals("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
                error("x2", Operator.NOT_IN));
        assertEquals("values: Invalid value: []string{\"foo\", \"bar\"}: exact-match compatibility requires one "
                + "single value", error("x5", Operator.EQUALS, "foo", "bar"));
        assertEquals("values: Invalid value: []string{\"foo\"}: values set must be empty for exists and does not "
                + "exist", error("x8", Operator.EXISTS, "foo"));
        assertEquals("values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required",
                error("x13", Operator.GREATER_THAN));
        assertEquals("values: Invalid value: []string{\"1\", \"2\"}: for 'Gt', 'Lt' operators, exactly one value is "
                + "required", error("x", Operator.GREATER_THAN, "1", "2"));
    }

    @Test
    void valueFormatErrors() {
        assertEquals("values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer",
                error("x14", Operator.GREATER_THAN, "bar"));
        assertEquals("values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer",
                error("x15", Operator.LESS_THAN, "bar"));
        String a254 = "a".repeat(254);
        assertEquals("values[0][x16]: Invalid value: \"" + a254 + "\": must be no more than 63 characters",
                error("x16", Operator.EQUALS, a254));
        assertEquals("values[0][x17]: Invalid value: \"a b\": a valid label must be an empty string or consist of "
                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')", error("x17", Operator.EQUALS, "a b"));
    }

    @Test
    void keyErrorsAndSeveralErrorsAggregate() {
        String a254 = "a".repeat(254);
        assertEquals("key: Invalid value: \"" + a254 + "\": name part must be no more than 63 characters",
                error(a254, Operator.EXISTS));
        assertEquals("[key: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or "
                + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
                + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: "
                + "Invalid value: []string{}: exact-match compatibility requires one single value]",
                error("-a", Operator.EQUALS));
        SelectorException e = assertThrows(SelectorException.class,
                () -> Requirement.of("-a", Operator.EQUALS, List.of()));
        assertEquals(2, e.fieldErrors().size());
    }

    @Test
    void integersParseAsGoDoes() {
        assertEquals(5L, Requirement.parseInt64("+5").orElseThrow());
        assertEquals(-5L, Requirement.parseInt64("-5").orElseThrow());
        assertEquals(1L, Requirement.parseInt64("01").orElseThrow());
        assertEquals(true, Requirement.parseInt64("99999999999999999999").isEmpty());
        assertEquals(true, Requirement.parseInt64("\u0663").isEmpty()); // an Arabic-Indic digit
        assertEquals(true, Requirement.parseInt64("-").isEmpty());
        assertEquals(true, Requirement.parseInt64("").isEmpty());
    }

    @Test
    void valuesAreSortedButDuplicatesKept() {
        Requirement r = Requirement.of("k", Operator.IN, List.of("b", "a", "b"));
        assertEquals(List.of("a", "b", "b"), r.values());
        assertEquals("k in (a,b,b)", r.toString());
    }
}
