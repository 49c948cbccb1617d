package io.ksim.scheduler.framework;

/**
 * Runs once per cycle before any Filter (upstream PreFilterPlugin): precomputes state over the whole
 * snapshot into the {@link CycleState}, or rejects the pod outright. {@link Status#SKIP} means this
 * plugin's Filter is not needed for this pod.
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot);

    /**
     * After a successful {@link #preFilter}: the names of the only nodes worth filtering (upstream
     * PreFilterResult.NodeNames), or null for all nodes. The framework filters just the nodes every plugin
     * allows and counts the others as rejected.
     */
    default java.util.Set<String> preFilterNodeNames(CycleState state) {
        return null;
    }
}
