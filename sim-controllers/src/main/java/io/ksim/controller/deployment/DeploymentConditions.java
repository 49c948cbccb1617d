package io.ksim.controller.deployment;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentCondition;
import io.ksim.api.apps.Deployment.DeploymentStatus;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.ConditionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment's status and conditions (upstream sync.go calculateStatus, progress.go and the condition
 * helpers of deployment_util.go). Setting a condition that has the same status and reason changes
 * nothing; a changed condition moves to the end of the list and keeps its lastTransitionTime while its
 * status stays the same, as upstream's SetDeploymentCondition.
 */
public final class DeploymentConditions {

    public static final String MSG_AVAILABLE = "Deployment has minimum availability.";
    public static final String MSG_UNAVAILABLE = "Deployment does not have minimum availability.";

    private DeploymentConditions() {
    }

    public static DeploymentCondition get(DeploymentStatus status, String type) {
        for (DeploymentCondition c : status.conditions()) {
            if (type.equals(c.type())) {
                return c;
            }
        }
        return null;
    }

    /** A condition stamped now (second precision, as metav1.Time). */
    public static DeploymentCondition newCondition(String type, String status, String reason, String message,
            Instant now) {
        Instant t = now.truncatedTo(ChronoUnit.SECONDS);
        return new DeploymentCondition(type, status, t, t, reason, message);
    }

    /** Upstream SetDeploymentCondition. */
    public static DeploymentStatus set(DeploymentStatus status, DeploymentCondition c) {
        DeploymentCondition current = get(status, c.type());
        if (current != null && Objects.equals(current.status(), c.status()) && Objects.equals(current.reason(), c.reason())) {
            return status;
        }
        if (current != null && Objects.equals(current.status(), c.status())) {
            c = new DeploymentCondition(c.type(), c.status(), c.lastUpdateTime(), current.lastTransitionTime(),
                    c.reason(), c.message());
        }
        List<DeploymentCondition> list = new ArrayList<>(status.conditions());
        String type = c.type();
        list.removeIf(x -> type.equals(x.type()));
        list.add(c);
        return withConditions(status, list);
    }

    public static DeploymentStatus remove(DeploymentStatus status, String type) {
        List<DeploymentCondition> list = new ArrayList<>(status.conditions());
        list.removeIf(x -> type.equals(x.type()));
        return withConditions(status, list);
    }

    static DeploymentStatus withConditions(DeploymentStatus s, List<DeploymentCondition> conditions) {
        return new DeploymentStatus(s.observedGeneration(), s.replicas(), s.updatedReplicas(), s.readyReplicas(),
                s.availableReplicas(), s.unavailableReplicas(), conditions, s.collisionCount());
    }

    static DeploymentStatus withCollisionCount(DeploymentStatus s, Integer collisionCount) {
        return new DeploymentStatus(s.observedGeneration(), s.replicas(), s.updatedReplicas(), s.readyReplicas(),
                s.availableReplicas(), s.unavailableReplicas(), s.conditions(), collisionCount);
    }

    /** Upstream calculateStatus: counts over the ReplicaSets and the Available condition. */
    public static DeploymentStatus calculateStatus(List<ReplicaSet> allRss, ReplicaSet newRs, Deployment d, Instant now) {
        List<ReplicaSet> all = allRss.stream().filter(Objects::nonNull).toList();
        int available = DeploymentUtil.availableReplicas(all);
        int unavailable = Math.max(0, DeploymentUtil.specReplicas(all) - available);
        DeploymentStatus status = new DeploymentStatus(d.metadata().generation(), nz(DeploymentUtil.actualReplicas(all)),
                nz(newRs == null ? 0 : newRs.status().replicas()), nz(DeploymentUtil.readyReplicas(all)), nz(available),
                nz(unavailable), d.status().conditions(), d.status().collisionCount());
        if (available >= DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d)) {
            return set(status, newCondition(DeploymentCondition.AVAILABLE, ConditionStatus.TRUE,
                    DeploymentCondition.REASON_MINIMUM_REPLICAS_AVAILABLE, MSG_AVAILABLE, now));
        }
        return set(status, newCondition(DeploymentCondition.AVAILABLE, ConditionStatus.FALSE,
                DeploymentCondition.REASON_MINIMUM_REPLICAS_UNAVAILABLE, MSG_UNAVAILABLE, now));
    }

    /** A deadline is set and is not "infinite" (MaxInt32). */
    public static boolean hasProgressDeadline(Deployment d) {
        Integer s = d.spec().progressDeadlineSeconds();
        return s != null && s != Integer.MAX_VALUE;
    }

    /** All replicas updated, present and available, and this generation observed (upstream DeploymentComplete). */
    public static boolean deploymentComplete(Deployment d, DeploymentStatus s) {
        int want = DeploymentUtil.replicas(d);
        return orZero(s.updatedReplicas()) == want && orZero(s.replicas()) == want
                && orZero(s.availableReplicas()) == want && orZero(s.observedGeneration()) >= orZero(d.metadata().generation());
    }

    /** Upstream DeploymentProgressing: more updated, fewer old, more ready or more available pods. */
    public static boolean deploymentProgressing(Deployment d, DeploymentStatus n) {
        DeploymentStatus o = d.status();
        int oldOld = orZero(o.replicas()) - orZero(o.updatedReplicas());
        int newOld = orZero(n.replicas()) - orZero(n.updatedReplicas());
        return orZero(n.updatedReplicas()) > orZero(o.updatedReplicas()) || newOld < oldOld
                || orZero(n.readyReplicas()) > orZero(o.readyReplicas())
                || orZero(n.availableReplicas()) > orZero(o.availableReplicas());
    }

    /** Upstream DeploymentTimedOut: the Progressing condition was last updated longer ago than the deadline. */
    public static boolean deploymentTimedOut(Deployment d, DeploymentStatus s, Instant now) {
        if (!hasProgressDeadline(d)) {
            return false;
        }
        DeploymentCondition c = get(s, DeploymentCondition.PROGRESSING);
        if (c == null || DeploymentCondition.REASON_NEW_RS_AVAILABLE.equals(c.reason())) {
            return false;
        }
        if (DeploymentCondition.REASON_TIMED_OUT.equals(c.reason())) {
            return true;
        }
        Instant from = c.lastUpdateTime();
        return from.plus(Duration.ofSeconds(d.spec().progressDeadlineSeconds())).isBefore(now);
    }

    /**
     * Upstream syncRolloutStatus's new status: calculateStatus, then the Progressing condition (complete,
     * progressing or timed out) and the ReplicaFailure condition copied from the ReplicaSets.
     */
    public static DeploymentStatus rolloutStatus(List<ReplicaSet> allRss, ReplicaSet newRs, Deployment d, Instant now) {
        DeploymentStatus s = calculateStatus(allRss, newRs, d, now);
        if (!hasProgressDeadline(d)) {
            s = remove(s, DeploymentCondition.PROGRESSING);
        }
        DeploymentCondition current = get(d.status(), DeploymentCondition.PROGRESSING);
        boolean complete = Objects.equals(s.replicas(), s.updatedReplicas()) && current != null
                && DeploymentCondition.REASON_NEW_RS_AVAILABLE.equals(current.reason());
        if (hasProgressDeadline(d) && !complete) {
            String subject = newRs != null ? "ReplicaSet \"" + newRs.metadata().name() + "\""
                    : "Deployment \"" + d.metadata().name() + "\"";
            if (deploymentComplete(d, s)) {
                s = set(s, newCondition(DeploymentCondition.PROGRESSING, ConditionStatus.TRUE,
                        DeploymentCondition.REASON_NEW_RS_AVAILABLE, subject + " has successfully progressed.", now));
            } else if (deploymentProgressing(d, s)) {
                DeploymentCondition c = newCondition(DeploymentCondition.PROGRESSING, ConditionStatus.TRUE,
                        DeploymentCondition.REASON_RS_UPDATED, subject + " is progressing.", now);
                if (current != null) {
                    if (ConditionStatus.TRUE.equals(current.status())) {
                        c = new DeploymentCondition(c.type(), c.status(), c.lastUpdateTime(),
                                current.lastTransitionTime(), c.reason(), c.message());
                    }
                    s = remove(s, DeploymentCondition.PROGRESSING);
                }
                s = set(s, c);
            } else if (deploymentTimedOut(d, s, now)) {
                s = set(s, newCondition(DeploymentCondition.PROGRESSING, ConditionStatus.FALSE,
                        DeploymentCondition.REASON_TIMED_OUT, subject + " has timed out progressing.", now));
            }
        }
        DeploymentCondition failure = replicaFailure(allRss, newRs, now);
        return failure != null ? set(s, failure) : remove(s, DeploymentCondition.REPLICA_FAILURE);
    }

    /** The ReplicaFailure condition of the new ReplicaSet, else of any ReplicaSet (upstream getReplicaFailures). */
    private static DeploymentCondition replicaFailure(List<ReplicaSet> allRss, ReplicaSet newRs, Instant now) {
        List<ReplicaSet> order = new ArrayList<>();
        if (newRs != null) {
            order.add(newRs);
        }
        allRss.stream().filter(rs -> rs != null && rs != newRs).forEach(order::add);
        for (ReplicaSet rs : order) {
            for (ReplicaSet.ReplicaSetCondition c : rs.status().conditions()) {
                if (ReplicaSet.ReplicaSetCondition.REPLICA_FAILURE.equals(c.type())) {
                    Instant t = c.lastTransitionTime() != null ? c.lastTransitionTime() : now.truncatedTo(ChronoUnit.SECONDS);
                    return new DeploymentCondition(DeploymentCondition.REPLICA_FAILURE, c.status(), t, t, c.reason(),
                            c.message());
                }
            }
        }
        return null;
    }

    static Integer nz(int i) {
        return i == 0 ? null : i;
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    static long orZero(Long l) {
        return l == null ? 0 : l;
    }
}
