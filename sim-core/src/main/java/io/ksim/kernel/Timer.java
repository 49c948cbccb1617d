package io.ksim.kernel;

/**
 * A scheduled event that can still be called off. Cancelling an event that already ran, or was already
 * cancelled, does nothing: callers that re-arm timers (lease keep-alives, resyncs, backoffs) can cancel
 * the previous one unconditionally.
 */
public interface Timer {

    /** Virtual time (nanoseconds) the event is due at. */
    long dueNanos();

    /** Calls the event off. Returns true if this call cancelled a pending event. */
    boolean cancel();

    /** True while the event is neither run nor cancelled. */
    boolean isPending();
}
