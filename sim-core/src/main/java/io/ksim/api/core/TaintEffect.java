package io.ksim.api.core;

/** Effects of node taints, and of tolerations (core/v1 TaintEffect). */
public final class TaintEffect {

    /** New pods that do not tolerate the taint are not scheduled onto the node. */
    public static final String NO_SCHEDULE = "NoSchedule";
    /** The scheduler avoids the node for pods that do not tolerate it. */
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    /** Pods that do not tolerate the taint are also evicted. */
    public static final String NO_EXECUTE = "NoExecute";

    private TaintEffect() {
    }
}
