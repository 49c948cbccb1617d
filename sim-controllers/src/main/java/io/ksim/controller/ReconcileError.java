package io.ksim.controller;

/**
 * An expected failure of a reconcile that is not the API server's refusal, e.g. a Deployment whose
 * maxSurge is not a percentage: the key is retried with the rate limiter, as upstream's handleErr does.
 */
public final class ReconcileError extends RuntimeException {

    public ReconcileError(String message) {
        super(message);
    }
}
