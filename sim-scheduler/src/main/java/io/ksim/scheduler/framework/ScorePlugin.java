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

    /** Normalizes {@code scores} (aligned with {@code nodes}); the default keeps raw scores. */
    default void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    }
}
