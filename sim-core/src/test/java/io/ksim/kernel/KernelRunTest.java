package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Running the kernel: runUntil(time), runUntil(condition, timeout), runUntilIdle and where they leave the clock. */
class KernelRunTest {

    private final Kernel kernel = Kernel.builder().seed(1).build();
    private final List<Long> ranAt = new ArrayList<>();

    private void at(Duration d) {
        kernel.schedule(d, "c", () -> ranAt.add(kernel.elapsed().toMillis()));
    }

    @Test
    void runUntilRunsEverythingDueUpToTheTargetAndLeavesTheClockThere() {
        at(Duration.ofSeconds(10));
        at(Duration.ofSeconds(30));
        at(Duration.ofMillis(30_001));

        kernel.runUntil(Duration.ofSeconds(30));

        assertEquals(List.of(10_000L, 30_000L), ranAt, "an event due exactly at the target runs");
        assertEquals(Duration.ofSeconds(30), kernel.elapsed());
        assertEquals(1, kernel.pendingEvents());
    }

    @Test
    void runUntilWithNothingToDoStillMovesTheClock() {
        kernel.runUntil(Duration.ofSeconds(5));

        assertEquals(Duration.ofSeconds(5), kernel.elapsed());
        assertEquals(0, kernel.eventsRun());
    }

    @Test
    void runUntilRunsEventsScheduledDuringTheWindow() {
        kernel.schedule(Duration.ofSeconds(1), "c", () -> {
            ranAt.add(kernel.elapsed().toMillis());
            at(Duration.ofSeconds(2));   // due at 3 s, inside the window
            at(Duration.ofSeconds(20));  // due at 21 s, outside
        });

        kernel.runUntil(Duration.ofSeconds(5));

        assertEquals(List.of(1_000L, 3_000L), ranAt);
        assertEquals(Duration.ofSeconds(5), kernel.elapsed());
    }

    @Test
    void runUntilRefusesToGoBackInTime() {
        kernel.runUntil(Duration.ofSeconds(5));

        assertThrows(IllegalArgumentException.class, () -> kernel.runUntil(Duration.ofSeconds(4)));
        assertEquals(Duration.ofSeconds(5), kernel.elapsed());
    }

    @Test
    void advanceIsRelativeToNow() {
        kernel.advance(Duration.ofSeconds(3));
        at(Duration.ofSeconds(2));
        kernel.advance(Duration.ofSeconds(3));

        assertEquals(List.of(5_000L), ranAt);
        assertEquals(Duration.ofSeconds(6), kernel.elapsed());
    }

    @Test
    void runUntilConditionStopsAtTheEventThatMadeItTrue() {
        AtomicBoolean done = new AtomicBoolean();
        kernel.schedule(Duration.ofSeconds(3), "c", () -> done.set(true));
        at(Duration.ofSeconds(4));

        assertTrue(kernel.runUntil(done::get, Duration.ofSeconds(10)));

        assertEquals(Duration.ofSeconds(3), kernel.elapsed(), "the clock stays at the event that made it true");
        assertEquals(List.of(), ranAt, "later events are left pending");
        assertEquals(1, kernel.pendingEvents());
    }

    @Test
    void runUntilConditionAlreadyTrueRunsNothing() {
        at(Duration.ZERO);

        assertTrue(kernel.runUntil(() -> true, Duration.ofSeconds(10)));

        assertEquals(0, kernel.eventsRun());
        assertEquals(Duration.ZERO, kernel.elapsed());
    }

    @Test
    void runUntilConditionTimesOutWithTheClockAtNowPlusTimeout() {
        kernel.advance(Duration.ofSeconds(2));
        AtomicInteger ticks = new AtomicInteger();
        at(Duration.ofSeconds(1));
        at(Duration.ofSeconds(5));   // due at 7 s, exactly the deadline: runs
        at(Duration.ofSeconds(6));   // due at 8 s, after the deadline: stays pending

        assertFalse(kernel.runUntil(() -> ticks.incrementAndGet() > 100, Duration.ofSeconds(5)));

        assertEquals(List.of(3_000L, 7_000L), ranAt);
        assertEquals(Duration.ofSeconds(7), kernel.elapsed());
        assertEquals(3, ticks.get(), "checked before the first event and after each one");
        assertEquals(1, kernel.pendingEvents());
    }

    @Test
    void runUntilConditionRefusesANegativeTimeout() {
        kernel.advance(Duration.ofSeconds(5));

        assertThrows(IllegalArgumentException.class, () -> kernel.runUntil(() -> false, Duration.ofSeconds(-1)));

        assertEquals(Duration.ofSeconds(5), kernel.elapsed(), "the clock never runs backwards");
    }

    @Test
    void runUntilIdleRunsEverythingAndStopsAtTheLastEvent() {
        kernel.schedule(Duration.ofSeconds(1), "c", () -> {
            ranAt.add(kernel.elapsed().toMillis());
            at(Duration.ofSeconds(9));
        });
        at(Duration.ofSeconds(2));

        assertEquals(3, kernel.runUntilIdle());

        assertEquals(List.of(1_000L, 2_000L, 10_000L), ranAt);
        assertEquals(Duration.ofSeconds(10), kernel.elapsed());
        assertEquals(0, kernel.pendingEvents());
        assertEquals(0, kernel.runUntilIdle(), "an idle kernel runs nothing");
    }

    @Test
    void runUntilIdleFailsLoudlyWhenAComponentNeverStops() {
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> kernel.schedule(Duration.ofMillis(1), "forever", tick[0]);
        kernel.scheduleNow("forever", tick[0]);

        IllegalStateException e = assertThrows(IllegalStateException.class, kernel::runUntilIdle);

        assertTrue(e.getMessage().contains("did not go idle"), e.getMessage());
        assertEquals(Kernel.DEFAULT_IDLE_EVENT_LIMIT, kernel.eventsRun());
    }
}
