package io.ksim.scheduler.plugins;

import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import io.ksim.api.core.Toleration;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreScorePlugin;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Node taints against pod tolerations (upstream tainttoleration plugin).
 *
 * <p>Filter: the first NoSchedule or NoExecute taint the pod does not tolerate rejects the node with
 * {@code node(s) had untolerated taint {key: value}}. Score: the number of PreferNoSchedule taints not
 * tolerated by the pod's tolerations with an empty or PreferNoSchedule effect, normalized reversed, so
 * fewer untolerated taints score higher.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "TaintToleration";
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    /** upstream's reason text for an untolerated taint. */
    public static String untoleratedTaintReason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + (taint.value() == null ? "" : taint.value()) + "}";
    }

    @Override
    public void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, Status[] verdicts) {
        for (int i = from; i < to; i++) {
            if (verdicts[i] == null && !nodes[i].taints().isEmpty()) {
                verdicts[i] = verdict(state, pod, nodes[i]);
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<Taint> taints = node.taints();
        if (taints.isEmpty()) {
            // most nodes: nothing to tolerate, and this runs on every node of every cycle
            return Status.SUCCESS;
        }
        Taint taint = Tolerations.firstUntolerated(taints, pod.pod().spec().tolerations(),
                Tolerations::doNotSchedule);
        return taint == null ? Status.SUCCESS : Status.unresolvable(untoleratedTaintReason(taint));
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        state.write(PRE_SCORE_KEY, preferNoScheduleTolerations(pod.pod().spec().tolerations()));
        return Status.SUCCESS;
    }

    private static List<Toleration> preferNoScheduleTolerations(List<Toleration> all) {
        List<Toleration> out = new ArrayList<>();
        for (Toleration t : all) {
            if (t.effect() == null || t.effect().isEmpty() || TaintEffect.PREFER_NO_SCHEDULE.equals(t.effect())) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            NodeInfo node = nodes.get(i);
            scores[i] = node.taints().isEmpty() ? 0 : score(state, pod, node);
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        List<Taint> taints = node.taints();
        if (taints.isEmpty()) {
            return 0;
        }
        List<Toleration> tolerations = state.read(PRE_SCORE_KEY);
        if (tolerations == null) {
            tolerations = preferNoScheduleTolerations(pod.pod().spec().tolerations());
        }
        long count = 0;
        for (Taint taint : taints) {
            if (TaintEffect.PREFER_NO_SCHEDULE.equals(taint.effect()) && !Tolerations.toleratedByAny(tolerations, taint)) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        NormalizeScore.defaultNormalize(scores, true);
    }
}
