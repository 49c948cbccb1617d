package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void formatTimeTruncatesToMilliseconds() {
        assertEquals("12.500s", TraceEvent.formatTime(12_500_000_000L));
        assertEquals("0.000s", TraceEvent.formatTime(999_999L));
        assertEquals("1.001s", TraceEvent.formatTime(1_001_999_999L));
    }

    @Test
    void eventsAreStampedWithVirtualTimeAndFormattedOnePerLine() {
        Kernel kernel = Kernel.builder().build();
        List<TraceEvent> seen = new ArrayList<>();
        kernel.trace().addListener(seen::add);

        kernel.trace().record("store", "Put", "/registry/a", "rev 2");
        kernel.advance(Duration.ofMillis(12_500));
        kernel.trace().record("scheduler", "Scheduled", "", "");

        assertEquals(kernel.trace().events(), seen);
        assertEquals(12_500_000_000L, seen.get(1).nanos());
        String expected = String.format("%12s %-16s %-14s %s  %s%n", "0.000s", "store", "Put", "/registry/a", "rev 2")
                + String.format("%12s %-16s %-14s%n", "12.500s", "scheduler", "Scheduled");
        assertEquals(expected.replace(System.lineSeparator(), "\n"), kernel.trace().format());
    }
}
