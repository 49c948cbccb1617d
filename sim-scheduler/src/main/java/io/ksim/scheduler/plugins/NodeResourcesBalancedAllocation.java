package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.ScorePlugin;
import java.util.List;
import java.util.Set;

/**
 * Favours nodes whose resources would be used evenly (upstream noderesources BalancedAllocation).
 *
 * <p>For each scored resource with non-zero allocatable, fraction = requested / allocatable (capped at
 * 1), with the node's actual requests plus the pod's. With two resources the deviation is
 * |f1 - f2| / 2, with more the population standard deviation; score = (1 - deviation) * 100, truncated.
 * Example: fractions 0.75 and 0.5 give deviation 0.125 and score 87. A pod that requests nothing is
 * scored by its node's own requests, as in v1.32 (the skip of such pods at PreScore came in v1.33).
 */
public final class NodeResourcesBalancedAllocation implements ScorePlugin {

    public static final String NAME = "NodeResourcesBalancedAllocation";

    /** The scored resources with their fields resolved. */
    private final ScoredResource[] scored;

    public NodeResourcesBalancedAllocation() {
        this(ScoringStrategy.DEFAULT_RESOURCES);
    }

    public NodeResourcesBalancedAllocation(List<ScoringStrategy.ResourceWeight> resources) {
        this.scored = ScoredResource.of(List.copyOf(resources));
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
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        return score(podAmounts(pod), node);
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        long[] amounts = podAmounts(pod);
        for (int i = 0, n = nodes.size(); i < n; i++) {
            scores[i] = score(amounts, nodes.get(i));
        }
    }

    /** The pod's actual requests of each scored resource, in order. */
    private long[] podAmounts(PodInfo pod) {
        return ScoredResource.podAmounts(scored, pod, false);
    }

    private long score(long[] podAmounts, NodeInfo node) {
        // The first two fractions are kept in locals (the default profile scores just cpu and memory), so a
        // node costs no array; more resources take a second pass that computes the same fractions again.
        int n = 0;
        double sum = 0;
        double f0 = 0;
        double f1 = 0;
        for (int k = 0; k < scored.length; k++) {
            double f = fraction(scored[k], podAmounts[k], node);
            if (Double.isNaN(f)) {
                continue;
            }
            if (n == 0) {
                f0 = f;
            } else if (n == 1) {
                f1 = f;
            }
            n++;
            sum += f;
        }
        double std = 0;
        if (n == 2) {
            std = Math.abs((f0 - f1) / 2);
        } else if (n > 2) {
            double mean = sum / n;
            double var = 0;
            for (int k = 0; k < scored.length; k++) {
                double f = fraction(scored[k], podAmounts[k], node);
                if (!Double.isNaN(f)) {
                    var += (f - mean) * (f - mean);
                }
            }
            std = Math.sqrt(var / n);
        }
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }

    /** requested / allocatable of {@code r} capped at 1, or NaN when the resource does not take part. */
    private static double fraction(ScoredResource r, long podRequest, NodeInfo node) {
        if (podRequest == 0 && r.scalar()) {
            return Double.NaN;
        }
        long alloc = r.allocatable(node);
        if (alloc == 0) {
            return Double.NaN;
        }
        double f = (double) (r.requested(node) + podRequest) / (double) alloc;
        return Math.min(f, 1.0);
    }
}
