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
     * run on every node of every cycle override it to read the pod once per call and to pass most nodes
     * with a cheap check of their own, calling {@link #verdict} for the others.
     */
    default void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, Status[] verdicts) {
        for (int i = from; i < to; i++) {
            if (verdicts[i] == null) {
                verdicts[i] = verdict(state, pod, nodes[i]);
            }
        }
    }

    /**
     * {@link #filter}'s verdict for a batch: null when the node passes, else the rejection attributed to this
     * plugin. Plugins overriding {@link #filterAll} call it for the nodes their cheap check cannot pass; each
     * keeps its own loop, which the JIT then compiles with the check inlined.
     */
    default Status verdict(CycleState state, PodInfo pod, NodeInfo node) {
        Status s = filter(state, pod, node);
        return s.isSuccess() ? null : s.withPlugin(name());
    }
}
