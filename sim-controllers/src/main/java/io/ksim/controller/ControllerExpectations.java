package io.ksim.controller;

import io.ksim.kernel.SimClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a controller expects to see in its caches after its own writes (upstream's
 * UIDTrackingControllerExpectations): a ReplicaSet that just created 4 pods must not create them again
 * before its pod informer has seen them. Per controller key: creations still to be observed, deletions
 * still to be observed (tracked by pod key, so an unrelated deletion does not count), and when the
 * expectation was set.
 *
 * <p>A key is satisfied when nothing more is expected, when no expectation was ever set (a restarted
 * controller syncs at once), or when the expectation is older than {@link #EXPECTATIONS_TIMEOUT}: a lost
 * watch event must not wedge the controller forever.
 */
public final class ControllerExpectations {

    /** Upstream ExpectationsTimeout. */
    public static final Duration EXPECTATIONS_TIMEOUT = Duration.ofMinutes(5);

    private final SimClock clock;
    // Lookups only: never iterated, so hash order cannot reach output.
    private final Map<String, Expectation> expectations = new HashMap<>();
    private final Map<String, Set<String>> expectedDeletions = new HashMap<>();

    public ControllerExpectations(SimClock clock) {
        this.clock = clock;
    }

    private static final class Expectation {
        long add;
        long del;
        final long timestampNanos;

        Expectation(long add, long del, long timestampNanos) {
            this.add = add;
            this.del = del;
            this.timestampNanos = timestampNanos;
        }

        boolean fulfilled() {
            return add <= 0 && del <= 0;
        }
    }

    /** Whether the controller may act on {@code key} again (upstream SatisfiedExpectations). */
    public boolean satisfied(String key) {
        Expectation e = expectations.get(key);
        if (e == null) {
            return true;
        }
        return e.fulfilled() || clock.nanos() - e.timestampNanos > EXPECTATIONS_TIMEOUT.toNanos();
    }

    /** Expects {@code adds} pod creations, replacing any earlier expectation of the key. */
    public void expectCreations(String key, int adds) {
        expectations.put(key, new Expectation(adds, 0, clock.nanos()));
    }

    /** Expects the deletion of exactly these pods (keys {@code namespace/name}). */
    public void expectDeletions(String key, Set<String> podKeys) {
        expectedDeletions.put(key, new HashSet<>(podKeys));
        expectations.put(key, new Expectation(0, podKeys.size(), clock.nanos()));
    }

    /**
     * Expects {@code adds} creations and the deletion of these pods at once (upstream SetExpectations), for a
     * controller that may do both in one sync (a DaemonSet replacing pods while it fills new nodes).
     */
    public void expectCreationsAndDeletions(String key, int adds, Set<String> podKeys) {
        expectedDeletions.put(key, new HashSet<>(podKeys));
        expectations.put(key, new Expectation(adds, podKeys.size(), clock.nanos()));
    }

    /** One expected creation was seen (or will never happen: it was not attempted or failed). */
    public void creationObserved(String key) {
        Expectation e = expectations.get(key);
        if (e != null) {
            e.add--;
        }
    }

    /** The deletion of {@code podKey} was seen; counts only if it was expected. */
    public void deletionObserved(String key, String podKey) {
        Set<String> pending = expectedDeletions.get(key);
        if (pending != null && pending.remove(podKey)) {
            Expectation e = expectations.get(key);
            if (e != null) {
                e.del--;
            }
        }
    }

    /** Forgets the key (its object is gone). */
    public void delete(String key) {
        expectations.remove(key);
        expectedDeletions.remove(key);
    }

    /** Creations and deletions still expected for {@code key}, for tests and traces; {0, 0} if none. */
    public long[] pending(String key) {
        Expectation e = expectations.get(key);
        return e == null ? new long[] {0, 0} : new long[] {e.add, e.del};
    }
}
