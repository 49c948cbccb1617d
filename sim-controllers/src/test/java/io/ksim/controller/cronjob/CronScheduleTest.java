package io.ksim.controller.cronjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Next run times of standard cron schedules (robfig/cron v3 spec_test.go cases, as the CronJob controller uses it). */
class CronScheduleTest {

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "*/15 * * * *        | 2025-01-01T00:07:00Z | 2025-01-01T00:15:00Z",
        "*/15 * * * *        | 2025-01-01T00:15:00Z | 2025-01-01T00:30:00Z",
        "* * * * *           | 2025-01-01T00:07:59Z | 2025-01-01T00:08:00Z",
        "0 9 * * MON-FRI     | 2025-01-04T10:00:00Z | 2025-01-06T09:00:00Z",
        "@hourly             | 2025-01-01T00:00:00Z | 2025-01-01T01:00:00Z",
        "@daily              | 2025-01-01T00:00:00Z | 2025-01-02T00:00:00Z",
        "@weekly             | 2025-01-01T00:00:00Z | 2025-01-05T00:00:00Z",
        "@monthly            | 2025-01-15T00:00:00Z | 2025-02-01T00:00:00Z",
        "@yearly             | 2025-01-01T00:00:00Z | 2026-01-01T00:00:00Z",
        "0 0 1,15 * 5        | 2025-01-01T00:00:00Z | 2025-01-03T00:00:00Z",
        "0 0 13 * *          | 2025-01-14T00:00:00Z | 2025-02-13T00:00:00Z",
        "5-10/2 3 * jan,feb *| 2025-01-01T03:06:00Z | 2025-01-01T03:07:00Z",
        "0 0 29 2 *          | 2025-01-01T00:00:00Z | 2028-02-29T00:00:00Z",
    })
    void nextRun(String spec, String after, String expected) {
        assertEquals(Instant.parse(expected), CronSchedule.parse(spec).next(Instant.parse(after), ZoneOffset.UTC));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"* * * *", "60 * * * *", "* * * * * *", "@often", "*/0 * * * *", "a * * * *"})
    void rejectsBadSchedules(String spec) {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(spec));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"30 2 * * * | Europe/Berlin | 2025-01-01T01:30:00Z"})
    void timeZones(String spec, String zone, String expected) {
        assertEquals(Instant.parse(expected),
                CronSchedule.parse(spec).next(Instant.parse("2025-01-01T00:00:00Z"), ZoneId.of(zone)));
    }

    @org.junit.jupiter.api.Test
    void goTimeLayouts() {
        Instant t = Instant.parse("2025-01-01T00:01:00Z");
        assertEquals("Wed, 01 Jan 2025 00:01:00 +0000", CronJobController.RFC1123Z.format(t.atZone(ZoneOffset.UTC)));
        assertEquals("2025-01-01T00:01:00Z", CronJobController.RFC3339.format(t.atZone(ZoneOffset.UTC)));
        assertEquals("2025-01-01T01:01:00+01:00",
                CronJobController.RFC3339.format(t.atZone(ZoneId.of("Europe/Berlin"))));
    }
}
