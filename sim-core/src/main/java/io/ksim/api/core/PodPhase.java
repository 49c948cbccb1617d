package io.ksim.api.core;

/** Values of a pod's {@code status.phase} (core/v1 PodPhase). */
public final class PodPhase {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    /** Deprecated upstream: no longer set since 1.22. */
    public static final String UNKNOWN = "Unknown";

    /** Whether a pod in {@code phase} is done for good (Succeeded or Failed), as upstream's IsPodPhaseTerminal. */
    public static boolean isTerminal(String phase) {
        return FAILED.equals(phase) || SUCCEEDED.equals(phase);
    }

    private PodPhase() {
    }
}
