package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Resource;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a node has room for a pod's requests, and how full it would be (upstream noderesources Fit).
 *
 * <p>Filter: the pod count must stay within allocatable {@code pods} ("Too many pods"); each requested
 * resource must fit in allocatable minus what the node's pods request ("Insufficient cpu"). Every
 * shortfall is a reason of its own, in the order pods, cpu, memory, ephemeral-storage, then other
 * resources. Actual requests count here, not the scoring defaults.
 *
 * <p>Score: the {@link ScoringStrategy}'s formula per scored resource, weighted mean over the resources
 * with non-zero allocatable (integer division). cpu and memory use the non-zero requests (100m / 200Mi
 * for containers that state none); an extended resource the pod does not request is left out.
 */
public final class NodeResourcesFit implements FilterPlugin, ScorePlugin {

    public static final String NAME = "NodeResourcesFit";
    public static final String ERR_REASON_TOO_MANY_PODS = "Too many pods";

    private final ScoringStrategy strategy;
    /** The strategy's resources with their fields resolved, in the strategy's order. */
    private final ScoredResource[] scored;
    private final boolean mostAllocated;
    private final boolean requestedToCapacityRatio;

    public NodeResourcesFit() {
        this(ScoringStrategy.DEFAULT);
    }

    public NodeResourcesFit(ScoringStrategy strategy) {
        this.strategy = strategy;
        this.scored = ScoredResource.of(strategy.resources());
        this.mostAllocated = strategy.type().equals(ScoringStrategy.MOST_ALLOCATED);
        this.requestedToCapacityRatio = strategy.type().equals(ScoringStrategy.REQUESTED_TO_CAPACITY_RATIO);
    }

    @Override
    public String name() {
        return NAME;
    }

    public ScoringStrategy strategy() {
        return strategy;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.ASSIGNED_POD_DELETE, ClusterEvent.ASSIGNED_POD_UPDATE, ClusterEvent.NODE_ADD,
                ClusterEvent.NODE_UPDATE);
    }

    /** upstream's "Insufficient <resource>" reason. */
    public static String insufficient(String resource) {
        return "Insufficient " + resource;
    }

    /**
     * Checks the pods, cpu, memory and ephemeral-storage room of each node from the node's own fields with the
     * pod's requests read once; only a node that lacks room (or a pod with other resources) goes through
     * {@link #filter} for its reasons.
     */
    @Override
    public void filterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, Status[] verdicts) {
        Resource request = pod.requests();
        if (!request.scalar.isEmpty()) {
            FilterPlugin.super.filterAll(state, pod, nodes, from, to, verdicts);
            return;
        }
        long cpu = request.milliCpu;
        long memory = request.memory;
        long ephemeral = request.ephemeralStorage;
        for (int i = from; i < to; i++) {
            NodeInfo node = nodes[i];
            if (verdicts[i] == null && (node.podCount() + 1 > node.allowedPodNumber()
                    || cpu > 0 && cpu > node.allocatableMilliCpu() - node.requestedMilliCpu()
                    || memory > 0 && memory > node.allocatableMemory() - node.requestedMemory()
                    || ephemeral > 0 && ephemeral > node.allocatableEphemeralStorage() - node.requestedEphemeralStorage())) {
                verdicts[i] = verdict(state, pod, node);
            }
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> reasons = insufficientResources(pod.requests(), node);
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    /**
     * The reasons {@code request} does not fit {@code node}, in upstream's order; empty if it fits. The list
     * is made only when there is a reason: most nodes fit, and this runs on every node of every cycle.
     */
    public static List<String> insufficientResources(Resource request, NodeInfo node) {
        List<String> reasons = null;
        Resource alloc = node.allocatable();
        Resource used = node.requested();
        if (node.podCount() + 1 > alloc.allowedPodNumber) {
            reasons = add(reasons, ERR_REASON_TOO_MANY_PODS);
        }
        if (request.isZero()) {
            return reasons == null ? List.of() : reasons;
        }
        if (request.milliCpu > 0 && request.milliCpu > alloc.milliCpu - used.milliCpu) {
            reasons = add(reasons, insufficient(Resource.CPU));
        }
        if (request.memory > 0 && request.memory > alloc.memory - used.memory) {
            reasons = add(reasons, insufficient(Resource.MEMORY));
        }
        if (request.ephemeralStorage > 0 && request.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
            reasons = add(reasons, insufficient(Resource.EPHEMERAL_STORAGE));
        }
        if (!request.scalar.isEmpty()) {
            for (Map.Entry<String, Long> e : request.scalar.entrySet()) {
                long want = e.getValue();
                if (want > 0 && want > alloc.get(e.getKey()) - used.get(e.getKey())) {
                    reasons = add(reasons, insufficient(e.getKey()));
                }
            }
        }
        return reasons == null ? List.of() : reasons;
    }

    private static List<String> add(List<String> reasons, String reason) {
        List<String> out = reasons == null ? new ArrayList<>(2) : reasons;
        out.add(reason);
        return out;
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

    /** The pod's amount of each scored resource, in the strategy's order: non-zero requests for cpu and memory. */
    private long[] podAmounts(PodInfo pod) {
        return ScoredResource.podAmounts(scored, pod, true);
    }

    /**
     * The weighted mean of the per-resource scores. RequestedToCapacityRatio leaves out resources that score 0
     * (weight included) and rounds, as upstream's requested_to_capacity_ratio.go; the other strategies count
     * every resource with allocatable and truncate.
     */
    private long score(long[] podAmounts, NodeInfo node) {
        long sum = 0;
        long weights = 0;
        for (int k = 0; k < scored.length; k++) {
            ScoredResource r = scored[k];
            long podRequest = podAmounts[k];
            if (podRequest == 0 && r.scalar()) {
                continue;
            }
            long alloc = r.allocatable(node);
            if (alloc == 0) {
                continue;
            }
            long resourceScore = resourceScore(r.scoredRequested(node) + podRequest, alloc);
            if (requestedToCapacityRatio && resourceScore <= 0) {
                continue;
            }
            sum += resourceScore * r.weight();
            weights += r.weight();
        }
        if (weights == 0) {
            return 0;
        }
        if (requestedToCapacityRatio) {
            return Math.round((double) sum / (double) weights);
        }
        return sum / weights;
    }

    private long resourceScore(long requested, long alloc) {
        if (mostAllocated) {
            return ResourceScorers.mostRequested(requested, alloc);
        }
        if (requestedToCapacityRatio) {
            return ResourceScorers.requestedToCapacityRatio(requested, alloc, strategy.shape());
        }
        return ResourceScorers.leastRequested(requested, alloc);
    }
}
