package io.ksim.client;

import java.time.Duration;

/**
 * How long an item must wait before it is retried, as client-go's workqueue rate limiters decide it.
 * Limiters read virtual time through the clock they were built with.
 *
 * @param <K> the work queue's key type
 */
public interface RateLimiter<K> {

    /** The delay before {@code item} may be processed again; counts as one more failure of it. */
    Duration when(K item);

    /** Stops tracking {@code item}: its next failure starts again from the base delay. */
    void forget(K item);

    /** How many times {@code item} has been retried since it was last forgotten. */
    int numRequeues(K item);
}
