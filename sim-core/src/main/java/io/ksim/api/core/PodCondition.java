package io.ksim.api.core;

import java.time.Instant;

/**
 * One condition of a pod (core/v1 PodCondition); types in {@link PodConditionType}, statuses in
 * {@link ConditionStatus}.
 */
public record PodCondition(String type, String status, Instant lastProbeTime, Instant lastTransitionTime,
        String reason, String message) {

    /** Reason of PodScheduled=False: no node fits the pod. */
    public static final String REASON_UNSCHEDULABLE = "Unschedulable";
    /** Reason of PodScheduled=False: the pod has scheduling gates. */
    public static final String REASON_SCHEDULING_GATED = "SchedulingGated";
    /** Reason of PodScheduled=False: the scheduler failed internally. */
    public static final String REASON_SCHEDULER_ERROR = "SchedulerError";
    /** Reason of DisruptionTarget=True: the kubelet terminates the pod (node pressure or shutdown). */
    public static final String REASON_TERMINATION_BY_KUBELET = "TerminationByKubelet";
    /** Reason of DisruptionTarget=True: the scheduler preempts the pod. */
    public static final String REASON_PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";

    /** A condition with a type, a status and a transition time. */
    public static PodCondition of(String type, String status, Instant lastTransitionTime) {
        return new PodCondition(type, status, null, lastTransitionTime, null, null);
    }

    public boolean isTrue() {
        return ConditionStatus.TRUE.equals(status);
    }
}
