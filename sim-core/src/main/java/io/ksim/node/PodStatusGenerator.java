package io.ksim.node;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.RestartPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pure functions of a pod's container statuses: its phase (upstream kubelet_pods.go getPhase) and the
 * conditions the kubelet owns (pkg/kubelet/status/generate.go), in the order the kubelet writes them:
 * PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.
 */
final class PodStatusGenerator {

    static final String CONTAINERS_NOT_READY = "ContainersNotReady";
    static final String POD_COMPLETED = "PodCompleted";

    private PodStatusGenerator() {
    }

    /**
     * The phase: Pending while a container waits without ever having run; Running while one runs (or, under
     * Always/OnFailure, all are between restarts); Succeeded when all exited 0; Failed under Never when one
     * failed, or when a pod being deleted has stopped with a failure.
     */
    static String phase(String restartPolicy, List<ContainerStatus> statuses, boolean podIsTerminal) {
        int waiting = 0;
        int running = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerStatus s : statuses) {
            if (s.state().running() != null) {
                running++;
            } else if (s.state().terminated() != null) {
                stopped++;
                if (s.state().terminated().exitCode() == 0) {
                    succeeded++;
                }
            } else if (s.lastState().terminated() != null) {
                stopped++; // between restarts: counts as stopped, as upstream
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return PodPhase.PENDING;
        }
        if (running > 0) {
            return PodPhase.RUNNING;
        }
        if (stopped == 0) {
            return PodPhase.PENDING;
        }
        if (podIsTerminal) {
            return stopped == succeeded ? PodPhase.SUCCEEDED : PodPhase.FAILED;
        }
        if (RestartPolicy.ALWAYS.equals(restartPolicy)) {
            return PodPhase.RUNNING;
        }
        if (stopped == succeeded) {
            return PodPhase.SUCCEEDED;
        }
        return RestartPolicy.NEVER.equals(restartPolicy) ? PodPhase.FAILED : PodPhase.RUNNING;
    }

    /**
     * The kubelet's conditions for {@code statuses}; each keeps its lastTransitionTime from {@code previous}
     * when its status is unchanged. Conditions of other writers (e.g. DisruptionTarget) are kept after them.
     */
    static List<PodCondition> conditions(PodStatus previous, boolean sandboxReady, String phase,
            List<ContainerStatus> statuses, Instant now) {
        List<PodCondition> fresh = new ArrayList<>();
        fresh.add(new PodCondition(PodConditionType.POD_READY_TO_START_CONTAINERS, bool(sandboxReady), null, null,
                null, null));
        fresh.add(new PodCondition(PodConditionType.INITIALIZED, ConditionStatus.TRUE, null, null, null, null));
        PodCondition containersReady = containersReady(phase, statuses);
        fresh.add(new PodCondition(PodConditionType.READY, containersReady.status(), null, null,
                containersReady.reason(), containersReady.message()));
        fresh.add(containersReady);
        fresh.add(new PodCondition(PodConditionType.POD_SCHEDULED, ConditionStatus.TRUE, null, null, null, null));
        List<PodCondition> out = new ArrayList<>();
        for (PodCondition c : fresh) {
            PodCondition old = PodConditions.getPodCondition(previous, c.type());
            Instant transition = old != null && Objects.equals(old.status(), c.status())
                    && old.lastTransitionTime() != null ? old.lastTransitionTime() : now;
            out.add(new PodCondition(c.type(), c.status(), null, transition, c.reason(), c.message()));
        }
        for (PodCondition old : previous.conditions()) {
            if (PodConditions.indexOf(out, old.type()) < 0) {
                out.add(old);
            }
        }
        return out;
    }

    private static PodCondition containersReady(String phase, List<ContainerStatus> statuses) {
        List<String> unready = new ArrayList<>();
        for (ContainerStatus s : statuses) {
            if (!s.ready()) {
                unready.add(s.name());
            }
        }
        if (PodPhase.SUCCEEDED.equals(phase)) {
            return new PodCondition(PodConditionType.CONTAINERS_READY, ConditionStatus.FALSE, null, null,
                    POD_COMPLETED, null);
        }
        if (unready.isEmpty()) {
            return new PodCondition(PodConditionType.CONTAINERS_READY, ConditionStatus.TRUE, null, null, null, null);
        }
        return new PodCondition(PodConditionType.CONTAINERS_READY, ConditionStatus.FALSE, null, null,
                CONTAINERS_NOT_READY, "containers with unready status: [" + String.join(" ", unready) + "]");
    }

    private static String bool(boolean b) {
        return b ? ConditionStatus.TRUE : ConditionStatus.FALSE;
    }
}
