package io.ksim.api.core;

/** A container not yet running (core/v1 ContainerStateWaiting), e.g. reason ContainerCreating. */
public record ContainerStateWaiting(String reason, String message) {
}
