package io.ksim.scheduler.framework;

import java.util.List;

/**
 * Runs once per cycle before Score over the feasible nodes (upstream PreScorePlugin). {@link Status#SKIP}
 * means this plugin's Score does not take part for this pod.
 */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot);
}
