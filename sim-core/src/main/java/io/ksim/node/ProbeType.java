package io.ksim.node;

/**
 * The three kinds of container probe (upstream pkg/kubelet/prober/prober_manager.go's probeType), with the
 * word the kubelet puts in its Unhealthy events ("Liveness probe failed: ...") and the result a new
 * container starts from: readiness starts failed (not ready until proven), liveness starts successful
 * (alive until proven otherwise), startup starts unknown.
 */
enum ProbeType {
    LIVENESS("Liveness"),
    READINESS("Readiness"),
    STARTUP("Startup");

    private final String label;

    ProbeType(String label) {
        this.label = label;
    }

    /** The capitalized name in event texts. */
    String label() {
        return label;
    }

    /** Whether a failure past the threshold kills the container (liveness and startup do). */
    boolean killsOnFailure() {
        return this != READINESS;
    }
}
