package io.ksim.kernel;

import java.util.PriorityQueue;

/**
 * The kernel's pending events, earliest first, ties by scheduling order.
 *
 * <p>Cancelled events stay in the heap until they reach its head and are dropped there (lazy removal):
 * cancelling is O(1), which matters because timers are re-armed far more often than they fire.
 * {@link #livePending()} counts only events that can still run.
 */
final class EventQueue {

    private final PriorityQueue<ScheduledEvent> heap = new PriorityQueue<>();
    private long nextSequence;

    ScheduledEvent add(long dueNanos, String component, Runnable action) {
        ScheduledEvent event = new ScheduledEvent(dueNanos, nextSequence++, component, action);
        heap.add(event);
        return event;
    }

    /** The earliest event that can still run, or null; cancelled events at the head are discarded. */
    ScheduledEvent peekLive() {
        ScheduledEvent head = heap.peek();
        while (head != null && !head.isPending()) {
            heap.poll();
            head = heap.peek();
        }
        return head;
    }

    ScheduledEvent pollLive() {
        ScheduledEvent head = peekLive();
        if (head != null) {
            heap.poll();
        }
        return head;
    }

    int livePending() {
        int n = 0;
        for (ScheduledEvent e : heap) {
            if (e.isPending()) {
                n++;
            }
        }
        return n;
    }
}
