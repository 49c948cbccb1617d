package io.ksim.scheduler.framework;

/**
 * Reserves node-side state for a pod once a node is chosen, before binding (upstream ReservePlugin);
 * {@link #unreserve} undoes it when a later step fails.
 */
public interface ReservePlugin extends Plugin {
    Status reserve(CycleState state, PodInfo pod, String nodeName);

    void unreserve(CycleState state, PodInfo pod, String nodeName);
}
