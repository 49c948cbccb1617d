package io.ksim.api.resource;

import io.ksim.api.resource.Quantity.Format;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;

import static io.ksim.api.resource.Quantity.Format.BINARY_SI;
import static io.ksim.api.resource.Quantity.Format.DECIMAL_EXPONENT;
import static io.ksim.api.resource.Quantity.Format.DECIMAL_SI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parsing: values, formats and errors, with upstream's test vectors (quantity_test.go, TestQuantityParse). */
class QuantityParseTest {

    /** mantissa * 10^exponent. */
    static BigDecimal dec(long mantissa, int exponent) {
        return new BigDecimal(BigInteger.valueOf(mantissa), -exponent);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                row("0", dec(0, 0), DECIMAL_SI),
                row("0n", dec(0, 0), DECIMAL_SI),
                row("0u", dec(0, 0), DECIMAL_SI),
                row("0m", dec(0, 0), DECIMAL_SI),
                row("0Ki", dec(0, 0), BINARY_SI),
                row("0k", dec(0, 0), DECIMAL_SI),
                row("0Mi", dec(0, 0), BINARY_SI),
                row("0M", dec(0, 0), DECIMAL_SI),
                row("0Gi", dec(0, 0), BINARY_SI),
                row("0G", dec(0, 0), DECIMAL_SI),
                row("0Ti", dec(0, 0), BINARY_SI),
                row("0T", dec(0, 0), DECIMAL_SI),
                // quantity-less numbers
                row("1", dec(1, 0), DECIMAL_SI),
                // binary suffixes
                row("1Ki", dec(1024, 0), BINARY_SI),
                row("8Ki", dec(8 * 1024, 0), BINARY_SI),
                row("7Mi", dec(7L << 20, 0), BINARY_SI),
                row("6Gi", dec(6L << 30, 0), BINARY_SI),
                row("5Ti", dec(5L << 40, 0), BINARY_SI),
                row("4Pi", dec(4L << 50, 0), BINARY_SI),
                row("3Ei", dec(3L << 60, 0), BINARY_SI),
                row("10Ti", dec(10L << 40, 0), BINARY_SI),
                row("100Ti", dec(100L << 40, 0), BINARY_SI),
                // decimal suffixes
                row("5n", dec(5, -9), DECIMAL_SI),
                row("4u", dec(4, -6), DECIMAL_SI),
                row("3m", dec(3, -3), DECIMAL_SI),
                row("9", dec(9, 0), DECIMAL_SI),
                row("8k", dec(8, 3), DECIMAL_SI),
                row("50k", dec(5, 4), DECIMAL_SI),
                row("7M", dec(7, 6), DECIMAL_SI),
                row("6G", dec(6, 9), DECIMAL_SI),
                row("5T", dec(5, 12), DECIMAL_SI),
                row("40T", dec(4, 13), DECIMAL_SI),
                row("300T", dec(3, 14), DECIMAL_SI),
                row("2P", dec(2, 15), DECIMAL_SI),
                row("1E", dec(1, 18), DECIMAL_SI),
                // decimal exponents
                row("1E-3", dec(1, -3), DECIMAL_EXPONENT),
                row("1e3", dec(1, 3), DECIMAL_EXPONENT),
                row("1E6", dec(1, 6), DECIMAL_EXPONENT),
                row("1e9", dec(1, 9), DECIMAL_EXPONENT),
                row("1E12", dec(1, 12), DECIMAL_EXPONENT),
                row("1e15", dec(1, 15), DECIMAL_EXPONENT),
                row("1E18", dec(1, 18), DECIMAL_EXPONENT),
                // nonstandard but still parsable
                row("1e14", dec(1, 14), DECIMAL_EXPONENT),
                row("1e13", dec(1, 13), DECIMAL_EXPONENT),
                row("100.035k", dec(100035, 0), DECIMAL_SI),
                // things that look like floating point
                row("0.001", dec(1, -3), DECIMAL_SI),
                row("0.0005k", dec(5, -1), DECIMAL_SI),
                row("0.005", dec(5, -3), DECIMAL_SI),
                row("0.05", dec(5, -2), DECIMAL_SI),
                row("0.5", dec(5, -1), DECIMAL_SI),
                row("0.00050k", dec(5, -1), DECIMAL_SI),
                row("0.00500", dec(5, -3), DECIMAL_SI),
                row("0.05000", dec(5, -2), DECIMAL_SI),
                row("0.50000", dec(5, -1), DECIMAL_SI),
                row("0.5e0", dec(5, -1), DECIMAL_EXPONENT),
                row("0.5e-1", dec(5, -2), DECIMAL_EXPONENT),
                row("0.5e-2", dec(5, -3), DECIMAL_EXPONENT),
                row("10.035M", dec(10035, 3), DECIMAL_SI),
                row("1.2e3", dec(12, 2), DECIMAL_EXPONENT),
                row("1.3E+6", dec(13, 5), DECIMAL_EXPONENT),
                row("1.40e9", dec(14, 8), DECIMAL_EXPONENT),
                row("1.53E12", dec(153, 10), DECIMAL_EXPONENT),
                row("1.6e15", dec(16, 14), DECIMAL_EXPONENT),
                row("1.7E18", dec(17, 17), DECIMAL_EXPONENT),
                row("9.01", dec(901, -2), DECIMAL_SI),
                row("8.1k", dec(81, 2), DECIMAL_SI),
                row("7.123456M", dec(7123456, 0), DECIMAL_SI),
                row("6.987654321G", dec(6987654321L, 0), DECIMAL_SI),
                row("5.444T", dec(5444, 9), DECIMAL_SI),
                row("40.1T", dec(401, 11), DECIMAL_SI),
                row("300.2T", dec(3002, 11), DECIMAL_SI),
                row("2.5P", dec(25, 14), DECIMAL_SI),
                row("1.01E", dec(101, 16), DECIMAL_SI),
                // things that saturate or round
                row("3.001n", dec(4, -9), DECIMAL_SI),
                row("1.1E-9", dec(2, -9), DECIMAL_EXPONENT),
                row("0.0000000001", dec(1, -9), DECIMAL_SI),
                row("0.0000000005", dec(1, -9), DECIMAL_SI),
                row("0.00000000050", dec(1, -9), DECIMAL_SI),
                row("0.5e-9", dec(1, -9), DECIMAL_EXPONENT),
                row("0.9n", dec(1, -9), DECIMAL_SI),
                row("0.00000012345", dec(124, -9), DECIMAL_SI),
                row("0.00000012354", dec(124, -9), DECIMAL_SI),
                row("9Ei", dec(Long.MAX_VALUE, 0), BINARY_SI),
                row("9223372036854775807Ki", dec(Long.MAX_VALUE, 0), BINARY_SI),
                row("12E", dec(12, 18), DECIMAL_SI),
                // fractional binary
                row("100.035Ki", dec(10243584, -2), BINARY_SI),
                row("0.5Mi", dec(512 * 1024, 0), BINARY_SI),
                row("0.05Gi", dec(536870912, -1), BINARY_SI),
                row("0.025Ti", dec(274877906944L, -1), BINARY_SI),
                // things written by trolls
                row("0.000000000001Ki", dec(2, -9), DECIMAL_SI), // rounds up, changes format
                row(".001", dec(1, -3), DECIMAL_SI),
                row(".0001k", dec(100, -3), DECIMAL_SI),
                row("1.", dec(1, 0), DECIMAL_SI),
                row("1.G", dec(1, 9), DECIMAL_SI));
    }

    private static Arguments row(String input, BigDecimal value, Format format) {
        return Arguments.of(input, value, format);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesValueAndFormat(String input, BigDecimal value, Format format) {
        Quantity q = Quantity.parse(input);
        assertEquals(0, q.toBigDecimal().compareTo(value), () -> input + " parsed as " + q.toBigDecimal());
        assertEquals(format, q.format());
    }

    @ParameterizedTest(name = "-{0}")
    @MethodSource("valid")
    void negativeInputsParseToTheNegatedValueInTheSameFormat(String input, BigDecimal value, Format format) {
        Quantity q = Quantity.parse("-" + input);
        assertEquals(0, q.toBigDecimal().compareTo(value.negate()),
                () -> "-" + input + " parsed as " + q.toBigDecimal());
        assertEquals(format, q.format());
    }

    @ParameterizedTest(name = "+{0}")
    @MethodSource("valid")
    void anExplicitPlusChangesNothing(String input, BigDecimal value, Format format) {
        Quantity q = Quantity.parse("+" + input);
        assertEquals(0, q.toBigDecimal().compareTo(value));
        assertEquals(format, q.format());
    }

    static Stream<Arguments> invalid() {
        String format = QuantityFormatException.FORMAT_WRONG;
        String suffix = QuantityFormatException.SUFFIX;
        String numeric = QuantityFormatException.NUMERIC;
        return Stream.of(
                // upstream's invalid inputs
                Arguments.of("", format),
                Arguments.of("1.1.M", format),
                Arguments.of("1+1.0M", format),
                Arguments.of("0.1mi", suffix),
                Arguments.of("0.1am", format),
                Arguments.of("aoeu", format),
                Arguments.of(".5i", suffix),
                Arguments.of("1i", suffix),
                Arguments.of("-3.01i", suffix),
                Arguments.of("-3.01e-", suffix),
                Arguments.of(" 1", format),
                Arguments.of("1 ", format),
                Arguments.of("Non-Numeric", format),
                // the scanner's other exits
                Arguments.of("e", suffix),
                Arguments.of("1ee3", suffix),
                Arguments.of("1e3e3", format),
                Arguments.of("1Ki5", suffix),
                Arguments.of("1e99999999999999999999", suffix),
                Arguments.of("1,5", format),
                // no digit at all, on the path where upstream hands the number to its decimal parser
                Arguments.of("Ei", numeric),
                Arguments.of("-Pi", numeric),
                Arguments.of(".e-10", numeric),
                Arguments.of("+e-10", numeric));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("invalid")
    void rejectsWithUpstreamsMessage(String input, String message) {
        QuantityFormatException e = assertThrows(QuantityFormatException.class, () -> Quantity.parse(input));
        assertEquals(message, e.getMessage());
        assertEquals(input, e.input());
    }

    static Stream<Arguments> lenient() {
        return Stream.of(
                // what upstream's scanner accepts beyond the documented grammar
                Arguments.of("-", dec(0, 0), DECIMAL_SI),
                Arguments.of(".", dec(0, 0), DECIMAL_SI),
                Arguments.of("-.", dec(0, 0), DECIMAL_SI),
                Arguments.of("m", dec(0, 0), DECIMAL_SI),
                Arguments.of("Ki", dec(0, 0), BINARY_SI),
                Arguments.of("Ti", dec(0, 0), BINARY_SI),
                Arguments.of(".e-9", dec(0, 0), DECIMAL_EXPONENT),
                Arguments.of("000", dec(0, 0), DECIMAL_SI),
                Arguments.of("007", dec(7, 0), DECIMAL_SI),
                Arguments.of("1e+03", dec(1, 3), DECIMAL_EXPONENT),
                Arguments.of("1e-2147483648", dec(1, -9), DECIMAL_EXPONENT),
                // the exponent is narrowed to 32 bits as upstream does: 2^32 + 3 becomes 3
                Arguments.of("1e4294967299", dec(1, 3), DECIMAL_EXPONENT),
                Arguments.of("-0.5Ki", dec(-512, 0), BINARY_SI),
                Arguments.of("-9Ei", dec(-Long.MAX_VALUE, 0), BINARY_SI),
                Arguments.of("1000E", dec(1, 21), DECIMAL_SI));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("lenient")
    void parsesWhatUpstreamAccepts(String input, BigDecimal value, Format format) {
        Quantity q = Quantity.parse(input);
        assertEquals(0, q.toBigDecimal().compareTo(value), () -> input + " parsed as " + q.toBigDecimal());
        assertEquals(format, q.format());
    }
}
