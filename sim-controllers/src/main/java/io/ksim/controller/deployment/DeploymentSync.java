package io.ksim.controller.deployment;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentCondition;
import io.ksim.api.apps.Deployment.DeploymentStatus;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One sync of one Deployment (upstream syncDeployment and what it calls), holding the Deployment as the
 * sync last wrote it. Not reused across syncs.
 */
final class DeploymentSync {

    private final DeploymentController c;
    private final Rollout rollout;
    private Deployment d;

    DeploymentSync(DeploymentController controller, Deployment d) {
        this.c = controller;
        this.d = d;
        this.rollout = new Rollout(controller::scaleReplicaSet);
    }

    ReconcileResult run(List<ReplicaSet> rsList) {
        if (d.metadata().isBeingDeleted()) {
            return syncStatusOnly(rsList);
        }
        checkPausedConditions();
        if (Boolean.TRUE.equals(d.spec().paused()) || isScalingEvent(rsList)) {
            return sync(rsList);
        }
        if (Apps.RECREATE.equals(d.spec().strategy().type())) {
            return rolloutRecreate(rsList);
        }
        return rolloutRolling(rsList);
    }

    private ReconcileResult syncStatusOnly(List<ReplicaSet> rsList) {
        NewAndOld all = getAllReplicaSetsAndSyncRevision(rsList, false);
        return syncDeploymentStatus(all);
    }

    /** Paused or resized: scale proportionally, clean up history if paused, write the status. */
    private ReconcileResult sync(List<ReplicaSet> rsList) {
        NewAndOld all = getAllReplicaSetsAndSyncRevision(rsList, false);
        rollout.scale(d, all.newRs, all.old);
        if (Boolean.TRUE.equals(d.spec().paused())) {
            cleanupDeployment(all.old);
        }
        return syncDeploymentStatus(all);
    }

    private ReconcileResult syncDeploymentStatus(NewAndOld all) {
        DeploymentStatus status = DeploymentConditions.calculateStatus(all.all(), all.newRs, d, c.kernel().instant());
        if (!status.equals(d.status())) {
            writeStatus(status);
        }
        return ReconcileResult.done();
    }

    private boolean isScalingEvent(List<ReplicaSet> rsList) {
        NewAndOld all = getAllReplicaSetsAndSyncRevision(rsList, false);
        for (ReplicaSet rs : DeploymentUtil.active(all.all())) {
            Integer desired = DeploymentUtil.intAnnotation(rs, DeploymentUtil.DESIRED_REPLICAS_ANNOTATION);
            if (desired != null && desired != DeploymentUtil.replicas(d)) {
                return true;
            }
        }
        return false;
    }

    private void checkPausedConditions() {
        if (!DeploymentConditions.hasProgressDeadline(d)) {
            return;
        }
        DeploymentCondition cond = DeploymentConditions.get(d.status(), DeploymentCondition.PROGRESSING);
        if (cond != null && DeploymentCondition.REASON_TIMED_OUT.equals(cond.reason())) {
            return;
        }
        boolean pausedCondExists = cond != null && DeploymentCondition.REASON_PAUSED.equals(cond.reason());
        boolean paused = Boolean.TRUE.equals(d.spec().paused());
        if (paused && !pausedCondExists) {
            writeStatus(DeploymentConditions.set(d.status(), c.progressing(ConditionStatus.UNKNOWN,
                    DeploymentCondition.REASON_PAUSED, "Deployment is paused")));
        } else if (!paused && pausedCondExists) {
            writeStatus(DeploymentConditions.set(d.status(), c.progressing(ConditionStatus.UNKNOWN,
                    DeploymentCondition.REASON_RESUMED, "Deployment is resumed")));
        }
    }

    private ReconcileResult rolloutRolling(List<ReplicaSet> rsList) {
        NewAndOld all = getAllReplicaSetsAndSyncRevision(rsList, true);
        if (all.newRs == null) {
            return ReconcileResult.done();
        }
        if (rollout.reconcileNewReplicaSet(all.all(), all.newRs, d)) {
            return syncRolloutStatus(all);
        }
        if (rollout.reconcileOldReplicaSets(all.all(), DeploymentUtil.active(all.old), all.newRs, d)) {
            return syncRolloutStatus(all);
        }
        if (DeploymentConditions.deploymentComplete(d, d.status())) {
            cleanupDeployment(all.old);
        }
        return syncRolloutStatus(all);
    }

    private ReconcileResult rolloutRecreate(List<ReplicaSet> rsList) {
        NewAndOld all = getAllReplicaSetsAndSyncRevision(rsList, false);
        if (rollout.scaleDownOldReplicaSetsForRecreate(DeploymentUtil.active(all.old), d)) {
            return syncRolloutStatus(all);
        }
        if (oldPodsRunning(all, rsList)) {
            return syncRolloutStatus(all);
        }
        if (all.newRs == null) {
            all = getAllReplicaSetsAndSyncRevision(rsList, true);
            if (all.newRs == null) {
                return ReconcileResult.done();
            }
        }
        rollout.scaleIfNeeded(all.newRs, DeploymentUtil.newRSNewReplicas(d, all.all(), all.newRs), d);
        if (DeploymentConditions.deploymentComplete(d, d.status())) {
            cleanupDeployment(all.old);
        }
        return syncRolloutStatus(all);
    }

    /** Old ReplicaSets still report pods, or pods of them are not yet Succeeded or Failed (upstream oldPodsRunning). */
    private boolean oldPodsRunning(NewAndOld all, List<ReplicaSet> rsList) {
        if (DeploymentUtil.actualReplicas(all.old) > 0) {
            return true;
        }
        for (Pod p : c.podsOf(rsList, d)) {
            if (all.newRs != null && all.newRs.metadata().uid().equals(p.metadata().controllerRef().uid())) {
                continue;
            }
            String phase = p.status().phase();
            if (!PodPhase.SUCCEEDED.equals(phase) && !PodPhase.FAILED.equals(phase)) {
                return true;
            }
        }
        return false;
    }

    private void cleanupDeployment(List<ReplicaSet> old) {
        for (ReplicaSet rs : Rollout.replicaSetsToCleanUp(old, d)) {
            c.deleteReplicaSet(rs);
        }
    }

    private ReconcileResult syncRolloutStatus(NewAndOld all) {
        DeploymentStatus status = DeploymentConditions.rolloutStatus(all.all(), all.newRs, d, c.kernel().instant());
        if (status.equals(d.status())) {
            // A rollout that may still miss its deadline is looked at again when the deadline passes.
            Duration after = c.requeueDelay(d, status);
            if (after == null) {
                return ReconcileResult.done();
            }
            if (after.isZero()) {
                c.requeueRateLimited(d);
                return ReconcileResult.done();
            }
            return ReconcileResult.requeueAfter(after);
        }
        writeStatus(status);
        return ReconcileResult.done();
    }

    // ---- the new ReplicaSet (upstream getAllReplicaSetsAndSyncRevision / getNewReplicaSet) ------------

    /** The new ReplicaSet (possibly null) and all the others. */
    record NewAndOld(ReplicaSet newRs, List<ReplicaSet> old) {
        List<ReplicaSet> all() {
            List<ReplicaSet> out = new ArrayList<>(old);
            if (newRs != null) {
                out.add(newRs);
            }
            return out;
        }
    }

    private NewAndOld getAllReplicaSetsAndSyncRevision(List<ReplicaSet> rsList, boolean createIfNotExisted) {
        List<ReplicaSet> old = DeploymentUtil.findOldReplicaSets(d, rsList);
        return new NewAndOld(getNewReplicaSet(rsList, old, createIfNotExisted), old);
    }

    private ReplicaSet getNewReplicaSet(List<ReplicaSet> rsList, List<ReplicaSet> old, boolean create) {
        ReplicaSet existing = DeploymentUtil.findNewReplicaSet(d, rsList);
        long newRevision = DeploymentUtil.maxRevision(old) + 1;
        if (existing != null) {
            Map<String, String> annotations = DeploymentUtil.newReplicaSetAnnotations(d, existing, newRevision, true);
            Integer minReady = d.spec().minReadySeconds();
            boolean minReadyChanged = !Objects.equals(orZero(existing.spec().minReadySeconds()), orZero(minReady));
            if (annotations != null || minReadyChanged) {
                ReplicaSet changed = existing;
                if (annotations != null) {
                    changed = changed.withMetadata(changed.metadata().withAnnotations(annotations));
                }
                ReplicaSetSpec s = changed.spec();
                changed = changed.withSpec(new ReplicaSetSpec(s.replicas(), minReady, s.selector(), s.template()));
                return c.api().update(BuiltinResources.REPLICA_SETS, changed);
            }
            boolean needsUpdate = setDeploymentRevision(existing.metadata().annotations()
                    .get(DeploymentUtil.REVISION_ANNOTATION));
            DeploymentStatus status = d.status();
            if (DeploymentConditions.hasProgressDeadline(d)
                    && DeploymentConditions.get(status, DeploymentCondition.PROGRESSING) == null) {
                status = DeploymentConditions.set(status, c.progressing(ConditionStatus.TRUE,
                        DeploymentCondition.REASON_FOUND_NEW_RS, "Found new replica set \"" + existing.metadata().name() + "\""));
                needsUpdate = true;
            }
            if (needsUpdate) {
                writeStatus(status);
            }
            return existing;
        }
        if (!create) {
            return null;
        }
        return createNewReplicaSet(old, newRevision);
    }

    private ReplicaSet createNewReplicaSet(List<ReplicaSet> old, long newRevision) {
        String hash = DeploymentUtil.podTemplateHash(d);
        PodTemplateSpec template = d.spec().template();
        TreeMap<String, String> labels = new TreeMap<>(template.metadata().labels());
        labels.put(DeploymentUtil.POD_TEMPLATE_HASH_LABEL, hash);
        template = template.withMetadata(template.metadata().withLabels(labels));
        LabelSelector sel = d.spec().selector();
        TreeMap<String, String> matchLabels = new TreeMap<>(sel.matchLabels());
        matchLabels.put(DeploymentUtil.POD_TEMPLATE_HASH_LABEL, hash);
        String name = d.metadata().name() + "-" + hash;
        ReplicaSet newRs = new ReplicaSet(ObjectMeta.builder().name(name).namespace(d.metadata().namespace())
                .labels(labels).ownerReferences(List.of(ControllerUtils.controllerRef(d))).build(),
                new ReplicaSetSpec(0, d.spec().minReadySeconds(), new LabelSelector(matchLabels, sel.matchExpressions()),
                        template));
        List<ReplicaSet> all = new ArrayList<>(old);
        all.add(newRs);
        int replicas = DeploymentUtil.newRSNewReplicas(d, all, newRs);
        newRs = newRs.withSpec(newRs.spec().withReplicas(replicas));
        Map<String, String> annotations = DeploymentUtil.newReplicaSetAnnotations(d, newRs, newRevision, false);
        if (annotations != null) {
            newRs = newRs.withMetadata(newRs.metadata().withAnnotations(annotations));
        }
        ReplicaSet created;
        boolean alreadyExists = false;
        try {
            created = c.api().create(BuiltinResources.REPLICA_SETS, d.metadata().namespace(), newRs);
        } catch (ApiException e) {
            if (e.code() == 409 && "AlreadyExists".equals(e.status().reason())) {
                ReplicaSet found = c.api().get(BuiltinResources.REPLICA_SETS, d.metadata().namespace(), name);
                if (ControllerUtils.isControlledBy(found, d.metadata().uid())
                        && DeploymentUtil.equalIgnoreHash(d.spec().template(), found.spec().template())) {
                    created = found;
                    alreadyExists = true;
                } else {
                    // A hash collision: count it, so the next hash differs, and try again.
                    Integer count = d.status().collisionCount();
                    writeStatus(DeploymentConditions.withCollisionCount(d.status(), count == null ? 1 : count + 1));
                    throw e;
                }
            } else {
                String msg = "Failed to create new replica set \"" + name + "\": " + e.getMessage();
                if (DeploymentConditions.hasProgressDeadline(d)) {
                    writeStatus(DeploymentConditions.set(d.status(), c.progressing(ConditionStatus.FALSE,
                            DeploymentCondition.REASON_FAILED_RS_CREATE, msg)));
                }
                c.recorder.warning(d, DeploymentCondition.REASON_FAILED_RS_CREATE, msg);
                throw e;
            }
        }
        if (!alreadyExists && replicas > 0) {
            c.recorder.normal(d, DeploymentController.SCALING_REPLICA_SET,
                    "Scaled up replica set " + created.metadata().name() + " from 0 to " + replicas);
        }
        boolean needsUpdate = setDeploymentRevision(Long.toString(newRevision));
        DeploymentStatus status = d.status();
        if (!alreadyExists && DeploymentConditions.hasProgressDeadline(d)) {
            status = DeploymentConditions.set(status, c.progressing(ConditionStatus.TRUE,
                    DeploymentCondition.REASON_NEW_REPLICA_SET, "Created new replica set \"" + created.metadata().name() + "\""));
            needsUpdate = true;
        }
        if (needsUpdate) {
            writeStatus(status);
        }
        return created;
    }

    /** Puts the revision annotation on the Deployment (written with the next status); true if it changed. */
    private boolean setDeploymentRevision(String revision) {
        if (revision == null || revision.equals(d.metadata().annotations().get(DeploymentUtil.REVISION_ANNOTATION))) {
            return false;
        }
        TreeMap<String, String> a = new TreeMap<>(d.metadata().annotations());
        a.put(DeploymentUtil.REVISION_ANNOTATION, revision);
        d = d.withMetadata(d.metadata().withAnnotations(a));
        return true;
    }

    /** Writes {@code status} (with the Deployment's annotations) and keeps the result. */
    void writeStatus(DeploymentStatus status) {
        d = c.api().updateStatus(BuiltinResources.DEPLOYMENTS, d.withStatus(status));
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
