package io.ksim.scheduler.plugins;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Node;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PreferredSchedulingTerm;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreFilterPlugin;
import io.ksim.scheduler.framework.PreScorePlugin;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code spec.nodeSelector} and node affinity (upstream nodeaffinity plugin).
 *
 * <p>Filter: every nodeSelector label must be on the node with that value, and, if the pod has required
 * node affinity, one of its terms must match ({@code node(s) didn't match Pod's node affinity/selector}).
 * Score: the sum of the weights of the preferred terms the node matches, normalized so the best node
 * gets 100.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeAffinity";
    public static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        Pod p = pod.pod();
        if (p.spec().nodeSelector().isEmpty() && required(p) == null) {
            return Status.SKIP;
        }
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return requiredMatches(pod.pod(), node.node()) ? Status.SUCCESS : Status.unresolvable(ERR_REASON_POD);
    }

    /** Whether {@code node} satisfies the pod's nodeSelector and required node affinity (upstream GetRequiredNodeAffinity.Match). */
    public static boolean requiredMatches(Pod pod, Node node) {
        NodeSelector required = required(pod);
        if (pod.spec().nodeSelector().isEmpty() && required == null) {
            // nothing to match: PodTopologySpread asks this for every node of the cluster in every cycle, and
            // reaching the node's labels cost a cache miss or two per node
            return true;
        }
        Map<String, String> labels = node.metadata().labels();
        for (Map.Entry<String, String> e : pod.spec().nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return required == null || NodeSelectors.matches(required, node);
    }

    private static NodeSelector required(Pod pod) {
        Affinity a = pod.spec().affinity();
        return a == null || a.nodeAffinity() == null ? null
                : a.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
    }

    private static List<PreferredSchedulingTerm> preferred(Pod pod) {
        Affinity a = pod.spec().affinity();
        return a == null || a.nodeAffinity() == null ? List.of()
                : a.nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution();
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        return preferred(pod.pod()).isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        for (PreferredSchedulingTerm t : preferred(pod.pod())) {
            if (t.weight() != 0 && NodeSelectors.matches(t.preference(), node.node())) {
                sum += t.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        NormalizeScore.defaultNormalize(scores, false);
    }
}
