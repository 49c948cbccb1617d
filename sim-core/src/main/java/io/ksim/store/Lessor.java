package io.ksim.store;

import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Leases on the virtual clock: grant, keep-alive, time-to-live, and expiry.
 *
 * <p>Each lease has a kernel timer at its expiry instant; a keep-alive moves it. When it fires the store
 * revokes the lease, deleting every attached key in one revision. Simplification: etcd's lessor notices
 * expiry on a 500 ms tick, so a real key can outlive its TTL by up to half a second; here it goes exactly
 * at the TTL.
 */
final class Lessor {

    /** etcd's MaxLeaseTTL. */
    static final long MAX_TTL_SECONDS = 9_000_000_000L;
    /** etcd's minimum TTL with default election settings: ceil(1.5 x 1 s election timeout) = 2 s. */
    static final long DEFAULT_MIN_TTL_SECONDS = 2;

    private final Kernel kernel;
    private final long minTtlSeconds;
    private final LongConsumer onExpiry;
    private final TreeMap<Long, Lease> leases = new TreeMap<>();
    private long nextId;

    Lessor(Kernel kernel, long minTtlSeconds, LongConsumer onExpiry) {
        this.kernel = kernel;
        this.minTtlSeconds = minTtlSeconds;
        this.onExpiry = onExpiry;
        // etcd IDs come from a generator seeded by member ID and time; here from the store's seeded stream,
        // positive and with room to count up.
        SplittableRandom random = kernel.random("etcd/lessor");
        this.nextId = (random.nextLong() >>> 2) | 1L;
    }

    LeaseGrantResponse grant(long ttlSeconds, long requestedId) {
        long id = requestedId;
        if (id == 0) {
            do {
                id = nextId++;
            } while (leases.containsKey(id));
        }
        if (leases.containsKey(id)) {
            throw EtcdError.LEASE_EXIST.exception();
        }
        if (ttlSeconds > MAX_TTL_SECONDS) {
            throw EtcdError.LEASE_TTL_TOO_LARGE.exception();
        }
        Lease lease = new Lease(id, Math.max(ttlSeconds, minTtlSeconds));
        leases.put(id, lease);
        arm(lease);
        return new LeaseGrantResponse(id, lease.grantedTtlSeconds);
    }

    /** Restarts the lease's TTL; returns it, or 0 for an unknown lease (etcd's answer, not an error). */
    long keepAlive(long id) {
        Lease lease = leases.get(id);
        if (lease == null) {
            return 0;
        }
        arm(lease);
        return lease.grantedTtlSeconds;
    }

    LeaseTimeToLiveResponse timeToLive(long id, boolean withKeys) {
        Lease lease = leases.get(id);
        if (lease == null) {
            return new LeaseTimeToLiveResponse(id, -1, 0, List.of());
        }
        long remaining = Math.max(0, lease.expiryNanos - kernel.nanos()) / 1_000_000_000L;
        return new LeaseTimeToLiveResponse(id, remaining, lease.grantedTtlSeconds,
                withKeys ? new ArrayList<>(lease.keys) : List.of());
    }

    Lease get(long id) {
        return leases.get(id);
    }

    boolean exists(long id) {
        return leases.containsKey(id);
    }

    /** Forgets the lease (its keys are the caller's to delete) and calls off its expiry. */
    Lease remove(long id) {
        Lease lease = leases.remove(id);
        if (lease == null) {
            throw EtcdError.LEASE_NOT_FOUND.exception();
        }
        lease.expiryTimer.cancel();
        return lease;
    }

    void attach(long id, String key) {
        if (id != 0) {
            leases.get(id).keys.add(key);
        }
    }

    void detach(long id, String key) {
        Lease lease = id == 0 ? null : leases.get(id);
        if (lease != null) {
            lease.keys.remove(key);
        }
    }

    List<Long> ids() {
        return new ArrayList<>(leases.keySet());
    }

    int size() {
        return leases.size();
    }

    private void arm(Lease lease) {
        if (lease.expiryTimer != null) {
            lease.expiryTimer.cancel();
        }
        lease.expiryNanos = kernel.nanos() + Duration.ofSeconds(lease.grantedTtlSeconds).toNanos();
        lease.expiryTimer = kernel.scheduleAtNanos(lease.expiryNanos, "etcd", () -> onExpiry.accept(lease.id));
    }
}
