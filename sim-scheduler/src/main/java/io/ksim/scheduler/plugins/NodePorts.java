package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.HostPort;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreFilterPlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.Set;

/**
 * A pod's host ports must be free on the node (upstream nodeports plugin): same protocol and port with
 * the same host IP, or with 0.0.0.0 on either side, conflict.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {

    public static final String NAME = "NodePorts";
    public static final String ERR_REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final String STATE_KEY = "PreFilter" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<HostPort> wanted = HostPort.of(pod.pod());
        if (wanted.isEmpty()) {
            return Status.SKIP;
        }
        state.write(STATE_KEY, wanted);
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<HostPort> wanted = state.read(STATE_KEY);
        if (wanted == null) {
            wanted = HostPort.of(pod.pod());
        }
        for (HostPort w : wanted) {
            for (HostPort used : node.usedPorts()) {
                if (w.conflicts(used)) {
                    return Status.unschedulable(ERR_REASON);
                }
            }
        }
        return Status.SUCCESS;
    }
}
