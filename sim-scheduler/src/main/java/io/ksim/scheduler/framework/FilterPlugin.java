package io.ksim.scheduler.framework;

/**
 * Decides whether a pod can run on one node (upstream FilterPlugin). A rejection names its reason in
 * upstream's exact words; the framework stops at the first plugin that rejects a node.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);

    /**
     * Filters {@code nodes[from..to)} in one call: for each node whose verdict ({@code verdicts}, indexed as
     * {@code nodes}) is still null, sets it to what {@link #filter} returns if that is not success, attributed
     * to this plugin; a non-null verdict means an earlier plugin rejected the node, and the node is left
     * alone. The outcome must equal calling {@link #filter} node by node, which the default does. Plugins that
     * run on every node of every cycle override it, through {@link #filterWhere}, to read the pod once per call
     * instead of once per node.
     */
    default void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, Status[] verdicts) {
        filterWhere(state, pod, nodes, from, to, verdicts, node -> true);
    }

    /**
     * {@link #filterAll} for plugins that can tell cheaply which nodes they pass: {@link #filter} runs only on
     * the undecided nodes {@code mayReject} picks, and every other node passes. Example: nodes without
     * taints pass TaintToleration whatever the pod tolerates.
     */
    default void filterWhere(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, Status[] verdicts,
            java.util.function.Predicate<NodeInfo> mayReject) {
        for (int i = from; i < to; i++) {
            if (verdicts[i] == null && mayReject.test(nodes[i])) {
                Status s = filter(state, pod, nodes[i]);
                if (!s.isSuccess()) {
                    verdicts[i] = s.withPlugin(name());
                }
            }
        }
    }
}
