package io.ksim.node;

import java.time.Duration;

/**
 * The kubelet's restart back-off of one container (flowcontrol.Backoff with 10 s initial, 300 s max):
 * the first restart is immediate and arms 10 s; each later failure waits the current delay from the
 * container's finish, and the delay doubles at each restart up to 300 s. An entry idle for twice the
 * maximum (10 minutes) is forgotten, so a container that ran well for a while starts over at 10 s.
 * The kubelet's image back-off is the same flowcontrol.Backoff with the same numbers ({@link ImageManager}).
 */
final class CrashLoopBackOff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofSeconds(300);

    private Duration delay;
    private long lastUpdateNanos;

    /**
     * The wait, from {@code nowNanos}, before restarting a container that finished at {@code finishedNanos}:
     * what is left of the current delay counted from the finish; zero means restart now.
     */
    Duration waitAfterFailure(long finishedNanos, long nowNanos) {
        if (delay == null || expired(nowNanos)) {
            delay = null;
            return Duration.ZERO;
        }
        long left = finishedNanos + delay.toNanos() - nowNanos;
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** The delay a failure now waits (for the CrashLoopBackOff message); null before the first restart. */
    Duration delay() {
        return delay;
    }

    /** Records a restart at {@code nowNanos}: upstream's Backoff.Next. */
    void restarted(long nowNanos) {
        if (delay == null || expired(nowNanos)) {
            delay = INITIAL;
        } else {
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(MAX) > 0 ? MAX : doubled;
        }
        lastUpdateNanos = nowNanos;
    }

    /** Upstream's IsInBackOffSinceUpdate: less than the current delay has passed since the last update. */
    boolean inBackOffSinceUpdate(long nowNanos) {
        return delay != null && !expired(nowNanos) && nowNanos - lastUpdateNanos < delay.toNanos();
    }

    private boolean expired(long nowNanos) {
        return nowNanos - lastUpdateNanos > MAX.multipliedBy(2).toNanos();
    }
}
