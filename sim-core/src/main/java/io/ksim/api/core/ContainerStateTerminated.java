package io.ksim.api.core;

import java.time.Instant;

/** A container that ran and exited (core/v1 ContainerStateTerminated); {@code exitCode} is always printed. */
public record ContainerStateTerminated(int exitCode, Integer signal, String reason, String message, Instant startedAt,
        Instant finishedAt, String containerID) {
}
