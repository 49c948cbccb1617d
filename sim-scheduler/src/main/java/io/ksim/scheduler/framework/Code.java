package io.ksim.scheduler.framework;

/**
 * The outcome code of a plugin call (upstream framework.Code). The difference between the two rejections
 * matters to preemption: a node rejected as {@link #UNSCHEDULABLE_AND_UNRESOLVABLE} cannot be fixed by
 * evicting pods, so DefaultPreemption does not even try it.
 */
public enum Code {
    /** The plugin ran and the pod may proceed. */
    SUCCESS("Success"),
    /** An internal error: the pod is retried with backoff, not marked unschedulable. */
    ERROR("Error"),
    /** The node does not fit now, but evicting pods might make it fit. */
    UNSCHEDULABLE("Unschedulable"),
    /** The node cannot fit this pod whatever is evicted (a label, a taint, a node name). */
    UNSCHEDULABLE_AND_UNRESOLVABLE("UnschedulableAndUnresolvable"),
    /** Permit: the pod waits (ksim's profile has no waiting permit plugin). */
    WAIT("Wait"),
    /** PreFilter/PreScore: the plugin has nothing to do for this pod; its Filter/Score is not called. */
    SKIP("Skip"),
    /** PreEnqueue: the pod is not yet ready to be scheduled. */
    PENDING("Pending");

    private final String upstreamName;

    Code(String upstreamName) {
        this.upstreamName = upstreamName;
    }

    /** The name upstream prints for this code. */
    public String upstreamName() {
        return upstreamName;
    }
}
