package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CrashLoopBackOffTest {

    private static final long S = 1_000_000_000L;

    @Test
    void firstRestartIsImmediateThenTheDelayDoublesUpToFiveMinutes() {
        CrashLoopBackOff b = new CrashLoopBackOff();
        long now = 0;
        assertEquals(Duration.ZERO, b.waitAfterFailure(now, now));
        b.restarted(now);
        long[] expected = {10, 20, 40, 80, 160, 300, 300};
        for (long seconds : expected) {
            now += 3 * S; // runs 3 s, then fails
            assertEquals(Duration.ofSeconds(seconds), b.waitAfterFailure(now, now));
            now += seconds * S;
            b.restarted(now);
        }
    }

    @Test
    void waitCountsFromTheFinishAndIsForgottenAfterTenIdleMinutes() {
        CrashLoopBackOff b = new CrashLoopBackOff();
        b.restarted(0);
        assertEquals(Duration.ofSeconds(6), b.waitAfterFailure(S, 5 * S));
        assertEquals(Duration.ZERO, b.waitAfterFailure(S, 11 * S));
        assertEquals(Duration.ZERO, b.waitAfterFailure(601 * S, 601 * S));
        b.restarted(601 * S);
        assertEquals(Duration.ofSeconds(10), b.waitAfterFailure(602 * S, 602 * S));
    }
}
