package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Resource;
import java.util.List;

/**
 * A resource a scoring plugin weighs, with its {@link Resource} field resolved once: NodeResourcesFit and
 * NodeResourcesBalancedAllocation read the same one or two resources on every feasible node of every
 * cycle, and matching the name each time was a visible part of their cost.
 *
 * @param name   the resource name, e.g. {@code cpu}
 * @param field  {@link Resource#fieldOf(String)} of the name
 * @param weight its weight in the strategy
 */
record ScoredResource(String name, int field, long weight) {

    static ScoredResource[] of(List<ScoringStrategy.ResourceWeight> resources) {
        ScoredResource[] out = new ScoredResource[resources.size()];
        for (int i = 0; i < out.length; i++) {
            ScoringStrategy.ResourceWeight rw = resources.get(i);
            out[i] = new ScoredResource(rw.name(), Resource.fieldOf(rw.name()), rw.weight());
        }
        return out;
    }

    /**
     * The pod's amount of each of {@code scored}, in order, read once per cycle rather than once per node:
     * its requests, or for cpu and memory its non-zero requests when {@code nonZeroCpuAndMemory}.
     */
    static long[] podAmounts(ScoredResource[] scored, PodInfo pod, boolean nonZeroCpuAndMemory) {
        long[] out = new long[scored.length];
        for (int k = 0; k < scored.length; k++) {
            ScoredResource r = scored[k];
            out[k] = r.get(nonZeroCpuAndMemory && r.cpuOrMemory() ? pod.nonZeroRequests() : pod.requests());
        }
        return out;
    }

    /** cpu and memory: scored with the non-zero requests (upstream's defaults for containers stating none). */
    boolean cpuOrMemory() {
        return field == Resource.CPU_FIELD || field == Resource.MEMORY_FIELD;
    }

    /** An extended resource or hugepages: left out of scoring when the pod does not request it. */
    boolean scalar() {
        return field == Resource.SCALAR_FIELD;
    }

    long get(Resource r) {
        return r.get(field, name);
    }

    /** The node's allocatable amount of this resource. */
    long allocatable(NodeInfo node) {
        return node.allocatable(field, name);
    }

    /** What the node's pods request of this resource: their non-zero requests for cpu and memory. */
    long scoredRequested(NodeInfo node) {
        return cpuOrMemory() ? node.nonZeroRequested(field, name) : node.requested(field, name);
    }

    /** What the node's pods actually request of this resource. */
    long requested(NodeInfo node) {
        return node.requested(field, name);
    }
}
