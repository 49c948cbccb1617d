package io.ksim.client;

import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A rate-limited, delaying work queue of keys, with client-go's workqueue semantics, on virtual time.
 *
 * <p>The invariant, on the three fields that hold it: a key is in {@code dirty} while it needs processing;
 * in {@code processing} while a worker has it; in {@code queue} only if it is dirty and not being processed.
 * Hence a key is never processed by two workers at once, and adding a key that is already waiting does
 * nothing (adds coalesce): ten updates of one Deployment before its worker runs cause one reconcile. A key
 * added while it is being processed is queued again when the worker calls {@link #done}.
 *
 * <p>Keys leave the queue in FIFO order. Delayed adds wait on kernel timers; adding a key that is already
 * waiting keeps the earlier of the two ready times. {@link #addRateLimited} asks the {@link RateLimiter} for
 * the delay (client-go's controller default: 5 ms doubling per failure up to 1000 s, and 10 qps overall).
 *
 * <p>The queue does not block: {@link #get} returns null when empty, and the ready listener (set by the
 * component that owns the workers) is told whenever a key becomes available, so it can schedule a worker.
 */
public final class WorkQueue<K> {

    private final Kernel kernel;
    private final String name;
    private final RateLimiter<K> rateLimiter;
    private final ArrayDeque<K> queue = new ArrayDeque<>();
    // Membership tests only; never iterated, so hash order cannot reach output.
    private final Set<K> dirty = new HashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Map<K, Timer> waiting = new HashMap<>();
    private Runnable readyListener = () -> { };
    private boolean shuttingDown;

    public WorkQueue(Kernel kernel, String name, RateLimiter<K> rateLimiter) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.name = Objects.requireNonNull(name, "name");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    /** A queue with client-go's default controller rate limiter. */
    public static <K> WorkQueue<K> withDefaultRateLimiter(Kernel kernel, String name) {
        return new WorkQueue<>(kernel, name, MaxOfRateLimiter.controllerDefault(kernel));
    }

    public String name() {
        return name;
    }

    /** Called (on the simulation thread) each time a key becomes available to {@link #get}. */
    public void setReadyListener(Runnable listener) {
        this.readyListener = Objects.requireNonNull(listener, "listener");
    }

    /** Marks {@code key} as needing processing. */
    public void add(K key) {
        if (shuttingDown || !dirty.add(key)) {
            return;
        }
        if (processing.contains(key)) {
            return;
        }
        queue.addLast(key);
        readyListener.run();
    }

    /** Adds {@code key} after {@code delay} of virtual time; a zero or negative delay adds it now. */
    public void addAfter(K key, Duration delay) {
        if (shuttingDown) {
            return;
        }
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        long due = kernel.nanos() + delay.toNanos();
        Timer existing = waiting.get(key);
        if (existing != null && existing.isPending()) {
            if (existing.dueNanos() <= due) {
                return;
            }
            existing.cancel();
        }
        waiting.put(key, kernel.scheduleAtNanos(due, name, () -> {
            waiting.remove(key);
            add(key);
        }));
    }

    /** Adds {@code key} after the rate limiter's delay for it (one more failure of it). */
    public void addRateLimited(K key) {
        addAfter(key, rateLimiter.when(key));
    }

    /** Resets the key's failure count: its next rate-limited add starts from the base delay again. */
    public void forget(K key) {
        rateLimiter.forget(key);
    }

    public int numRequeues(K key) {
        return rateLimiter.numRequeues(key);
    }

    /** The next key to process, now marked as processing; null if none is ready. */
    public K get() {
        K key = queue.pollFirst();
        if (key == null) {
            return null;
        }
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    /** Ends processing of {@code key}; if it was added meanwhile, it is queued again. */
    public void done(K key) {
        if (!processing.remove(key)) {
            throw new IllegalStateException(name + ": done(" + key + ") for a key that is not being processed");
        }
        if (dirty.contains(key)) {
            queue.addLast(key);
            readyListener.run();
        }
    }

    /** Keys ready to be processed (not counting those being processed or waiting for a delay). */
    public int len() {
        return queue.size();
    }

    /** Keys waiting for a delayed add. */
    public int waitingCount() {
        return waiting.size();
    }

    public boolean isProcessing(K key) {
        return processing.contains(key);
    }

    /** Stops accepting keys; pending delayed adds are called off. Keys already queued can still be drained. */
    public void shutDown() {
        shuttingDown = true;
        waiting.values().forEach(Timer::cancel);
        waiting.clear();
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }
}
