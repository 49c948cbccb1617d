package io.ksim.scheduler.framework;

import java.util.List;

/**
 * Ranks feasible nodes (upstream ScorePlugin with its ScoreExtensions). {@link #score} gives a raw score
 * per node; {@link #normalize} maps the raw scores of all feasible nodes into [0, 100] in place. The
 * framework then multiplies by the plugin's weight in the profile.
 */
public interface ScorePlugin extends Plugin {

    /** upstream framework.MaxNodeScore. */
    long MAX_NODE_SCORE = 100;

    long score(CycleState state, PodInfo pod, NodeInfo node);

    /**
     * Scores every node of {@code nodes} into {@code scores} (same index), equal to calling {@link #score}
     * node by node, which the default does. Plugins that score every feasible node of every cycle override it
     * to read the pod once per call instead of once per node.
     */
    default void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            scores[i] = score(state, pod, nodes.get(i));
        }
    }

    /** Normalizes {@code scores} (aligned with {@code nodes}); the default keeps raw scores. */
    default void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    }
}
