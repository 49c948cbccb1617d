package io.ksim.scheduler.plugins;

import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;
import java.util.Set;

/**
 * Keeps pods off cordoned nodes ({@code spec.unschedulable}) unless they tolerate the
 * {@code node.kubernetes.io/unschedulable:NoSchedule} taint (upstream nodeunschedulable plugin).
 */
public final class NodeUnschedulable implements FilterPlugin {

    public static final String NAME = "NodeUnschedulable";
    public static final String ERR_REASON_UNSCHEDULABLE = "node(s) were unschedulable";
    /** The taint the node lifecycle controller mirrors a cordon with; tolerating it ignores the cordon. */
    public static final Taint UNSCHEDULABLE_TAINT = Taint.of("node.kubernetes.io/unschedulable", null,
            TaintEffect.NO_SCHEDULE);

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
        for (int i = from; i < to; i++) {
            if (verdicts[i] == null && nodes[i].unschedulable()) {
                verdicts[i] = verdict(state, pod, nodes[i]);
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        if (!node.unschedulable()) {
            return Status.SUCCESS;
        }
        if (Tolerations.toleratedByAny(pod.pod().spec().tolerations(), UNSCHEDULABLE_TAINT)) {
            return Status.SUCCESS;
        }
        return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
    }
}
