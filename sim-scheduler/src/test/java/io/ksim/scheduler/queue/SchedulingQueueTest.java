package io.ksim.scheduler.queue;

import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.PodInfo;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour of upstream pkg/scheduler/internal/queue/scheduling_queue.go (see its _test.go). */
class SchedulingQueueTest {

    private static final long S = 1_000_000_000L;

    private static PodInfo p(String name, int priority) {
        return PodInfo.of(pod(name).build(), priority);
    }

    @Test
    void activeQPopsHighestPriorityThenOldest() {
        SchedulingQueue q = new SchedulingQueue();
        q.add(p("low", 0), 0);
        q.add(p("high-late", 100), 2);
        q.add(p("high-early", 100), 1);
        assertEquals("default/high-early", q.pop().key());
        assertEquals("default/high-late", q.pop().key());
        assertEquals("default/low", q.pop().key());
        assertNull(q.pop());
    }

    @Test
    void backoffDoublesFromOneSecondUpToTen() {
        assertEquals(1 * S, SchedulingQueue.backoffNanos(1));
        assertEquals(2 * S, SchedulingQueue.backoffNanos(2));
        assertEquals(4 * S, SchedulingQueue.backoffNanos(3));
        assertEquals(8 * S, SchedulingQueue.backoffNanos(4));
        assertEquals(10 * S, SchedulingQueue.backoffNanos(5));
        assertEquals(10 * S, SchedulingQueue.backoffNanos(30));
    }

    @Test
    void unschedulablePodMovesOnlyOnAnEventItsRejectorCaresAbout() {
        SchedulingQueue q = new SchedulingQueue();
        q.add(p("a", 0), 0);
        QueuedPodInfo a = q.pop();
        a.setUnschedulablePlugins(Set.of("NodeAffinity"));
        q.addUnschedulable(a, q.schedulingCycle(), 0);
        assertEquals(1, q.unschedulableCount());
        q.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE, (plugin, ev) -> ev != ClusterEvent.ASSIGNED_POD_DELETE, S / 2);
        assertEquals(1, q.unschedulableCount());
        // a node update: still inside its 1 s backoff, so to backoffQ, then active after the flush
        q.moveAllToActiveOrBackoff(ClusterEvent.NODE_UPDATE, (plugin, ev) -> true, S / 2);
        assertEquals(1, q.backoffCount());
        assertEquals(0, q.flushBackoffCompleted(S - 1));
        assertEquals(1, q.flushBackoffCompleted(S));
        assertEquals("default/a", q.pop().key());
    }

    @Test
    void aMoveDuringTheAttemptSendsTheFailedPodToBackoff() {
        SchedulingQueue q = new SchedulingQueue();
        q.add(p("a", 0), 0);
        QueuedPodInfo a = q.pop();
        long cycle = q.schedulingCycle();
        q.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD, (plugin, ev) -> true, 0);
        a.setUnschedulablePlugins(Set.of("NodeResourcesFit"));
        q.addUnschedulable(a, cycle, 0);
        assertEquals(0, q.unschedulableCount());
        assertEquals(1, q.backoffCount());
    }

    @Test
    void leftoverFlushAfterMoreThanFiveMinutes() {
        SchedulingQueue q = new SchedulingQueue();
        q.add(p("a", 0), 0);
        QueuedPodInfo a = q.pop();
        a.setUnschedulablePlugins(Set.of("TaintToleration"));
        q.addUnschedulable(a, q.schedulingCycle(), 0);
        assertEquals(0, q.flushUnschedulableLeftover(300 * S));
        assertEquals(1, q.flushUnschedulableLeftover(300 * S + 1));
        assertEquals(1, q.activeCount());
    }

    @Test
    void deletedPodLeavesEveryPart() {
        SchedulingQueue q = new SchedulingQueue();
        q.add(p("a", 0), 0);
        q.delete("default/a");
        assertNull(q.pop());
    }
}
