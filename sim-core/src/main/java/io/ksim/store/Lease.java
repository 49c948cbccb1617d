package io.ksim.store;

import io.ksim.kernel.Timer;
import java.util.TreeSet;

/** A granted lease: its TTL, when it expires on the virtual clock, and the keys attached to it. */
final class Lease {

    final long id;
    final long grantedTtlSeconds;
    long expiryNanos;
    Timer expiryTimer;
    /** Sorted: a revoke deletes the keys in key order, as etcd's lessor does. */
    final TreeSet<String> keys = new TreeSet<>();

    Lease(long id, long grantedTtlSeconds) {
        this.id = id;
        this.grantedTtlSeconds = grantedTtlSeconds;
    }
}
