package io.ksim.apiserver.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** apimachinery's duration tests: the same boundaries, the same strings. */
class HumanDurationTest {

    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration NS = Duration.ofNanos(1);

    private static Duration s(long n) {
        return Duration.ofSeconds(n);
    }

    private static Duration m(long n) {
        return Duration.ofMinutes(n);
    }

    private static Duration h(long n) {
        return Duration.ofHours(n);
    }

    private static Duration d(long n) {
        return Duration.ofDays(n);
    }

    @Test
    void humanDurationExamples() {
        assertEquals("1s", HumanDuration.human(s(1)));
        assertEquals("70s", HumanDuration.human(s(70)));
        assertEquals("3m10s", HumanDuration.human(s(190)));
        assertEquals("70m", HumanDuration.human(m(70)));
        assertEquals("47h", HumanDuration.human(h(47)));
        assertEquals("2d1h", HumanDuration.human(h(49)));
        assertEquals("8d", HumanDuration.human(h(8 * 24 + 2)));
        assertEquals("367d", HumanDuration.human(h(367 * 24)));
        assertEquals("2y1d", HumanDuration.human(h(365 * 2 * 24 + 25)));
        assertEquals("8y", HumanDuration.human(h(365 * 8 * 24 + 2)));
        assertEquals("3y45d", HumanDuration.human(d(3 * 365 + 45)));
        assertEquals("5s", HumanDuration.human(s(5)));
        assertEquals("2m3s", HumanDuration.human(s(123)));
        assertEquals("4d", HumanDuration.human(d(4)));
    }

    @Test
    void humanDurationBoundaries() {
        Object[][] cases = {
            {s(-2), "<invalid>"}, {s(-2).plus(NS), "0s"}, {Duration.ZERO, "0s"}, {s(1).minus(MS), "0s"},
            {m(2).minus(MS), "119s"}, {m(2), "2m"}, {m(2).plus(s(1)), "2m1s"},
            {m(10).minus(MS), "9m59s"}, {m(10), "10m"}, {m(10).plus(s(1)), "10m"},
            {h(3).minus(MS), "179m"}, {h(3), "3h"}, {h(3).plus(m(1)), "3h1m"},
            {h(8).minus(MS), "7h59m"}, {h(8), "8h"}, {h(8).plus(m(59)), "8h"},
            {d(2).minus(MS), "47h"}, {d(2), "2d"}, {d(2).plus(h(1)), "2d1h"},
            {d(8).minus(MS), "7d23h"}, {d(8), "8d"}, {d(8).plus(h(23)), "8d"},
            {d(2 * 365).minus(MS), "729d"}, {d(2 * 365), "2y"}, {d(2 * 365).plus(h(23)), "2y"},
            {d(2 * 365).plus(h(23)).plus(m(59)), "2y"}, {d(2 * 365 + 1).minus(MS), "2y"}, {d(2 * 365 + 1), "2y1d"},
            {d(3 * 365), "3y"}, {d(4 * 365), "4y"}, {d(5 * 365), "5y"}, {d(6 * 365), "6y"}, {d(7 * 365), "7y"},
            {d(8 * 365).minus(MS), "7y364d"}, {d(8 * 365), "8y"}, {d(8 * 365 + 364), "8y"}, {d(9 * 365), "9y"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], HumanDuration.human((Duration) c[0]), c[0].toString());
        }
    }

    @Test
    void shortHumanDurationBoundaries() {
        Object[][] cases = {
            {s(-2), "<invalid>"}, {s(-2).plus(NS), "0s"}, {Duration.ZERO, "0s"}, {s(1).minus(MS), "0s"},
            {s(1), "1s"}, {s(2).minus(MS), "1s"}, {m(1).minus(MS), "59s"}, {m(1), "1m"}, {m(2).minus(MS), "1m"},
            {h(1).minus(MS), "59m"}, {h(1), "1h"}, {h(2).minus(MS), "1h"}, {h(24).minus(MS), "23h"},
            {d(1), "1d"}, {d(2).minus(MS), "1d"}, {d(365).minus(MS), "364d"}, {d(365), "1y"},
            {d(2 * 365).minus(MS), "1y"}, {d(2 * 365), "2y"},
        };
        for (Object[] c : cases) {
            assertEquals(c[1], HumanDuration.shortHuman((Duration) c[0]), c[0].toString());
        }
    }

    @Test
    void sinceMeasuresAgainstVirtualNow() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals("<unknown>", HumanDuration.since(null, now));
        assertEquals("90s", HumanDuration.since(now.minusSeconds(90), now));
        assertEquals("0s", HumanDuration.since(now.plusSeconds(1), now));
        assertEquals("<invalid>", HumanDuration.since(now.plusSeconds(5), now));
        assertEquals("5m", HumanDuration.until(now.plusSeconds(300), now));
    }
}
