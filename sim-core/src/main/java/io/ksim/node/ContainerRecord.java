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

    final Container spec;
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

    ContainerRecord(Container spec, ImageModel model) {
        this.spec = spec;
        this.model = model;
        this.state = ContainerState.waiting("ContainerCreating", null);
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
