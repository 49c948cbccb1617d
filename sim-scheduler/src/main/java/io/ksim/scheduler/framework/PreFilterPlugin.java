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

    /**
     * upstream PreFilterExtensions.AddPod: {@code added} now counts on {@code node} (a pod nominated there, for
     * one filter run), so the plugin's PreFilter state must count it too. {@code state} is a copy of the
     * cycle's state sharing its values: a plugin writes a new value and never changes the one it read.
     * Plugins whose state does not depend on other pods keep the default, which does nothing.
     */
    default Status addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        return Status.SUCCESS;
    }
}
