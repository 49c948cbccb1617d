package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Cells.list;
import static io.ksim.apiserver.printers.Cells.orNone;
import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wideDoc;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStateTerminated;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodReadinessGate;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.PodTemplate;
import io.ksim.api.core.PodTemplateSpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pods and PodTemplates: the Ready, Status and Restarts columns of {@code kubectl get pods}. */
final class PodPrinters {

    /** The reason the node lifecycle controller gives a pod it deletes from an unreachable node. */
    static final String NODE_LOST = "NodeLost";

    private PodPrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, Pod.class, List.of(name(),
                col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
                col("Status", "string", "The aggregate status of the containers in this pod."),
                col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                age(),
                wideDoc("IP", "string", "PodStatus.podIP"),
                wideDoc("Node", "string", "PodSpec.nodeName"),
                wideDoc("Nominated Node", "string", "PodStatus.nominatedNodeName"),
                wideDoc("Readiness Gates", "string", "PodSpec.readinessGates")),
                PodPrinters::podCells);
        Printer.register(p, PodTemplate.class, List.of(name(),
                col("Containers", "string", "Names of each container in the template."),
                col("Images", "string", "Images referenced by each container in the template."),
                col("Pod Labels", "string", "The labels for the pod template.")),
                (t, now) -> {
                    PodTemplateSpec tpl = t.template();
                    String[] ci = Cells.containersAndImages(tpl == null || tpl.spec() == null ? null : tpl.spec().containers());
                    return List.of(t.metadata().name(), ci[0], ci[1],
                            Cells.labels(tpl == null || tpl.metadata() == null ? null : tpl.metadata().labels()));
                });
    }

    static List<String> podCells(Pod pod, Instant now) {
        PodSpec spec = pod.spec() == null ? PodSpec.builder().build() : pod.spec();
        PodStatus status = pod.status() == null ? PodStatus.EMPTY : pod.status();
        Summary s = summarize(pod, spec, status);
        String restarts = Integer.toString(s.restarts);
        if (s.restarts != 0 && s.lastRestart != null) {
            restarts = s.restarts + " (" + HumanDuration.since(s.lastRestart, now) + " ago)";
        }
        String podIP = list(status.podIPs()).isEmpty() ? null : status.podIPs().get(0).ip();
        return List.of(pod.metadata().name(), s.ready + "/" + s.total, s.reason, restarts,
                HumanDuration.since(pod.metadata().creationTimestamp(), now),
                orNone(podIP), orNone(spec.nodeName()), orNone(status.nominatedNodeName()),
                readinessGates(spec, status));
    }

    /** The Ready count, container total, Status reason and restarts of one pod. */
    record Summary(int ready, int total, String reason, int restarts, Instant lastRestart) {
    }

    /**
     * Upstream's status logic: the pod's reason (or phase) unless scheduling is gated; then the first init
     * container that has not finished decides ("Init:N/M", "Init:CrashLoopBackOff", "Init:Error",
     * "Init:ExitCode:1"); once initialized, the first container (in spec order) that is waiting or
     * terminated gives its reason ("ContainerCreating", "CrashLoopBackOff", "Completed", "Error",
     * "ExitCode:1"); a deleted pod is "Terminating", or "Unknown" when its node was lost.
     */
    static Summary summarize(Pod pod, PodSpec spec, PodStatus status) {
        List<Container> initSpecs = list(spec.initContainers());
        int total = list(spec.containers()).size();
        Map<String, Container> inits = new HashMap<>();
        for (Container c : initSpecs) {
            inits.put(c.name(), c);
            if (c.isRestartable()) {
                total++;
            }
        }
        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        String reason = status.reason() != null && !status.reason().isEmpty() ? status.reason()
                : Cells.str(status.phase());
        for (PodCondition c : list(status.conditions())) {
            if (PodConditionType.POD_SCHEDULED.equals(c.type()) && PodCondition.REASON_SCHEDULING_GATED.equals(c.reason())) {
                reason = PodCondition.REASON_SCHEDULING_GATED;
            }
        }

        boolean initializing = false;
        List<ContainerStatus> initStatuses = list(status.initContainerStatuses());
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus cs = initStatuses.get(i);
            Container c = inits.get(cs.name());
            boolean sidecar = c != null && c.isRestartable();
            restarts += cs.restartCount();
            lastRestart = later(lastRestart, finishedAt(cs.lastState()));
            if (sidecar) {
                sidecarRestarts += cs.restartCount();
                lastSidecarRestart = later(lastSidecarRestart, finishedAt(cs.lastState()));
            }
            ContainerState state = cs.state() == null ? ContainerState.NONE : cs.state();
            ContainerStateTerminated term = state.terminated();
            if (term != null && term.exitCode() == 0) {
                continue;
            }
            // A started sidecar does not hold up initialization: it counts toward Ready like a container.
            if (sidecar && Boolean.TRUE.equals(cs.started())) {
                if (cs.ready()) {
                    ready++;
                }
                continue;
            }
            if (term != null) {
                reason = "Init:" + terminatedReason(term);
            } else if (state.waiting() != null && nonEmpty(state.waiting().reason())
                    && !"PodInitializing".equals(state.waiting().reason())) {
                reason = "Init:" + state.waiting().reason();
            } else {
                reason = "Init:" + i + "/" + initSpecs.size();
            }
            initializing = true;
            break;
        }

        if (!initializing || initializedConditionTrue(status)) {
            // Restarts of ordinary init containers stop counting once the pod is initialized.
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<ContainerStatus> statuses = list(status.containerStatuses());
            // Walk backwards so that the first container in spec order has the last word.
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus cs = statuses.get(i);
                restarts += cs.restartCount();
                lastRestart = later(lastRestart, finishedAt(cs.lastState()));
                ContainerState state = cs.state() == null ? ContainerState.NONE : cs.state();
                if (state.waiting() != null && nonEmpty(state.waiting().reason())) {
                    reason = state.waiting().reason();
                } else if (state.terminated() != null) {
                    reason = terminatedReason(state.terminated());
                } else if (cs.ready() && state.running() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A pod whose first container completed but another still runs is not "Completed".
            if ("Completed".equals(reason) && hasRunning) {
                reason = hasCondition(status, PodConditionType.READY) ? "Running" : "NotReady";
            }
        }

        if (pod.metadata().deletionTimestamp() != null && NODE_LOST.equals(status.reason())) {
            reason = "Unknown";
        } else if (pod.metadata().deletionTimestamp() != null && !PodPhase.isTerminal(status.phase())) {
            reason = "Terminating";
        }
        return new Summary(ready, total, reason, restarts, lastRestart);
    }

    private static String terminatedReason(ContainerStateTerminated t) {
        if (nonEmpty(t.reason())) {
            return t.reason();
        }
        if (t.signal() != null && t.signal() != 0) {
            return "Signal:" + t.signal();
        }
        return "ExitCode:" + t.exitCode();
    }

    private static String readinessGates(PodSpec spec, PodStatus status) {
        List<PodReadinessGate> gates = list(spec.readinessGates());
        if (gates.isEmpty()) {
            return Cells.NONE;
        }
        int trueConditions = 0;
        for (PodReadinessGate gate : gates) {
            for (PodCondition c : list(status.conditions())) {
                if (java.util.Objects.equals(c.type(), gate.conditionType())) {
                    if (ConditionStatus.TRUE.equals(c.status())) {
                        trueConditions++;
                    }
                    break;
                }
            }
        }
        return trueConditions + "/" + gates.size();
    }

    private static boolean initializedConditionTrue(PodStatus status) {
        for (PodCondition c : list(status.conditions())) {
            if (PodConditionType.INITIALIZED.equals(c.type())) {
                return ConditionStatus.TRUE.equals(c.status());
            }
        }
        return false;
    }

    private static boolean hasCondition(PodStatus status, String type) {
        return list(status.conditions()).stream()
                .anyMatch(c -> type.equals(c.type()) && ConditionStatus.TRUE.equals(c.status()));
    }

    private static Instant finishedAt(ContainerState last) {
        return last == null || last.terminated() == null ? null : last.terminated().finishedAt();
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || a.isBefore(b) ? b : a;
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
