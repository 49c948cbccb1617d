package io.ksim.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The format checks, row by row after apimachinery's pkg/util/validation/validation_test.go
 * (TestIsValidPortName, TestIsConfigMapKey, TestIsRelaxedEnvVarName) and robfig/cron v3's parser_test.go.
 */
class FormatValidationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http|",
            "a|",
            "http-alt|",
            "h1-2|",
            "abcdefghijklmno|",
            "1234|must contain at least one letter (a-z)",
            "abcdefghijklmnop|must be no more than 15 characters",
            "http_alt|must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "a--b|must not contain consecutive hyphens",
            "-http|must not begin or end with a hyphen",
    })
    void portNames(String name, String expected) {
        assertEquals(expected == null ? List.of() : List.of(expected), FormatValidation.isValidPortName(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "good_key|",
            ".dotfile|",
            "key.name|",
            ".|must not be '.'",
            "..|must not be '..'",
            "..a|must not start with '..'",
    })
    void configKeys(String key, String expected) {
        assertEquals(expected == null ? List.of() : List.of(expected), FormatValidation.isConfigMapKey(key));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MY_VAR|",
            "1st var|",
            "a=b|a valid environment variable name must consist only of printable ASCII characters other than '='",
            "café|a valid environment variable name must consist only of printable ASCII characters other than '='",
    })
    void relaxedEnvVarNames(String name, String expected) {
        assertEquals(expected == null ? List.of() : List.of(expected), FormatValidation.isRelaxedEnvVarName(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*/5 * * * *|",
            "0 0 1 jan mon|",
            "0 9-17/2 * * 1-5|",
            "@daily|",
            "@every 1h30m|",
            "* * * * * *|expected exactly 5 fields, found 6: [* * * * * *]",
            "60 * * * *|end of range (60) above maximum (59): 60",
            "0 0 0 * *|beginning of range (0) below minimum (1): 0",
            "0 5-2 * * *|beginning of range (5) beyond end of range (2): 5-2",
            "*/0 * * * *|step of range should be a positive number: */0",
            "1-2-3 * * * *|too many hyphens: 1-2-3",
            "-1 * * * *|failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            "@every soon|failed to parse duration @every soon: time: invalid duration \"soon\"",
            "@every 5q|failed to parse duration @every 5q: time: unknown unit \"q\" in duration \"5q\"",
    })
    void cronSchedules(String schedule, String expected) {
        assertEquals(Optional.ofNullable(expected), CronScheduleFormat.parseError(schedule));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"10.0.0.1|4", "::1|6", "2001:db8::ffff|6", "::ffff:10.0.0.1|6",
            "010.001.0.1|4", "10.0.0|", "10.0.0.256|", "1::2::3|", "fe80::1%eth0|", "example.com|"})
    void ipLiterals(String text, Integer family) {
        assertEquals(family, IpText.parse(text));
    }
}
