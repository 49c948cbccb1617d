package io.ksim.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-item exponential backoff: base x 2^failures, capped at max (client-go's
 * ItemExponentialFailureRateLimiter). With client-go's controller defaults (5 ms, 1000 s) an item's
 * retries wait 5 ms, 10 ms, 20 ms, ... and reach the 1000 s cap at the 19th failure.
 */
public final class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {

    private final long baseNanos;
    private final long maxNanos;
    // Lookups only, never iterated: order cannot reach output.
    private final Map<K, Integer> failures = new HashMap<>();

    public ItemExponentialFailureRateLimiter(Duration base, Duration max) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
    }

    @Override
    public Duration when(K item) {
        int exp = failures.merge(item, 1, Integer::sum) - 1;
        double backoff = baseNanos * Math.pow(2, exp);
        if (backoff >= maxNanos) {
            return Duration.ofNanos(maxNanos);
        }
        return Duration.ofNanos((long) backoff);
    }

    @Override
    public void forget(K item) {
        failures.remove(item);
    }

    @Override
    public int numRequeues(K item) {
        return failures.getOrDefault(item, 0);
    }
}
