package io.ksim.api.core;

import java.time.Instant;

/** A running container (core/v1 ContainerStateRunning). */
public record ContainerStateRunning(Instant startedAt) {
}
