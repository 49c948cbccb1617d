package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreScorePlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.Set;

/**
 * Favours nodes whose resources would be used evenly (upstream noderesources BalancedAllocation).
 *
 * <p>For each scored resource with non-zero allocatable, fraction = requested / allocatable (capped at
 * 1), with the node's actual requests plus the pod's. With two resources the deviation is
 * |f1 - f2| / 2, with more the population standard deviation; score = (1 - deviation) * 100, truncated.
 * Example: fractions 0.75 and 0.5 give deviation 0.125 and score 87. A pod that requests nothing is
 * skipped at PreScore.
 */
public final class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    private final List<ScoringStrategy.ResourceWeight> resources;

    public NodeResourcesBalancedAllocation() {
        this(ScoringStrategy.DEFAULT_RESOURCES);
    }

    public NodeResourcesBalancedAllocation(List<ScoringStrategy.ResourceWeight> resources) {
        this.resources = List.copyOf(resources);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of();
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        for (ScoringStrategy.ResourceWeight rw : resources) {
            if (pod.requests().get(rw.name()) != 0) {
                return Status.SUCCESS;
            }
        }
        return Status.SKIP;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        double[] fractions = new double[resources.size()];
        int n = 0;
        double sum = 0;
        for (ScoringStrategy.ResourceWeight rw : resources) {
            String r = rw.name();
            long podRequest = pod.requests().get(r);
            if (podRequest == 0 && NodeResourcesFit.isScalar(r)) {
                continue;
            }
            long alloc = node.allocatable().get(r);
            if (alloc == 0) {
                continue;
            }
            double f = (double) (node.requested().get(r) + podRequest) / (double) alloc;
            f = Math.min(f, 1.0);
            fractions[n++] = f;
            sum += f;
        }
        double std = 0;
        if (n == 2) {
            std = Math.abs((fractions[0] - fractions[1]) / 2);
        } else if (n > 2) {
            double mean = sum / n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += (fractions[i] - mean) * (fractions[i] - mean);
            }
            std = Math.sqrt(var / n);
        }
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }
}
