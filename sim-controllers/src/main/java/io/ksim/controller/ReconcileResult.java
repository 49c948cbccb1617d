package io.ksim.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconcile asks of its work queue besides "done": nothing, or to look at the key again after a
 * delay (a Deployment waiting out its progress deadline, a ReplicaSet waiting for minReadySeconds).
 * Failures are not results: a reconcile throws, and the key is retried with the queue's rate limiter.
 */
public record ReconcileResult(Duration requeueAfter) {

    private static final ReconcileResult DONE = new ReconcileResult(null);

    public static ReconcileResult done() {
        return DONE;
    }

    public static ReconcileResult requeueAfter(Duration delay) {
        return new ReconcileResult(Objects.requireNonNull(delay, "delay"));
    }

    public boolean requeues() {
        return requeueAfter != null;
    }
}
