package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's time.ParseDuration and Duration.String(), case by case. */
class GoDurationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "-0|0",
        "+0|0",
        "0s|0",
        "5s|5000000000",
        "30s|30000000000",
        "1478s|1478000000000",
        "-5s|-5000000000",
        "+5s|5000000000",
        "5.0s|5000000000",
        "5.6s|5600000000",
        "5.s|5000000000",
        ".5s|500000000",
        "1.004s|1004000000",
        "100.00100s|100001000000",
        "10ns|10",
        "11us|11000",
        "12\u00b5s|12000",
        "12\u03bcs|12000",
        "13ms|13000000",
        "15m|900000000000",
        "16h|57600000000000",
        "3h30m|12600000000000",
        "10.5s4m|250500000000",
        "-2m3.4s|-123400000000",
        "1h2m3s4ms5us6ns|3723004005006",
        "39h9m14.425s|140954425000000",
        "0.3333333333333333333h|1200000000000",
        "9223372036854775807ns|9223372036854775807",
        "9223372036854775.807us|9223372036854775807",
        "-9223372036854775808ns|-9223372036854775808",
        "-2562047h47m16.854775808s|-9223372036854775808",
        "0.830103483285477580700h|2988372539827",
    })
    void parsesAsGo(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|time: invalid duration \"\"",
        "-|time: invalid duration \"-\"",
        "s|time: invalid duration \"s\"",
        ".|time: invalid duration \".\"",
        "-.|time: invalid duration \"-.\"",
        ".s|time: invalid duration \".s\"",
        "+.s|time: invalid duration \"+.s\"",
        "soon|time: invalid duration \"soon\"",
        "3|time: missing unit in duration \"3\"",
        "5|time: missing unit in duration \"5\"",
        "30|time: missing unit in duration \"30\"",
        "1s2|time: missing unit in duration \"1s2\"",
        "3x|time: unknown unit \"x\" in duration \"3x\"",
        "5q|time: unknown unit \"q\" in duration \"5q\"",
        "1d|time: unknown unit \"d\" in duration \"1d\"",
        "1 s|time: unknown unit \" s\" in duration \"1 s\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "9223372036854775.808us|time: invalid duration \"9223372036854775.808us\"",
        "9223372036854ms775us808ns|time: invalid duration \"9223372036854ms775us808ns\"",
        "-9223372036854775809ns|time: invalid duration \"-9223372036854775809ns\"",
        "\"1s|time: invalid duration \"\\\"1s\"",
        "1\u00e9|time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"",
    })
    void failsWithGosErrorTexts(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0s",
        "1|1ns",
        "1100|1.1\u00b5s",
        "2200000|2.2ms",
        "500000000|500ms",
        "1500000000|1.5s",
        "2250000000|2.25s",
        "3300000000|3.3s",
        "30000000000|30s",
        "90000000000|1m30s",
        "245000000000|4m5s",
        "245001000000|4m5.001s",
        "300000000000|5m0s",
        "480000000001|8m0.000000001s",
        "3600000000000|1h0m0s",
        "5400000000000|1h30m0s",
        "7200000000000|2h0m0s",
        "18367001000000|5h6m7.001s",
        "-1500000000|-1.5s",
        "-999|-999ns",
        "9223372036854775807|2562047h47m16.854775807s",
        "-9223372036854775808|-2562047h47m16.854775808s",
    })
    void formatsAsGo(long nanos, String text) {
        assertEquals(text, GoDuration.format(Duration.ofNanos(nanos)));
    }

    /** Kubelet event texts: whole and fractional seconds, milliseconds, minutes, hours. */
    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1500, 1.5s",
        "500, 500ms",
        "90000, 1m30s",
        "3600000, 1h0m0s",
        "2250, 2.25s",
    })
    void formatsAndParsesMillis(long millis, String expected) {
        assertEquals(expected, GoDuration.format(Duration.ofMillis(millis)));
        assertEquals(Duration.ofMillis(millis), GoDuration.parse(expected));
    }

    @Test
    void readsWhatTheReplAndScenariosWrite() {
        assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDuration.parse("1h30m"));
        assertEquals(Duration.ofSeconds(30), GoDuration.parse("30s"));
        assertEquals(Duration.ofMillis(1500), GoDuration.parse("1.5s"));
        assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
        assertEquals(Duration.ofSeconds(-1), GoDuration.parse("-1s"));
        assertEquals("1m30s", GoDuration.format(Duration.ofSeconds(90)));
        assertEquals("2h0m0s", GoDuration.format(Duration.ofHours(2)));
        assertEquals("5m0s", GoDuration.format(Duration.ofMinutes(5)));
        assertEquals("1h30m0s", GoDuration.format(Duration.ofMinutes(90)));
    }
}
