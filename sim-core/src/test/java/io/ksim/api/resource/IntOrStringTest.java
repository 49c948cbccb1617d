package io.ksim.api.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IntOrString with upstream's test vectors (intstr_test.go) and error texts (intstr.go). */
class IntOrStringTest {

    private static final String NOT_PERCENT =
            "invalid value for IntOrString: invalid type: string is not a percentage";

    @Test
    void holdsAnIntOrAString() {
        IntOrString i = IntOrString.of(93);
        assertEquals(IntOrString.Type.INT, i.type());
        assertEquals(93, i.intVal());
        assertEquals("93", i.toString());
        IntOrString s = IntOrString.of("76");
        assertEquals(IntOrString.Type.STRING, s.type());
        assertEquals("76", s.strVal());
        assertEquals("76", s.toString());
        assertNotEquals(IntOrString.of(76), s);
        assertEquals(IntOrString.of("76"), s);
        assertEquals(IntOrString.of("76").hashCode(), s.hashCode());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"0, INT", "2147483647, INT", "-2147483648, INT", "2147483648, STRING", "-2147483649, STRING",
            "9223372036854775807, STRING", "-9223372036854775808, STRING", "9223372036854775808, STRING",
            "-9223372036854775809, STRING", "+80, INT", "http, STRING", "'', STRING", "1_000, STRING", "' 1', STRING"})
    void parseMakesAnIntOfInt32Text(String text, IntOrString.Type type) {
        IntOrString v = IntOrString.parse(text);
        assertEquals(type, v.type());
        if (type == IntOrString.Type.STRING) {
            assertEquals(text, v.strVal());
        } else {
            assertEquals(Integer.parseInt(text), v.intVal());
        }
    }

    /** TestGetIntFromIntOrPercent, and the vectors of TestGetIntFromIntOrString through the public function. */
    @ParameterizedTest(name = "{0} of {1} roundUp={2}")
    @CsvSource({"90%, 100, true, 90", "90%, 95, true, 86", "90%, 95, false, 85", "40%, 100, false, 40",
            "25%, 10, true, 3", "25%, 10, false, 2", "25%, 1, true, 1", "25%, 1, false, 0", "25%, 0, true, 0",
            "0%, 7, true, 0", "100%, 7, false, 7", "+50%, 3, true, 2", "-50%, 3, true, -1", "-50%, 3, false, -2",
            "150%, 4, false, 6", "33%, 3, true, 1", "33%, 3, false, 0"})
    void scalesPercentages(String percent, long total, boolean roundUp, long expect) {
        assertEquals(expect, IntOrString.of(percent).scaledValue(total, roundUp));
    }

    @Test
    void anIntIsTakenAsItIs() {
        assertEquals(123, IntOrString.of(123).scaledValue(0, false));
        assertEquals(200, IntOrString.of(200).scaledValue(1000, true));
        assertEquals(-5, IntOrString.of(-5).scaledValue(10, true));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
            "200| " + NOT_PERCENT,
            "90| " + NOT_PERCENT,
            "30%0| " + NOT_PERCENT,
            "a| " + NOT_PERCENT,
            "40#| " + NOT_PERCENT,
            "90#| " + NOT_PERCENT,
            "''| " + NOT_PERCENT,
            "%| invalid value for IntOrString: invalid value \"%\": strconv.Atoi: parsing \"\": invalid syntax",
            "a%| invalid value for IntOrString: invalid value \"a%\": strconv.Atoi: parsing \"a\": invalid syntax",
            "#%| invalid value for IntOrString: invalid value \"#%\": strconv.Atoi: parsing \"#\": invalid syntax",
            "40%%| invalid value for IntOrString: invalid value \"40%%\": "
                    + "strconv.Atoi: parsing \"40%\": invalid syntax",
            "' 5%'| invalid value for IntOrString: invalid value \" 5%\": "
                    + "strconv.Atoi: parsing \" 5\": invalid syntax",
            "1.5%| invalid value for IntOrString: invalid value \"1.5%\": "
                    + "strconv.Atoi: parsing \"1.5\": invalid syntax",
            "99999999999999999999%| invalid value for IntOrString: invalid value \"99999999999999999999%\": "
                    + "strconv.Atoi: parsing \"99999999999999999999\": value out of range",
            "\"q\"%| invalid value for IntOrString: invalid value \"\\\"q\\\"%\": strconv.Atoi: parsing \"\\\"q\\\"\": "
                    + "invalid syntax"})
    void refusesWithUpstreamsMessage(String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntOrString.of(value).scaledValue(100, true));
        assertEquals(message, e.getMessage());
    }

    @Test
    void nullHasItsOwnMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntOrString.scaledValue(null, 0, false));
        assertEquals("nil value for IntOrString", e.getMessage());
        assertEquals(3, IntOrString.scaledValue(IntOrString.of("25%"), 10, true));
    }

    @Test
    void valueOrDefault() {
        IntOrString fallback = IntOrString.of(0);
        assertSame(fallback, IntOrString.valueOrDefault(null, fallback));
        IntOrString set = IntOrString.of("25%");
        assertSame(set, IntOrString.valueOrDefault(set, fallback));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource({"12, 12", "-7, -7", "+3, 3", "abc, 0", "'', 0", "25%, 0", "99999999999999999999, 9223372036854775807",
            "-99999999999999999999, -9223372036854775808", "9223372036854775807, 9223372036854775807"})
    void intValueReadsAStringAsGoDoes(String text, long expect) {
        assertEquals(expect, IntOrString.of(text).intValue());
    }

    @Test
    void kinds() {
        assertTrue(IntOrString.of(1).isInt());
        assertFalse(IntOrString.of("1").isInt());
        assertEquals("", IntOrString.of(1).strVal());
        assertEquals(0, IntOrString.of("1").intVal());
        assertEquals(1, IntOrString.of("1").intValue());
    }
}
