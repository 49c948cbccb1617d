package io.ksim.kernel;

import java.time.Duration;
import java.time.Instant;

/**
 * Read-only view of the simulation's virtual time. Components are handed this instead of the kernel
 * when all they need is "now" (as Caffeine's {@code Ticker}): nothing in ksim reads the wall clock.
 *
 * <p>Virtual time starts at 0 when the kernel is built; {@link #instant()} maps it onto a fixed epoch so
 * that Kubernetes timestamps (creationTimestamp, lastTransitionTime) have calendar values, and those
 * values depend only on the scenario, never on when it is run.
 */
public interface SimClock {

    /** Nanoseconds of virtual time since the simulation started. */
    long nanos();

    /** Virtual time since the simulation started. */
    default Duration elapsed() {
        return Duration.ofNanos(nanos());
    }

    /** The calendar instant of "now": the kernel's epoch plus {@link #elapsed()}. */
    Instant instant();
}
