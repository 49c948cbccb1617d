package io.ksim.scheduler.framework;

import java.util.Map;

/**
 * Runs when no node passed the filters (upstream PostFilterPlugin), e.g. DefaultPreemption.
 */
public interface PostFilterPlugin extends Plugin {

    /**
     * The outcome of a PostFilter (upstream PostFilterResult): the node nominated for the pod, "" to clear the
     * pod's nomination (upstream's result with an empty nominated node, ModeOverride), or null to leave it as
     * it is (no result, ModeNoop); and a status whose message ends up after the FailedScheduling histogram.
     */
    record Result(String nominatedNodeName, Status status) {
    }

    Result postFilter(CycleState state, PodInfo pod, Snapshot snapshot, Map<String, Status> nodeStatuses);
}
