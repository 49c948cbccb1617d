package io.ksim.client;

import io.ksim.kernel.SimClock;
import java.time.Duration;

/**
 * An overall token bucket shared by all items (client-go's BucketRateLimiter over golang.org/x/time/rate):
 * tokens refill at {@code qps} per second up to {@code burst}; each {@link #when} reserves one token and
 * returns how long until it is available. The bucket starts full. client-go's controller default is 10 qps
 * with a burst of 100: the first 100 retries in a burst go at once, then one every 100 ms.
 */
public final class BucketRateLimiter<K> implements RateLimiter<K> {

    private final SimClock clock;
    private final double qps;
    private final double burst;
    private double tokens;
    private long lastNanos;

    public BucketRateLimiter(SimClock clock, double qps, int burst) {
        this.clock = clock;
        this.qps = qps;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = clock.nanos();
    }

    @Override
    public Duration when(K item) {
        long now = clock.nanos();
        if (now > lastNanos) {
            tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * qps);
            lastNanos = now;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / qps * 1e9));
    }

    /** The bucket does not track items. */
    @Override
    public void forget(K item) {
    }

    @Override
    public int numRequeues(K item) {
        return 0;
    }
}
