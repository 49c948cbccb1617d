package io.ksim.network.walk;

import java.util.List;

/**
 * Where a packet went: delivered to a backend (after DNAT, and SNAT when kube-proxy masqueraded it), refused
 * (a REJECT: the client sees "connection refused"), dropped (the client times out), or not intercepted at all.
 * {@code steps} lists the rules or virtual servers it matched; {@code rulesEvaluated} counts every rule it was
 * compared with, the cost that grows with the number of Services in iptables mode.
 */
public record WalkResult(Outcome outcome, String backend, String sourceSeenByBackend, List<String> steps,
        int rulesEvaluated, String message) {

    /** The fates of a packet. */
    public enum Outcome { DELIVERED, REFUSED, DROPPED, NOT_INTERCEPTED }

    public WalkResult {
        steps = List.copyOf(steps);
    }

    /** The backend IP (without the port), or null. */
    public String backendIP() {
        return backend == null ? null : backend.substring(0, backend.lastIndexOf(':'));
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }
}
