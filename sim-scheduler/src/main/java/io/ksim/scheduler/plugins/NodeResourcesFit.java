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

    public NodeResourcesFit() {
        this(ScoringStrategy.DEFAULT);
    }

    public NodeResourcesFit(ScoringStrategy strategy) {
        this.strategy = strategy;
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

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<String> reasons = insufficientResources(pod.requests(), node);
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    /** The reasons {@code request} does not fit {@code node}, in upstream's order; empty if it fits. */
    public static List<String> insufficientResources(Resource request, NodeInfo node) {
        List<String> reasons = new ArrayList<>(1);
        Resource alloc = node.allocatable();
        Resource used = node.requested();
        if (node.podCount() + 1 > alloc.allowedPodNumber) {
            reasons.add(ERR_REASON_TOO_MANY_PODS);
        }
        if (request.isZero()) {
            return reasons;
        }
        if (request.milliCpu > 0 && request.milliCpu > alloc.milliCpu - used.milliCpu) {
            reasons.add(insufficient(Resource.CPU));
        }
        if (request.memory > 0 && request.memory > alloc.memory - used.memory) {
            reasons.add(insufficient(Resource.MEMORY));
        }
        if (request.ephemeralStorage > 0 && request.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
            reasons.add(insufficient(Resource.EPHEMERAL_STORAGE));
        }
        for (Map.Entry<String, Long> e : request.scalar.entrySet()) {
            long want = e.getValue();
            if (want > 0 && want > alloc.get(e.getKey()) - used.get(e.getKey())) {
                reasons.add(insufficient(e.getKey()));
            }
        }
        return reasons;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        long weights = 0;
        for (ScoringStrategy.ResourceWeight rw : strategy.resources()) {
            String r = rw.name();
            long podRequest = isCpuOrMemory(r) ? pod.nonZeroRequests().get(r) : pod.requests().get(r);
            if (podRequest == 0 && isScalar(r)) {
                continue;
            }
            long alloc = node.allocatable().get(r);
            if (alloc == 0) {
                continue;
            }
            long requested = (isCpuOrMemory(r) ? node.nonZeroRequested().get(r) : node.requested().get(r))
                    + podRequest;
            sum += resourceScore(requested, alloc) * rw.weight();
            weights += rw.weight();
        }
        if (weights == 0) {
            return 0;
        }
        if (strategy.type().equals(ScoringStrategy.REQUESTED_TO_CAPACITY_RATIO)) {
            return Math.round((double) sum / (double) weights);
        }
        return sum / weights;
    }

    private long resourceScore(long requested, long alloc) {
        return switch (strategy.type()) {
            case ScoringStrategy.MOST_ALLOCATED -> ResourceScorers.mostRequested(requested, alloc);
            case ScoringStrategy.REQUESTED_TO_CAPACITY_RATIO ->
                    ResourceScorers.requestedToCapacityRatio(requested, alloc, strategy.shape());
            default -> ResourceScorers.leastRequested(requested, alloc);
        };
    }

    static boolean isCpuOrMemory(String r) {
        return r.equals(Resource.CPU) || r.equals(Resource.MEMORY);
    }

    static boolean isScalar(String r) {
        return !isCpuOrMemory(r) && !r.equals(Resource.EPHEMERAL_STORAGE) && !r.equals(Resource.PODS);
    }
}
