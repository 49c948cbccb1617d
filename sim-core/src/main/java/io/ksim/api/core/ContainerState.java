package io.ksim.api.core;

import java.time.Instant;

/**
 * The state of a container (core/v1 ContainerState): at most one of waiting, running and terminated is set;
 * none set means waiting (upstream's default).
 */
public record ContainerState(ContainerStateWaiting waiting, ContainerStateRunning running,
        ContainerStateTerminated terminated) {

    /** No state reported. */
    public static final ContainerState NONE = new ContainerState(null, null, null);

    public static ContainerState waiting(String reason, String message) {
        return new ContainerState(new ContainerStateWaiting(reason, message), null, null);
    }

    public static ContainerState running(Instant startedAt) {
        return new ContainerState(null, new ContainerStateRunning(startedAt), null);
    }

    public static ContainerState terminated(ContainerStateTerminated terminated) {
        return new ContainerState(null, null, terminated);
    }
}
