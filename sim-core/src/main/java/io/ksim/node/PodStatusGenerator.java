package io.ksim.node;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Container;
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
    static final String CONTAINERS_NOT_INITIALIZED = "ContainersNotInitialized";
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
        return conditions(previous, sandboxReady, phase, List.of(), List.of(), statuses, now);
    }

    /**
     * The same for a pod with init containers: {@code initSpecs} and their statuses {@code initStatuses}
     * (in spec order) decide Initialized, and its sidecars count for ContainersReady.
     */
    static List<PodCondition> conditions(PodStatus previous, boolean sandboxReady, String phase,
            List<Container> initSpecs, List<ContainerStatus> initStatuses, List<ContainerStatus> statuses,
            Instant now) {
        List<PodCondition> fresh = new ArrayList<>();
        fresh.add(new PodCondition(PodConditionType.POD_READY_TO_START_CONTAINERS, bool(sandboxReady), null, null,
                null, null));
        fresh.add(initialized(phase, initSpecs, initStatuses, statuses));
        List<ContainerStatus> readiness = new ArrayList<>();
        for (int i = 0; i < initSpecs.size(); i++) {
            if (initSpecs.get(i).isRestartable()) {
                readiness.add(initStatuses.get(i)); // sidecars count for readiness, before the app containers
            }
        }
        readiness.addAll(statuses);
        PodCondition containersReady = containersReady(phase, readiness);
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

    /**
     * Upstream's GeneratePodInitializedCondition: True once every init container completed (exit 0) and every
     * sidecar started, or once any app container has run; else False, ContainersNotInitialized,
     * "containers with incomplete status: [a b]".
     */
    static PodCondition initialized(String phase, List<Container> initSpecs, List<ContainerStatus> initStatuses,
            List<ContainerStatus> statuses) {
        List<String> incomplete = new ArrayList<>();
        for (int i = 0; i < initSpecs.size(); i++) {
            ContainerStatus s = initStatuses.get(i);
            boolean done = initSpecs.get(i).isRestartable() ? Boolean.TRUE.equals(s.started())
                    : s.state().terminated() != null && s.state().terminated().exitCode() == 0;
            if (!done) {
                incomplete.add(initSpecs.get(i).name());
            }
        }
        if (incomplete.isEmpty() && PodPhase.SUCCEEDED.equals(phase)) {
            return new PodCondition(PodConditionType.INITIALIZED, ConditionStatus.TRUE, null, null, POD_COMPLETED,
                    null);
        }
        boolean anyAppContainerRan = statuses.stream().anyMatch(s -> s.state().running() != null
                || s.state().terminated() != null || s.lastState().terminated() != null);
        if (incomplete.isEmpty() || anyAppContainerRan) {
            return new PodCondition(PodConditionType.INITIALIZED, ConditionStatus.TRUE, null, null, null, null);
        }
        return new PodCondition(PodConditionType.INITIALIZED, ConditionStatus.FALSE, null, null,
                CONTAINERS_NOT_INITIALIZED, "containers with incomplete status: [" + String.join(" ", incomplete) + "]");
    }

    /**
     * Whether a regular init container failed for good under restartPolicy Never (upstream getPhase's
     * failedInitialization): the pod is then Failed.
     */
    static boolean initializationFailed(String restartPolicy, List<Container> initSpecs,
            List<ContainerStatus> initStatuses) {
        if (!RestartPolicy.NEVER.equals(restartPolicy)) {
            return false;
        }
        for (int i = 0; i < initSpecs.size(); i++) {
            ContainerStatus s = initStatuses.get(i);
            if (initSpecs.get(i).isRestartable()) {
                continue;
            }
            if (s.state().terminated() != null && s.state().terminated().exitCode() != 0) {
                return true;
            }
            // Waiting after a failure counts as failed too, as getPhase counts it.
            if (s.state().waiting() != null && s.lastState().terminated() != null
                    && s.lastState().terminated().exitCode() != 0) {
                return true;
            }
        }
        return false;
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
