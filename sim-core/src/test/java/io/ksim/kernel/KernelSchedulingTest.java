package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event queue: order by (time, scheduling order), cancellation, and refusing the past. */
class KernelSchedulingTest {

    private final Kernel kernel = Kernel.builder().seed(1).build();
    private final List<String> ran = new ArrayList<>();

    private Timer at(long seconds, String name) {
        return kernel.schedule(Duration.ofSeconds(seconds), name, () -> ran.add(name + "@" + kernel.elapsed().toSeconds()));
    }

    @Test
    void eventsRunByTimeThenBySchedulingOrder() {
        at(5, "a");
        at(1, "b");
        at(5, "c");
        at(1, "d");
        at(0, "e");
        at(3, "f");

        assertEquals(6, kernel.runUntilIdle());

        assertEquals(List.of("e@0", "b@1", "d@1", "f@3", "a@5", "c@5"), ran);
    }

    @Test
    void eventsScheduledForNowRunAfterThoseAlreadyDueNow() {
        kernel.schedule(Duration.ofSeconds(2), "first", () -> {
            ran.add("first");
            kernel.scheduleNow("nested", () -> ran.add("nested"));
        });
        kernel.schedule(Duration.ofSeconds(2), "second", () -> ran.add("second"));

        kernel.runUntilIdle();

        assertEquals(List.of("first", "second", "nested"), ran);
        assertEquals(Duration.ofSeconds(2), kernel.elapsed());
    }

    @Test
    void aCancelledEventNeverRuns() {
        Timer keep = at(1, "keep");
        Timer drop = at(2, "drop");
        at(3, "last");
        assertEquals(3, kernel.pendingEvents());

        assertTrue(drop.cancel());

        assertFalse(drop.isPending());
        assertTrue(keep.isPending());
        assertEquals(2, kernel.pendingEvents(), "a cancelled event no longer counts as pending");
        assertFalse(drop.cancel(), "cancelling twice does nothing");
        kernel.runUntilIdle();
        assertEquals(List.of("keep@1", "last@3"), ran);
        assertEquals(2, kernel.eventsRun());
    }

    @Test
    void cancellingAnEventThatRanReturnsFalse() {
        Timer t = at(1, "once");
        kernel.runUntilIdle();

        assertFalse(t.isPending());
        assertFalse(t.cancel());
        assertEquals(List.of("once@1"), ran);
    }

    @Test
    void anEventCanCancelALaterOne() {
        Timer later = at(5, "later");
        kernel.schedule(Duration.ofSeconds(1), "canceller", () -> assertTrue(later.cancel()));

        kernel.runUntilIdle();

        assertEquals(List.of(), ran);
        assertEquals(Duration.ofSeconds(1), kernel.elapsed(), "the clock stops at the last event that ran");
    }

    @Test
    void timerReportsItsDueTime() {
        kernel.advance(Duration.ofSeconds(2));
        Timer t = kernel.schedule(Duration.ofMillis(1500), "x", () -> { });

        assertEquals(3_500_000_000L, t.dueNanos());
    }

    @Test
    void schedulingInThePastIsRefused() {
        kernel.advance(Duration.ofSeconds(10));

        assertThrows(IllegalArgumentException.class,
                () -> kernel.scheduleAtNanos(Duration.ofSeconds(10).toNanos() - 1, "late", () -> ran.add("late")));
        assertThrows(IllegalArgumentException.class,
                () -> kernel.schedule(Duration.ofNanos(-1), "late", () -> ran.add("late")));

        assertEquals(0, kernel.pendingEvents());
        kernel.scheduleAtNanos(Duration.ofSeconds(10).toNanos(), "now", () -> ran.add("now"));
        kernel.runUntilIdle();
        assertEquals(List.of("now"), ran, "scheduling at exactly now is allowed");
    }

    @Test
    void stepRunsOneEventAndReportsAnEmptyQueue() {
        at(4, "only");

        assertTrue(kernel.step());
        assertEquals(Duration.ofSeconds(4), kernel.elapsed());
        assertFalse(kernel.step());
        assertEquals(Duration.ofSeconds(4), kernel.elapsed());
    }

    @Test
    void injectFaultRecordsTheFaultThenAppliesIt() {
        kernel.injectFault(Duration.ofSeconds(7), Fault.of("node-2", "kubelet stops posting heartbeats",
                () -> kernel.trace().record("kubelet/node-2", "Stopped", "node-2", "")));

        kernel.runUntil(Duration.ofSeconds(6));
        assertEquals(0, kernel.trace().size(), "nothing happens before the fault's time");
        kernel.runUntil(Duration.ofSeconds(10));

        List<TraceEvent> events = kernel.trace().events();
        assertEquals(2, events.size());
        assertEquals(new TraceEvent(7_000_000_000L, "fault", "Fault", "node-2", "kubelet stops posting heartbeats"),
                events.get(0));
        assertEquals(new TraceEvent(7_000_000_000L, "kubelet/node-2", "Stopped", "node-2", ""), events.get(1));
    }

    @Test
    void aFaultReceivesTheKernel() {
        List<Kernel> seen = new ArrayList<>();
        kernel.injectFault(Duration.ZERO, new Fault() {
            @Override
            public String target() {
                return "etcd";
            }

            @Override
            public String description() {
                return "compacts";
            }

            @Override
            public void inject(Kernel k) {
                seen.add(k);
            }
        });

        kernel.runUntilIdle();

        assertEquals(List.of(kernel), seen);
        assertEquals("Fault", kernel.trace().events().get(0).kind());
    }

    @Test
    void virtualTimeMapsOntoTheEpoch() {
        kernel.advance(Duration.ofMinutes(90));

        assertEquals(Kernel.DEFAULT_EPOCH.plus(Duration.ofMinutes(90)), kernel.instant());
        assertEquals(Duration.ofMinutes(90).toNanos(), kernel.nanos());
    }
}
