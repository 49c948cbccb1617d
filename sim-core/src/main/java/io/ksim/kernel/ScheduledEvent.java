package io.ksim.kernel;

/**
 * One entry of the event queue. Ordered by (due time, sequence number): events due at the same virtual
 * instant run in the order they were scheduled, so a run is fully determined by the seed and the
 * scenario.
 */
final class ScheduledEvent implements Timer, Comparable<ScheduledEvent> {

    private final long dueNanos;
    private final long sequence;
    private final String component;
    private final Runnable action;
    private State state = State.PENDING;

    enum State { PENDING, RUN, CANCELLED }

    ScheduledEvent(long dueNanos, long sequence, String component, Runnable action) {
        this.dueNanos = dueNanos;
        this.sequence = sequence;
        this.component = component;
        this.action = action;
    }

    @Override
    public long dueNanos() {
        return dueNanos;
    }

    long sequence() {
        return sequence;
    }

    String component() {
        return component;
    }

    @Override
    public boolean cancel() {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        return true;
    }

    @Override
    public boolean isPending() {
        return state == State.PENDING;
    }

    void run() {
        state = State.RUN;
        action.run();
    }

    @Override
    public int compareTo(ScheduledEvent o) {
        int byTime = Long.compare(dueNanos, o.dueNanos);
        return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return "ScheduledEvent[" + component + " @" + dueNanos + "ns #" + sequence + " " + state + "]";
    }
}
