package io.ksim.scheduler;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodStatus;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FitError;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PostFilterPlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import io.ksim.scheduler.plugins.DefaultPreemption;
import io.ksim.scheduler.queue.QueuedPodInfo;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One pod's scheduling and binding cycles (upstream schedule_one.go: scheduleOne, schedulingCycle,
 * bindingCycle, handleSchedulingFailure), on behalf of a {@link Scheduler}.
 */
final class SchedulingCycle {

    /** upstream's message in the Scheduled event: "Successfully assigned %s/%s to %s" (namespace, name, node). */
    static String scheduledMessage(String namespace, String name, String node) {
        // concatenation rather than String.format: this runs once per bound pod
        return "Successfully assigned " + namespace + "/" + name + " to " + node;
    }

    /** upstream validation.NoteLengthLimit: the longest event note the API server takes, in bytes. */
    static final int NOTE_LENGTH_LIMIT = 1024;

    /**
     * upstream truncateMessage: a note longer than {@link #NOTE_LENGTH_LIMIT} bytes keeps its first 1,020 bytes
     * and ends in " ...". Go cuts bytes; here a character that would be split is left out whole, which only
     * differs for non-ASCII text.
     */
    static String truncateMessage(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= NOTE_LENGTH_LIMIT) {
            return message;
        }
        String suffix = " ...";
        int keep = NOTE_LENGTH_LIMIT - suffix.length();
        // back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx)
        while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) {
            keep--;
        }
        return new String(bytes, 0, keep, StandardCharsets.UTF_8) + suffix;
    }

    /**
     * The nomination a failed attempt leaves (upstream NominatingInfo): null keeps the pod's nomination as it is
     * (ModeNoop), this value clears it (upstream's clearNominatedNode: ModeOverride with no node), any other
     * value nominates that node.
     */
    static final String CLEAR_NOMINATION = "";

    private final Scheduler s;

    SchedulingCycle(Scheduler scheduler) {
        this.s = scheduler;
    }

    void scheduleOne() {
        QueuedPodInfo q = s.queue.pop();
        if (q == null) {
            return;
        }
        long podCycle = s.queue.schedulingCycle();
        Pod latest = s.pods.indexer().get(q.podInfo().pod().metadata().namespace(), q.podInfo().pod().metadata().name());
        if (latest == null || latest.metadata().isBeingDeleted() || s.cache.isAssumed(q.key())
                || (latest.spec().nodeName() != null && !latest.spec().nodeName().isEmpty())) {
            // Deleted or bound meanwhile: nothing to do (upstream skipPodSchedule).
            s.queue.done(q.key());
            return;
        }
        PodInfo pod = s.podInfo(latest);
        Snapshot snapshot = s.snapshot();
        SchedulingAlgorithm.Result r = s.algorithm.schedule(pod, snapshot, s.kernel.nanos(), q.attempts());
        if (r.node() == null) {
            onUnschedulable(q, pod, r, snapshot, podCycle);
            return;
        }
        s.recordDecision(r.decision());
        String node = r.node();
        s.nominator.clear(pod.key());
        s.cache.assumePod(pod, node);
        CycleState state = r.state();
        Status st = s.framework.runReserve(state, pod, node);
        if (st.isSuccess()) {
            st = s.framework.runPermit(state, pod, node);
        }
        if (!st.isSuccess()) {
            s.framework.runUnreserve(state, pod, node);
            s.cache.forgetPod(pod.key());
            fail(q, pod, st, st.message(), CLEAR_NOMINATION, podCycle, Set.of(st.plugin()));
            return;
        }
        // upstream binds in a goroutine; here the binding cycle is the next event at the same instant
        s.kernel.scheduleNow(Scheduler.COMPONENT, () -> bindingCycle(q, pod, state, node, r, podCycle));
    }

    private void bindingCycle(QueuedPodInfo q, PodInfo pod, CycleState state, String node,
            SchedulingAlgorithm.Result r, long podCycle) {
        Status st = s.framework.runPreBind(state, pod, node);
        if (st.isSuccess()) {
            st = s.framework.runBind(state, pod, node);
        }
        if (!st.isSuccess()) {
            s.framework.runUnreserve(state, pod, node);
            s.cache.forgetPod(pod.key());
            String msg = "binding rejected: running Bind plugin \"" + st.plugin() + "\": " + st.message();
            // the forgotten assumption freed room: as upstream, treat it as an assigned pod's deletion
            s.moveAll(io.ksim.scheduler.framework.ClusterEvent.ASSIGNED_POD_DELETE);
            fail(q, pod, Status.error(msg), msg, CLEAR_NOMINATION, podCycle, Set.of());
            s.armCycle();
            return;
        }
        s.queue.done(q.key());
        Pod p = pod.pod();
        s.kernel.trace().record(Scheduler.COMPONENT, "Placed", pod.key(), "-> " + node + " (" + placementReason(r) + ")");
        s.recorder.normal(p, "Scheduled", scheduledMessage(p.metadata().namespace(), p.metadata().name(), node));
    }

    /** The trace's one-line reason: the winning score, and the first rejection if some node was rejected. */
    private static String placementReason(SchedulingAlgorithm.Result r) {
        String first = r.firstRejection();
        return first == null ? r.decision().message() : r.decision().message() + "; " + first;
    }

    private void onUnschedulable(QueuedPodInfo q, PodInfo pod, SchedulingAlgorithm.Result r, Snapshot snapshot,
            long podCycle) {
        if (r.fitError() == null) {
            s.recordDecision(r.decision());
            fail(q, pod, r.error(), r.error().message(), CLEAR_NOMINATION, podCycle, Set.of());
            return;
        }
        FitError fit = r.fitError();
        // without PostFilter plugins upstream clears the nomination; with them it takes what they decided
        String nominated = CLEAR_NOMINATION;
        if (s.framework.hasPostFilterPlugins()) {
            PostFilterPlugin.Result pf = s.framework.runPostFilter(r.state(), pod, snapshot, fit.nodeStatuses());
            nominated = pf.nominatedNodeName();
            fit = fit.withPostFilterMsg(pf.status().message());
        }
        String msg = fit.message();
        s.recordDecision(r.decision().withMessage(msg));
        fail(q, pod, Status.unschedulable(msg), msg, nominated, podCycle, fit.unschedulablePlugins());
    }

    /**
     * upstream handleSchedulingFailure: the FailedScheduling event, the pod back into the queue, its nomination
     * in the nominator, and the PodScheduled=False condition (Unschedulable, or SchedulerError for errors) with
     * status.nominatedNodeName; {@code nominated} as {@link #CLEAR_NOMINATION} says.
     */
    private void fail(QueuedPodInfo q, PodInfo pod, Status status, String msg, String nominated, long podCycle,
            Set<String> rejectors) {
        if (CLEAR_NOMINATION.equals(nominated)) {
            s.nominator.clear(pod.key());
        } else if (nominated != null) {
            s.nominator.nominate(pod, nominated);
        }
        String reason = status.isRejected() ? PodCondition.REASON_UNSCHEDULABLE : PodCondition.REASON_SCHEDULER_ERROR;
        // the event's note is cut to what the API server takes; the condition below keeps the whole message
        s.recorder.warning(pod.pod(), "FailedScheduling", truncateMessage(msg));
        q.setUnschedulablePlugins(rejectors);
        s.queue.addUnschedulable(q, podCycle, s.kernel.nanos());
        updatePodStatus(pod.pod(), reason, msg, nominated);
        s.armFlushes();
    }

    private void updatePodStatus(Pod pod, String reason, String msg, String nominated) {
        PodCondition cond = new PodCondition(PodConditionType.POD_SCHEDULED, ConditionStatus.FALSE, null, null, reason, msg);
        for (int attempt = 0; attempt < 5; attempt++) {
            Pod current;
            try {
                current = s.api.get(BuiltinResources.PODS, pod.metadata().namespace(), pod.metadata().name());
            } catch (ApiException gone) {
                return;
            }
            if (current.spec().nodeName() != null && !current.spec().nodeName().isEmpty()) {
                return;
            }
            PodStatus updated = PodConditions.updatePodCondition(current.status(), cond,
                    s.kernel.instant().truncatedTo(ChronoUnit.SECONDS));
            if (nominated != null) {
                // cleared is absent, as the empty string upstream writes is omitted
                updated = updated.toBuilder().nominatedNodeName(nominated.isEmpty() ? null : nominated).build();
            }
            if (Objects.equals(updated, current.status())) {
                return;
            }
            try {
                s.api.updateStatus(BuiltinResources.PODS, current.withStatus(updated));
                return;
            } catch (ApiException conflict) {
                if (conflict.code() != 409) {
                    return;
                }
            }
        }
    }

    /** What DefaultPreemption needs from this scheduler. */
    DefaultPreemption.Handle preemptionHandle() {
        return new DefaultPreemption.Handle() {
            @Override
            public Framework framework() {
                return s.framework;
            }

            @Override
            public SplittableRandom random() {
                return s.kernel.random(Scheduler.COMPONENT + "/preemption");
            }

            @Override
            public void evict(PodInfo victim, PodInfo preemptor, String node) {
                Pod v = victim.pod();
                PodCondition target = new PodCondition(PodConditionType.DISRUPTION_TARGET, ConditionStatus.TRUE, null,
                        null, PodCondition.REASON_PREEMPTION_BY_SCHEDULER,
                        Scheduler.SCHEDULER_NAME + ": preempting to accommodate a higher priority pod");
                try {
                    Pod current = s.api.get(BuiltinResources.PODS, v.metadata().namespace(), v.metadata().name());
                    s.api.updateStatus(BuiltinResources.PODS, current.withStatus(PodConditions.updatePodCondition(
                            current.status(), target, s.kernel.instant().truncatedTo(ChronoUnit.SECONDS))));
                    s.api.delete(BuiltinResources.PODS, v.metadata().namespace(), v.metadata().name(),
                            DeleteOptions.defaults());
                } catch (ApiException gone) {
                    return;
                }
                s.recorder.normal(v, "Preempted", "Preempted by pod " + preemptor.pod().metadata().uid() + " on node " + node);
            }

            @Override
            public java.util.List<PodInfo> nominatedPods(String node) {
                return s.nominator.nominatedTo(node);
            }

            @Override
            public java.util.List<io.ksim.api.policy.PodDisruptionBudget> podDisruptionBudgets() {
                return s.podDisruptionBudgets.indexer().list();
            }

            @Override
            public void clearLowerPriorityNominations(PodInfo preemptor, String node) {
                for (PodInfo p : s.nominator.nominatedTo(node)) {
                    if (p.priority() >= preemptor.priority() || p.key().equals(preemptor.key())) {
                        continue;
                    }
                    s.nominator.clear(p.key());
                    try {
                        Pod current = s.api.get(BuiltinResources.PODS, p.pod().metadata().namespace(),
                                p.pod().metadata().name());
                        s.api.updateStatus(BuiltinResources.PODS,
                                current.withStatus(current.status().toBuilder().nominatedNodeName(null).build()));
                    } catch (ApiException gone) {
                        // deleted or changed meanwhile: its next attempt sees the node as it is
                    }
                }
            }
        };
    }
}
