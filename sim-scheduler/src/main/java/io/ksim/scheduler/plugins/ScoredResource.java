package io.ksim.scheduler.plugins;

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
}
