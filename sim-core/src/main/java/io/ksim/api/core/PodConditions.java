package io.ksim.api.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pod helpers the controllers use, as upstream's pkg/api/v1/pod: readiness, availability, terminal
 * phases and condition lookup and update. Conditions are immutable, so updates return a new status.
 */
public final class PodConditions {

    private PodConditions() {
    }

    /** Whether the pod's Ready condition is True (upstream IsPodReady). */
    public static boolean isPodReady(Pod pod) {
        return isPodReadyConditionTrue(pod.status());
    }

    /** Whether the status's Ready condition is True (upstream IsPodReadyConditionTrue). */
    public static boolean isPodReadyConditionTrue(PodStatus status) {
        PodCondition c = getPodReadyCondition(status);
        return c != null && ConditionStatus.TRUE.equals(c.status());
    }

    /** Whether the status's ContainersReady condition is True (upstream IsContainersReadyConditionTrue). */
    public static boolean isContainersReadyConditionTrue(PodStatus status) {
        PodCondition c = getPodCondition(status, PodConditionType.CONTAINERS_READY);
        return c != null && ConditionStatus.TRUE.equals(c.status());
    }

    /**
     * Whether the pod has been Ready for at least {@code minReadySeconds} at {@code now} (upstream
     * IsPodAvailable): with minReadySeconds 0 a Ready pod is available at once; otherwise the Ready
     * condition's transition time plus minReadySeconds must be strictly before now.
     */
    public static boolean isPodAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isPodReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        Instant since = getPodReadyCondition(pod.status()).lastTransitionTime();
        return since != null && since.plus(Duration.ofSeconds(minReadySeconds)).isBefore(now);
    }

    /** Whether the pod is Succeeded or Failed (upstream IsPodTerminal). */
    public static boolean isPodTerminal(Pod pod) {
        return PodPhase.isTerminal(pod.status().phase());
    }

    /** The Ready condition, or null (upstream GetPodReadyCondition). */
    public static PodCondition getPodReadyCondition(PodStatus status) {
        return getPodCondition(status, PodConditionType.READY);
    }

    /** The first condition of {@code type}, or null (upstream GetPodCondition). */
    public static PodCondition getPodCondition(PodStatus status, String type) {
        if (status == null) {
            return null;
        }
        int i = indexOf(status.conditions(), type);
        return i < 0 ? null : status.conditions().get(i);
    }

    /** The index of the first condition of {@code type}, or -1 (upstream GetPodConditionFromList). */
    public static int indexOf(List<PodCondition> conditions, String type) {
        for (int i = 0; i < conditions.size(); i++) {
            if (Objects.equals(conditions.get(i).type(), type)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The status with {@code condition} added or replacing the one of its type (upstream
     * UpdatePodCondition): its lastTransitionTime is {@code now}, or the old condition's when the status
     * did not change. The result equals {@code status} exactly when upstream reports no change.
     */
    public static PodStatus updatePodCondition(PodStatus status, PodCondition condition, Instant now) {
        List<PodCondition> conditions = new ArrayList<>(status.conditions());
        int i = indexOf(conditions, condition.type());
        if (i < 0) {
            conditions.add(withTransition(condition, now));
            return status.withConditions(conditions);
        }
        PodCondition old = conditions.get(i);
        Instant transition = Objects.equals(condition.status(), old.status()) ? old.lastTransitionTime() : now;
        conditions.set(i, withTransition(condition, transition));
        return status.withConditions(conditions);
    }

    /** Whether an init container is a sidecar, i.e. has restartPolicy Always (upstream IsRestartableInitContainer). */
    public static boolean isRestartableInitContainer(Container initContainer) {
        return initContainer != null && initContainer.isRestartable();
    }

    private static PodCondition withTransition(PodCondition c, Instant t) {
        return new PodCondition(c.type(), c.status(), c.lastProbeTime(), t, c.reason(), c.message());
    }
}
