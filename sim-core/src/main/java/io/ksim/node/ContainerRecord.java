package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStateTerminated;
import io.ksim.api.core.ContainerStatus;
import io.ksim.kernel.Timer;
import java.util.ArrayList;
import java.util.List;

/**
 * What the container runtime and the kubelet know of one container of a pod: its current state, the
 * last termination, and the timers of its application (start, ready, exit) and of its back-off.
 */
final class ContainerRecord {

    /** Where the container sits in the pod: an init container, a sidecar (restartable init container), an app container. */
    enum Kind { INIT, SIDECAR, APP }

    final Container spec;
    final Kind kind;
    final ImageModel model;
    ContainerState state;
    ContainerStateTerminated lastTerminated;
    boolean ready;
    boolean started;
    int restartCount;
    String containerID;
    /** True once the container has run at least once, so a restart counts. */
    boolean everCreated;
    /** Set when the kubelet kills the container to restart it (a failed liveness or startup probe). */
    boolean restartAfterKill;
    /** When the current process started (kernel nanos); probes and the application's timeline count from it. */
    long startedNanos;
    final List<Timer> timers = new ArrayList<>();

    /** Set while the kubelet stops the container (preStop, grace period). */
    boolean stopping;

    /**
     * A container not yet created: waiting {@code ContainerCreating}, or {@code PodInitializing} in a pod with
     * init containers (the kubelet's default waiting reason there).
     */
    ContainerRecord(Container spec, Kind kind, ImageModel model, boolean podHasInitContainers) {
        this.spec = spec;
        this.kind = kind;
        this.model = model;
        this.state = ContainerState.waiting(podHasInitContainers ? "PodInitializing" : "ContainerCreating", null);
    }

    boolean isRunning() {
        return state.running() != null;
    }

    boolean isTerminated() {
        return state.terminated() != null;
    }

    void cancelTimers() {
        timers.forEach(Timer::cancel);
        timers.clear();
    }

    ContainerStatus toStatus(String imageID) {
        return ContainerStatus.builder()
                .name(spec.name())
                .state(state)
                .lastState(lastTerminated == null ? ContainerState.NONE : ContainerState.terminated(lastTerminated))
                .ready(ready)
                .restartCount(restartCount)
                .image(model.reference())
                .imageID(containerID == null ? "" : imageID)
                .containerID(containerID)
                .started(started)
                .build();
    }
}
