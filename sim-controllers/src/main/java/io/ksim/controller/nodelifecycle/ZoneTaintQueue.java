package io.ksim.controller.nodelifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One zone's queue of nodes waiting for their NoExecute taint, drained at the zone's eviction rate (upstream
 * RateLimitedTimedQueue with a token bucket of burst 1, scheduler.EvictionRateLimiterBurst). A rate of 0 stops
 * the zone's tainting; a rate change starts a full bucket, as upstream swaps in a new limiter.
 */
final class ZoneTaintQueue {

    private final Set<String> nodes = new LinkedHashSet<>();
    private double qps;
    private double tokens = 1;
    private Instant lastRefill;

    ZoneTaintQueue(double qps, Instant now) {
        this.qps = qps;
        this.lastRefill = now;
    }

    /** Queues a node; false when it is queued already. */
    boolean add(String node) {
        return nodes.add(node);
    }

    boolean remove(String node) {
        return nodes.remove(node);
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    double qps() {
        return qps;
    }

    void setRate(double newQps, Instant now) {
        if (newQps != qps) {
            qps = newQps;
            // A zero rate is upstream's never-accepting limiter: no token is left over.
            tokens = newQps > 0 ? 1 : 0;
            lastRefill = now;
        }
    }

    /** Takes the nodes the bucket allows now, in the order they were queued. */
    List<String> take(Instant now) {
        refill(now);
        if (qps <= 0) {
            return List.of();
        }
        List<String> taken = new java.util.ArrayList<>();
        var it = nodes.iterator();
        while (it.hasNext() && tokens >= 1) {
            taken.add(it.next());
            it.remove();
            tokens -= 1;
        }
        return taken;
    }

    /** How long until the next token, or null when nothing waits or the rate is 0. */
    Duration untilNextToken() {
        if (nodes.isEmpty() || qps <= 0) {
            return null;
        }
        double missing = Math.max(0, 1 - tokens);
        return Duration.ofNanos((long) Math.ceil(missing / qps * 1e9));
    }

    private void refill(Instant now) {
        if (qps > 0) {
            double elapsed = Duration.between(lastRefill, now).toNanos() / 1e9;
            tokens = Math.min(1, tokens + elapsed * qps);
        }
        lastRefill = now;
    }
}
