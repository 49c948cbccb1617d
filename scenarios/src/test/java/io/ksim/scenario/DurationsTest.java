package io.ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's duration syntax, as scenario files and kubectl flags write it. */
class DurationsTest {

    @Test
    void parsesGoDurations() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ZERO, Durations.parse("0s"));
        assertNull(Durations.parse("3x"));
        assertNull(Durations.parse("30"));
        assertNull(Durations.parse("s"));
        assertNull(Durations.parse("-1s"));
    }

    @Test
    void formatsAsGoPrintsThem() {
        assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("5m0s", Durations.format(Duration.ofMinutes(5)));
        assertEquals("1h30m0s", Durations.format(Duration.ofMinutes(90)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
