package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;
import java.util.Set;

/**
 * A pod that names a node in {@code spec.nodeName} fits only that node (upstream nodename plugin). The
 * scheduler only sees pods without a node name, so this matters for preemption's what-if and for tests.
 */
public final class NodeName implements FilterPlugin {

    public static final String NAME = "NodeName";
    public static final String ERR_REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    @Override
    public void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, Status[] verdicts) {
        String wanted = pod.pod().spec().nodeName();
        if (wanted != null && !wanted.isEmpty()) {
            FilterPlugin.super.filterAll(state, pod, nodes, from, to, verdicts);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        String wanted = pod.pod().spec().nodeName();
        if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(ERR_REASON);
    }
}
