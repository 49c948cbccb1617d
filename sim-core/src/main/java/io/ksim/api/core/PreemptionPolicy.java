package io.ksim.api.core;

/** Values of a pod's (and PriorityClass's) {@code preemptionPolicy} (core/v1 PreemptionPolicy). */
public final class PreemptionPolicy {

    public static final String PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";
    public static final String NEVER = "Never";

    private PreemptionPolicy() {
    }
}
