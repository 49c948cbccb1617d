package io.ksim.kernel;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * The simulation kernel: one virtual clock, one event queue, one seeded random source, one trace.
 *
 * <p>Every component of a simulated cluster runs as handlers of events on this queue, on the one thread
 * that drives the kernel. Time moves only when the kernel runs an event: it jumps to the event's due time
 * (or to the target of {@link #runUntil(Duration)}), never by the wall clock. Events due at the same
 * instant run in the order they were scheduled. Together with {@link RandomSource}, that makes a run a
 * pure function of (seed, scenario).
 *
 * <p>Example:
 * <pre>{@code
 * Kernel k = Kernel.builder().seed(42).build();
 * k.schedule(Duration.ofSeconds(10), "kubelet/node-1", () -> k.trace().record("kubelet/node-1", "Heartbeat", "node-1", ""));
 * k.runUntil(Duration.ofSeconds(30));   // runs the heartbeat at 10 s, then stops the clock at 30 s
 * }</pre>
 *
 * <p>Not thread-safe by design: the simulation has one thread.
 */
public final class Kernel implements SimClock {

    /** Default calendar epoch of virtual time zero; any fixed instant works, it only has to be fixed. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    /** Bound on events run by one {@link #runUntilIdle()}: more means a component reschedules forever. */
    public static final long DEFAULT_IDLE_EVENT_LIMIT = 10_000_000L;

    private final Instant epoch;
    private final RandomSource random;
    private final EventQueue queue = new EventQueue();
    private final Trace trace;
    private long nowNanos;
    private long eventsRun;

    private Kernel(Builder builder) {
        this.epoch = builder.epoch;
        this.random = new RandomSource(builder.seed);
        this.trace = new Trace(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- time -------------------------------------------------------------------------------------

    @Override
    public long nanos() {
        return nowNanos;
    }

    @Override
    public Instant instant() {
        return epoch.plusNanos(nowNanos);
    }

    public Instant epoch() {
        return epoch;
    }

    // ---- scheduling -------------------------------------------------------------------------------

    /** Runs {@code action} after {@code delay} of virtual time, as {@code component}. */
    public Timer schedule(Duration delay, String component, Runnable action) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return scheduleAtNanos(Math.addExact(nowNanos, delay.toNanos()), component, action);
    }

    /** Runs {@code action} at virtual time {@code dueNanos} (not before now), as {@code component}. */
    public Timer scheduleAtNanos(long dueNanos, String component, Runnable action) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(action, "action");
        if (dueNanos < nowNanos) {
            throw new IllegalArgumentException(
                    "cannot schedule in the past: due " + dueNanos + "ns, now " + nowNanos + "ns");
        }
        return queue.add(dueNanos, component, action);
    }

    /** Runs {@code action} at the current instant, after everything already due now. */
    public Timer scheduleNow(String component, Runnable action) {
        return scheduleAtNanos(nowNanos, component, action);
    }

    /**
     * Injects {@code fault} after {@code delay}: at that instant the trace records
     * {@code Fault <target>: <description>} and then the fault is applied.
     */
    public Timer injectFault(Duration delay, Fault fault) {
        return schedule(delay, "fault", () -> {
            trace.record("fault", "Fault", fault.target(), fault.description());
            fault.inject(this);
        });
    }

    // ---- running ----------------------------------------------------------------------------------

    /** Runs the next pending event, moving the clock to its due time. False if there was none. */
    public boolean step() {
        ScheduledEvent next = queue.pollLive();
        if (next == null) {
            return false;
        }
        nowNanos = next.dueNanos();
        eventsRun++;
        next.run();
        return true;
    }

    /**
     * Runs every event due at or before {@code virtualTime} (measured from the start of the simulation),
     * then leaves the clock at {@code virtualTime}. Events scheduled by those events for the same window
     * run too.
     */
    public void runUntil(Duration virtualTime) {
        runUntilNanos(virtualTime.toNanos());
    }

    /** As {@link #runUntil(Duration)}, in nanoseconds. */
    public void runUntilNanos(long targetNanos) {
        if (targetNanos < nowNanos) {
            throw new IllegalArgumentException(
                    "cannot run back in time: target " + targetNanos + "ns, now " + nowNanos + "ns");
        }
        for (ScheduledEvent next = queue.peekLive(); next != null && next.dueNanos() <= targetNanos;
                next = queue.peekLive()) {
            step();
        }
        nowNanos = targetNanos;
    }

    /** Lets {@code duration} of virtual time pass, running what falls due meanwhile. */
    public void advance(Duration duration) {
        runUntilNanos(Math.addExact(nowNanos, duration.toNanos()));
    }

    /**
     * Runs events until none is pending; returns how many ran. Periodic components (heartbeats, resyncs)
     * never go idle, so this suits kernels without them; it fails loudly after
     * {@link #DEFAULT_IDLE_EVENT_LIMIT} events rather than spin forever.
     */
    public long runUntilIdle() {
        long ran = 0;
        while (step()) {
            if (++ran >= DEFAULT_IDLE_EVENT_LIMIT) {
                throw new IllegalStateException("simulation did not go idle after " + ran
                        + " events; some component keeps rescheduling itself");
            }
        }
        return ran;
    }

    /**
     * Runs events until {@code condition} holds or {@code timeout} of virtual time has passed. The
     * condition is checked before the first event and after each one. Returns whether it came true; on a
     * time-out the clock stands at now + timeout. A negative timeout is refused: the clock never runs backwards.
     */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + timeout);
        }
        long deadline = Math.addExact(nowNanos, timeout.toNanos());
        if (condition.getAsBoolean()) {
            return true;
        }
        for (ScheduledEvent next = queue.peekLive(); next != null && next.dueNanos() <= deadline;
                next = queue.peekLive()) {
            step();
            if (condition.getAsBoolean()) {
                return true;
            }
        }
        nowNanos = deadline;
        return false;
    }

    /** Number of events that can still run. */
    public int pendingEvents() {
        return queue.livePending();
    }

    /** Number of events run since the kernel was built. */
    public long eventsRun() {
        return eventsRun;
    }

    // ---- randomness and trace ---------------------------------------------------------------------

    public long seed() {
        return random.seed();
    }

    /** The random stream of {@code component}; see {@link RandomSource} for why it is per component. */
    public SplittableRandom random(String component) {
        return random.forComponent(component);
    }

    public Trace trace() {
        return trace;
    }

    /** Builds kernels; the seed defaults to 0 and the epoch to {@link #DEFAULT_EPOCH}. */
    public static final class Builder {
        private long seed;
        private Instant epoch = DEFAULT_EPOCH;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder epoch(Instant epoch) {
            this.epoch = Objects.requireNonNull(epoch, "epoch");
            return this;
        }

        public Kernel build() {
            return new Kernel(this);
        }
    }
}
