package io.ksim.api.scheduling;

import io.ksim.api.core.PreemptionPolicy;

/**
 * Defaulting of scheduling.k8s.io/v1 objects, as upstream's SetDefaults_PriorityClass
 * (kubernetes pkg/apis/scheduling/v1/defaults.go). Idempotent.
 */
public final class SchedulingDefaults {

    private SchedulingDefaults() {
    }

    /** preemptionPolicy PreemptLowerPriority when unset. */
    public static PriorityClass priorityClass(PriorityClass pc) {
        return pc.preemptionPolicy() == null ? pc.withPreemptionPolicy(PreemptionPolicy.PREEMPT_LOWER_PRIORITY) : pc;
    }
}
