package io.ksim.client;

import io.ksim.kernel.SimClock;
import java.time.Duration;
import java.util.List;

/**
 * The longest delay any of several limiters asks for (client-go's MaxOfRateLimiter). Every limiter is
 * consulted on every call, so each keeps counting.
 */
public final class MaxOfRateLimiter<K> implements RateLimiter<K> {

    private final List<RateLimiter<K>> limiters;

    @SafeVarargs
    public MaxOfRateLimiter(RateLimiter<K>... limiters) {
        this.limiters = List.of(limiters);
    }

    /**
     * client-go's DefaultControllerRateLimiter: per-item exponential 5 ms .. 1000 s, and an overall bucket
     * of 10 qps with a burst of 100.
     */
    public static <K> MaxOfRateLimiter<K> controllerDefault(SimClock clock) {
        return new MaxOfRateLimiter<>(
                new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000)),
                new BucketRateLimiter<>(clock, 10, 100));
    }

    @Override
    public Duration when(K item) {
        Duration longest = Duration.ZERO;
        for (RateLimiter<K> limiter : limiters) {
            Duration d = limiter.when(item);
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        return longest;
    }

    @Override
    public void forget(K item) {
        limiters.forEach(l -> l.forget(item));
    }

    @Override
    public int numRequeues(K item) {
        int most = 0;
        for (RateLimiter<K> limiter : limiters) {
            most = Math.max(most, limiter.numRequeues(item));
        }
        return most;
    }
}
