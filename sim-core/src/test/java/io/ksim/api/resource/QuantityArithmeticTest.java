package io.ksim.api.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ksim.api.resource.Quantity.Format.BINARY_SI;
import static io.ksim.api.resource.Quantity.Format.DECIMAL_SI;
import static io.ksim.api.resource.QuantityParseTest.dec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparison, arithmetic and the integer accessors, with upstream's test vectors (quantity_test.go). */
class QuantityArithmeticTest {

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({"0, 0, 0", "100m, 50m, 1", "50m, 100m, -1", "10000T, 100Gi, 1", "1Ki, 1024, 0", "1.024k, 1Ki, 0",
            "-1, 0, -1", "12E, 9Ei, 1"})
    void comparesByValue(String x, String y, int expect) {
        Quantity a = Quantity.parse(x);
        Quantity b = Quantity.parse(y);
        assertEquals(expect, Integer.signum(a.compareTo(b)));
        assertEquals(-expect, Integer.signum(b.compareTo(a)));
        assertEquals(expect == 0, a.equals(b));
        if (expect == 0) {
            assertEquals(a.hashCode(), b.hashCode());
        }
    }

    @Test
    void equalityIgnoresFormatAndText() {
        assertEquals(Quantity.parse("1Ki"), Quantity.parse("1024"));
        assertEquals(Quantity.parse("1.001"), Quantity.parse("1001m"));
        assertEquals(Quantity.ZERO, Quantity.parse("0Gi"));
        assertEquals(Quantity.ZERO.hashCode(), Quantity.parse("-0.0").hashCode());
        assertNotEquals(Quantity.parse("1"), Quantity.parse("1001m"));
        assertNotEquals(Quantity.parse("1"), "1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100m", "1Gi"})
    void addingOrSubtractingZeroKeepsTheSuffix(String text) {
        Quantity value = Quantity.parse(text);
        Quantity zero = Quantity.parse("0");
        assertEquals(text, value.add(zero).toString());
        assertEquals(text, zero.add(value).toString());
        assertEquals(text, value.subtract(zero).toString());
        assertEquals(value.negate().toString(), zero.subtract(value).toString());
        assertEquals("-" + text, zero.subtract(value).toString());
    }

    @Test
    void addAndSubtractAsUpstream() {
        // TestAdd
        assertEquals(Quantity.parse("20"),
                Quantity.ofDecimal(dec(10, 0), DECIMAL_SI).add(Quantity.ofDecimal(dec(1, 1), DECIMAL_SI)));
        Quantity q = Quantity.ofDecimal(dec(10, 0), DECIMAL_SI).add(Quantity.ofDecimal(dec(1, 0), BINARY_SI));
        assertEquals(Quantity.ofDecimal(dec(11, 0), DECIMAL_SI), q);
        assertEquals(DECIMAL_SI, q.format());
        q = Quantity.ofDecimal(dec(10, 0), BINARY_SI).add(Quantity.ofDecimal(dec(1, 0), DECIMAL_SI));
        assertEquals(BINARY_SI, q.format());
        assertEquals(BINARY_SI, Quantity.ZERO.add(Quantity.parse("1Ki")).format());
        // TestSub
        assertTrue(Quantity.parse("10").subtract(Quantity.parse("1e1")).isZero());
        assertEquals(Quantity.parse("9"), Quantity.parse("10").subtract(Quantity.parse("1")));
        assertEquals(Quantity.parse("-50"), Quantity.ZERO.subtract(Quantity.parse("50")));
        assertEquals(Quantity.parse("50"), Quantity.parse("50").subtract(Quantity.ZERO));
        // sums are exact and uncapped
        assertEquals("18446744073709551614", Quantity.parse("9Ei").add(Quantity.parse("9Ei")).toString());
        assertEquals("1500m", Quantity.parse("1").add(Quantity.parse("500m")).toString());
        assertEquals("1536Mi", Quantity.parse("1Gi").add(Quantity.parse("512Mi")).toString());
    }

    @Test
    void negateAsUpstream() {
        assertEquals("-9010m", Quantity.ofDecimal(dec(901, -2), DECIMAL_SI).negate().toString());
        assertEquals(Quantity.parse("-10"), Quantity.ofDecimal(dec(10, 0), BINARY_SI).negate());
        assertEquals(BINARY_SI, Quantity.ofDecimal(dec(10, 0), BINARY_SI).negate().format());
        assertTrue(Quantity.ZERO.negate().isZero());
        assertEquals(-1, Quantity.parse("-1n").signum());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // value, Value(), MilliValue()
            "0, 0, 0", "1, 1, 1000", "500m, 1, 500", "0.5m, 1, 1", "1n, 1, 1", "1.5, 2, 1500", "2, 2, 2000",
            "128Mi, 134217728, 134217728000", "1Gi, 1073741824, 1073741824000", "100k, 100000, 100000000",
            "5Gi, 5368709120, 5368709120000", "5G, 5000000000, 5000000000000", "5300m, 6, 5300", "5.4, 6, 5400",
            "1.1Ki, 1127, 1126400", "9223372036854775807, 9223372036854775807, -1", "-1.5, -2, -1500",
            "-0.5m, -1, -1", "-1n, -1, -1", "-100m, -1, -100"})
    void valueAndMilliValueRoundUp(String text, long value, long milli) {
        Quantity q = Quantity.parse(text);
        assertEquals(value, q.value());
        if (milli == -1 && q.signum() > 0) {
            assertThrows(ArithmeticException.class, q::milliValue);
        } else {
            assertEquals(milli, q.milliValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"9223372036854775808", "10E", "1e19", "-9223372036854775809", "1e2147483647"})
    void valuesBeyondALongAreRefused(String text) {
        assertThrows(ArithmeticException.class, () -> Quantity.parse(text).value());
    }

    @Test
    void factoriesAsUpstream() {
        // TestNewSet
        assertEquals("1", Quantity.of(1, DECIMAL_SI).toString());
        assertEquals("1k", Quantity.of(1000, DECIMAL_SI).toString());
        assertEquals("1234k", Quantity.of(1234000, DECIMAL_SI).toString());
        assertEquals("1Ki", Quantity.of(1024, BINARY_SI).toString());
        assertEquals("1Mi", Quantity.of(1024 * 1024, BINARY_SI).toString());
        assertEquals(1234000, Quantity.parse(Quantity.of(1234000, DECIMAL_SI).toString()).value());
        // TestMilliNewSet
        assertEquals("1m", Quantity.ofMilli(1, DECIMAL_SI).toString());
        assertEquals("1", Quantity.ofMilli(1000, DECIMAL_SI).toString());
        assertEquals("1234", Quantity.ofMilli(1234000, DECIMAL_SI).toString());
        assertEquals("1024m", Quantity.ofMilli(1024, BINARY_SI).toString());
        assertEquals("1048576m", Quantity.ofMilli(1024 * 1024, BINARY_SI).toString());
        assertEquals(1234000, Quantity.parse("1234").milliValue());
    }

    @ParameterizedTest(name = "{0} at scale {1}")
    @CsvSource({"1, -9, 1n", "1000, -9, 1u", "1, -6, 1u", "1000, -6, 1m", "1, -3, 1m", "1000, -3, 1", "1, 0, 1",
            "0, -9, 0", "0, -6, 0", "0, -3, 0", "0, 0, 0"})
    void scaledFactoryAsUpstream(long value, int scale, String expect) {
        Quantity q = Quantity.ofScaled(value, scale);
        assertEquals(expect, q.toString());
        assertEquals(value, Quantity.parse(expect).scaledValue(scale));
    }

    @ParameterizedTest(name = "1 at scale {0} in units of scale {1}")
    @CsvSource({"-9, -9, 1", "-9, -6, 1", "-9, -3, 1", "-9, 0, 1", "-6, -9, 1000", "-6, -6, 1", "-6, -3, 1",
            "-6, 0, 1", "-3, -9, 1000000", "-3, -6, 1000", "-3, -3, 1", "-3, 0, 1", "0, -9, 1000000000",
            "0, -6, 1000000", "0, -3, 1000", "0, 0, 1", "2, -2, 10000"})
    void scaledValueAsUpstream(int from, int to, long expect) {
        assertEquals(expect, Quantity.ofScaled(1, from).scaledValue(to));
    }
}
