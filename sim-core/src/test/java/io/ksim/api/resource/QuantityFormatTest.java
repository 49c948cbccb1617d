package io.ksim.api.resource;

import io.ksim.api.resource.Quantity.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.ksim.api.resource.Quantity.Format.BINARY_SI;
import static io.ksim.api.resource.Quantity.Format.DECIMAL_EXPONENT;
import static io.ksim.api.resource.Quantity.Format.DECIMAL_SI;
import static io.ksim.api.resource.QuantityParseTest.dec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Printing: the canonical form and the kept input text, with upstream's test vectors (quantity_test.go). */
class QuantityFormatTest {

    /** TestQuantityString: value and format, expected text, and another spelling that prints the same. */
    static Stream<Arguments> strings() {
        return Stream.of(
                row(1L << 30, 0, BINARY_SI, "1Gi", "1024Mi"),
                row(300L << 20, 0, BINARY_SI, "300Mi", "307200Ki"),
                row(6 * 1024, 0, BINARY_SI, "6Ki", ""),
                row(1001L << 30, 0, BINARY_SI, "1001Gi", "1025024Mi"),
                row(1L << 40, 0, BINARY_SI, "1Ti", "1024Gi"),
                row(5, 0, BINARY_SI, "5", "5000m"),
                row(500, -3, BINARY_SI, "500m", "0.5"),
                row(1, 9, DECIMAL_SI, "1G", "1000M"),
                row(1000, 6, DECIMAL_SI, "1G", "0.001T"),
                row(1000000, 3, DECIMAL_SI, "1G", ""),
                row(1000000000, 0, DECIMAL_SI, "1G", ""),
                row(1, -3, DECIMAL_SI, "1m", "1000u"),
                row(80, -3, DECIMAL_SI, "80m", ""),
                row(1080, -3, DECIMAL_SI, "1080m", "1.08"),
                row(108, -2, DECIMAL_SI, "1080m", "1080000000n"),
                row(10800, -4, DECIMAL_SI, "1080m", ""),
                row(300, 6, DECIMAL_SI, "300M", ""),
                row(1, 12, DECIMAL_SI, "1T", ""),
                row(1234567, 6, DECIMAL_SI, "1234567M", ""),
                row(1234567, -3, BINARY_SI, "1234567m", ""),
                row(3, 3, DECIMAL_SI, "3k", ""),
                row(1025, 0, BINARY_SI, "1025", ""),
                row(0, 0, DECIMAL_SI, "0", ""),
                row(0, 0, BINARY_SI, "0", ""),
                row(1, 9, DECIMAL_EXPONENT, "1e9", ".001e12"),
                row(1, -3, DECIMAL_EXPONENT, "1e-3", "0.001e0"),
                row(1, -9, DECIMAL_EXPONENT, "1e-9", "1000e-12"),
                row(80, -3, DECIMAL_EXPONENT, "80e-3", ""),
                row(300, 6, DECIMAL_EXPONENT, "300e6", ""),
                row(1, 12, DECIMAL_EXPONENT, "1e12", ""),
                row(1, 3, DECIMAL_EXPONENT, "1e3", ""),
                row(3, 3, DECIMAL_EXPONENT, "3e3", ""),
                row(3, 3, DECIMAL_SI, "3k", ""),
                row(0, 0, DECIMAL_EXPONENT, "0", "00"),
                row(1, -9, DECIMAL_SI, "1n", ""),
                row(80, -9, DECIMAL_SI, "80n", ""),
                row(1080, -9, DECIMAL_SI, "1080n", ""),
                row(108, -8, DECIMAL_SI, "1080n", ""),
                row(10800, -10, DECIMAL_SI, "1080n", ""),
                row(1, -6, DECIMAL_SI, "1u", ""),
                row(80, -6, DECIMAL_SI, "80u", ""),
                row(1080, -6, DECIMAL_SI, "1080u", ""));
    }

    private static Arguments row(long mantissa, int exponent, Format format, String expect, String alternate) {
        return Arguments.of(mantissa, exponent, format, expect, alternate);
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("strings")
    void printsCanonically(long mantissa, int exponent, Format format, String expect, String alternate) {
        Quantity q = Quantity.ofDecimal(dec(mantissa, exponent), format);
        assertEquals(expect, q.toString());
        assertEquals(expect, q.canonical());

        // Upstream keeps each of these texts as the printed form when parsing it...
        Quantity reparsed = Quantity.parse(expect);
        assertEquals(expect, reparsed.toString());
        assertNotNull(reparsed.literal(), "canonical text is kept as parsed");
        if (!alternate.isEmpty()) {
            // ... and none of the other spellings, which print canonically instead.
            Quantity other = Quantity.parse(alternate);
            assertNull(other.literal(), "non-canonical text is not kept");
            assertEquals(expect, other.toString());
        }
        if (mantissa != 0) {
            assertEquals("-" + expect, q.negate().toString());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // TestQuantityParseEmit
            "1Ki, 1Ki", "1Mi, 1Mi", "1Gi, 1Gi", "1024Mi, 1Gi", "1000M, 1G", ".001Ki, 1024m", ".000001Ki, 1024u",
            ".000000001Ki, 1024n", ".000000000001Ki, 2n",
            // the examples of the type's documentation and a few more
            "1.5Gi, 1536Mi", "1.5, 1500m", "0.1, 100m", "1000m, 1", "1e3, 1e3", "0.5m, 500u", "0.1n, 1n",
            "0.5Mi, 512Ki", "2000Mi, 2000Mi", "1536Ki, 1536Ki", "1048576Ki, 1Gi", "12000, 12k", "1200, 1200",
            "100k, 100k", "2M, 2M", "128Mi, 128Mi", "250m, 250m", "100.035Ki, 102435840m", "1.1Ki, 1126400m"})
    void parsesAndPrints(String input, String expect) {
        assertEquals(expect, Quantity.parse(input).toString());
        assertEquals(expect, Quantity.parse(input).canonical());
        if (!Quantity.parse(input).isZero()) {
            assertEquals("-" + expect, Quantity.parse("-" + input).toString());
        }
    }

    /**
     * TestParseQuantity (upstream's table around the int64 limits): input and printed text; an empty
     * expectation means the input prints as it is.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "-999999999999999999, none", "999999999999999999, none",
            "-999999999999999999.0, -999999999999999999", "999999999999999999.0, 999999999999999999",
            "-999999999999999999.1, -999999999999999999100m", "999999999999999999.1, 999999999999999999100m",
            "-9999999999999999999, none", "9999999999999999999, none", "-1E, none", "1E, none",
            "-1000000000000000000, -1E", "1000000000000000000, 1E",
            "-9999999999999999999.0, -9999999999999999999", "9999999999999999999.0, 9999999999999999999",
            "-1.0E, -1E", "1.0E, 1E", "-1000000000000000000.0, -1E", "1000000000000000000.0, 1E",
            "-9999999999999999999000m, -9999999999999999999", "9999999999999999999000m, 9999999999999999999",
            "-9999999999999999999.1, -9999999999999999999100m", "9999999999999999999.1, 9999999999999999999100m",
            "-1.0000000000000000001E, -1000000000000000000100m", "1.0000000000000000001E, 1000000000000000000100m",
            "-1000000000000000000.1, -1000000000000000000100m", "1000000000000000000.1, 1000000000000000000100m",
            "-1.000000000000000001E, -1000000000000000001", "1.000000000000000001E, 1000000000000000001",
            "-1000000000000000001, none", "1000000000000000001, none",
            "-10E, none", "10E, none", "-10000000000000000000, -10E", "10000000000000000000, 10E",
            "-10.0E, -10E", "10.0E, 10E", "-10000000000000000000.0, -10E", "10000000000000000000.0, 10E",
            "-10000000000000000000000m, -10E", "10000000000000000000000m, 10E",
            "-10.0000000000000000001E, -10000000000000000000100m", "10.0000000000000000001E, 10000000000000000000100m",
            "-10000000000000000000.1, -10000000000000000000100m", "10000000000000000000.1, 10000000000000000000100m",
            "-10.000000000000000001E, -10000000000000000001", "10.000000000000000001E, 10000000000000000001",
            "-10000000000000000001, none", "10000000000000000001, none",
            "-9223372036854775809, none", "9223372036854775806, none",
            "-9223372036854775809.0, -9223372036854775809", "9223372036854775806.0, 9223372036854775806",
            "-9223372036854775809000m, -9223372036854775809", "9223372036854775806000m, 9223372036854775806",
            "-9223372036854775809.1, -9223372036854775809100m", "9223372036854775806.1, 9223372036854775806100m",
            "-9223372036854775808, none", "9223372036854775807, none",
            "-9223372036854775808.0, -9223372036854775808", "9223372036854775807.0, 9223372036854775807",
            "-9223372036854775808000m, -9223372036854775808", "9223372036854775807000m, 9223372036854775807",
            "-9223372036854775808.1, -9223372036854775808100m", "9223372036854775807.1, 9223372036854775807100m",
            "-9223372036854775807, none", "9223372036854775808, none",
            "-9223372036854775807.0, -9223372036854775807", "9223372036854775808.0, 9223372036854775808",
            "-9223372036854775807000m, -9223372036854775807", "9223372036854775808000m, 9223372036854775808",
            "-9223372036854775807.1, -9223372036854775807100m", "9223372036854775808.1, 9223372036854775808100m"})
    void printsLargeValuesExactly(String input, String expect) {
        assertEquals(expect == null ? input : expect, Quantity.parse(input).toString());
    }

    /** Texts upstream keeps as they are although they are not canonical, and what the canonical form is. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1.001, 1001m", "1.000001, 1000001u", "1.441k, 1441", "-1.001, -1001m", "+1, 1", "+1Ki, 1Ki",
            "01, 1", "007m, 7m", "1E3, 1e3", "1E-3, 1e-3", "1e+3, 1e3", "1e03, 1e3", "10e0, 10", "+5Ti, 5Ti"})
    void keepsTheParsedTextWhereUpstreamDoes(String input, String canonical) {
        Quantity q = Quantity.parse(input);
        assertEquals(input, q.toString());
        assertEquals(canonical, q.canonical());
        assertEquals(canonical, Quantity.parse(canonical).toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"+100Ti, 100Ti", "+1.5, 1500m", "1024Ki, 1Mi", "1000e0, 1e3", "+0, 0", "-0, 0", "00, 0",
            "0.0Ki, 0", "+1.0, 1"})
    void printsCanonicallyWhereUpstreamDoesNotKeepTheText(String input, String expect) {
        assertNull(Quantity.parse(input).literal());
        assertEquals(expect, Quantity.parse(input).toString());
    }

    @Test
    void aBinaryAmountThatIsNotWholeKibibytesSettlesOnItsSecondPrint() {
        // As upstream: BinarySI prints a plain number, which parses back as DecimalSI.
        Quantity q = Quantity.parse("9.765625Ki");
        assertEquals("10000", q.toString());
        assertEquals(BINARY_SI, q.format());
        assertEquals("10k", Quantity.parse(q.toString()).toString());
        assertEquals(q, Quantity.parse("10k"));
    }

    @Test
    void decimalPowersBeyondExaPrintAsExponents() {
        assertEquals("1e21", Quantity.parse("1000E").toString());
        assertEquals("5e21", Quantity.parse("5000E").toString());
        assertEquals("1e24", Quantity.parse("1000000E").toString());
        assertEquals(Quantity.parse("1000E"), Quantity.parse("1e21"));
        assertEquals("1e-12", Quantity.ofScaled(1, -12).toString());
    }

    @Test
    void binarySumsBeyondExbiKeepTheirValue() {
        Quantity big = Quantity.ofDecimal(dec(1L << 60, 0), BINARY_SI);
        Quantity sum = Quantity.ZERO;
        for (int i = 0; i < 1024; i++) {
            sum = sum.add(big);
        }
        assertEquals("1024Ei", sum.toString());
    }

    @Test
    void upstreamExamples() {
        assertEquals("5Gi", Quantity.of(5L << 30, BINARY_SI).toString());
        assertEquals("5G", Quantity.of(5_000_000_000L, DECIMAL_SI).toString());
        assertEquals("5300m", Quantity.ofMilli(5300, DECIMAL_SI).toString());
    }
}
