package io.ksim.controller.replicaset;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetCondition;
import io.ksim.api.apps.ReplicaSet.ReplicaSetStatus;
import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.selector.LabelSelector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ReplicaSet's status from its active pods (upstream calculateStatus in replica_set_utils.go):
 * replicas, fullyLabeledReplicas (pods carrying every template label), readyReplicas, availableReplicas
 * (ready for longer than minReadySeconds), observedGeneration, and the ReplicaFailure condition while
 * creating or deleting pods fails. Zero counts are left out (null), as Go's omitempty leaves them out.
 */
public final class ReplicaSetStatuses {

    public static final String FAILED_CREATE = "FailedCreate";
    public static final String FAILED_DELETE = "FailedDelete";

    private ReplicaSetStatuses() {
    }

    /** The status for {@code pods} (the ReplicaSet's claimed active pods) at {@code now}. */
    public static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> pods, RuntimeException manageError, Instant now) {
        LabelSelector templateLabels = LabelSelector.fromSet(rs.spec().template().metadata().labels());
        int minReadySeconds = rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : pods) {
            if (templateLabels.matches(pod.metadata().labels())) {
                fullyLabeled++;
            }
            if (PodConditions.isPodReady(pod)) {
                ready++;
                if (PodConditions.isPodAvailable(pod, minReadySeconds, now)) {
                    available++;
                }
            }
        }
        List<ReplicaSetCondition> conditions = new ArrayList<>(rs.status().conditions());
        ReplicaSetCondition failure = condition(rs.status(), ReplicaSetCondition.REPLICA_FAILURE);
        if (manageError != null && failure == null) {
            int diff = pods.size() - replicas(rs);
            String reason = diff < 0 ? FAILED_CREATE : diff > 0 ? FAILED_DELETE : "";
            conditions.add(new ReplicaSetCondition(ReplicaSetCondition.REPLICA_FAILURE, ConditionStatus.TRUE,
                    now.truncatedTo(ChronoUnit.SECONDS), reason, manageError.getMessage()));
        } else if (manageError == null && failure != null) {
            conditions.removeIf(c -> ReplicaSetCondition.REPLICA_FAILURE.equals(c.type()));
        }
        return new ReplicaSetStatus(pods.size(), nz(fullyLabeled), nz(ready), nz(available),
                rs.metadata().generation(), conditions);
    }

    /** Whether {@code status} differs from what the ReplicaSet shows (upstream's update guard). */
    public static boolean differs(ReplicaSet rs, ReplicaSetStatus status) {
        ReplicaSetStatus s = rs.status();
        return s.replicas() != status.replicas() || !Objects.equals(s.fullyLabeledReplicas(), status.fullyLabeledReplicas())
                || !Objects.equals(s.readyReplicas(), status.readyReplicas())
                || !Objects.equals(s.availableReplicas(), status.availableReplicas())
                || !Objects.equals(s.observedGeneration(), rs.metadata().generation())
                || !s.conditions().equals(status.conditions());
    }

    public static ReplicaSetCondition condition(ReplicaSetStatus status, String type) {
        for (ReplicaSetCondition c : status.conditions()) {
            if (type.equals(c.type())) {
                return c;
            }
        }
        return null;
    }

    public static int replicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    public static int readyReplicas(ReplicaSet rs) {
        return orZero(rs.status().readyReplicas());
    }

    public static int availableReplicas(ReplicaSet rs) {
        return orZero(rs.status().availableReplicas());
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    static Integer nz(int i) {
        return i == 0 ? null : i;
    }
}
