package io.ksim.api.core;

/** The identity a container's first process runs as (core/v1 ContainerUser). */
public record ContainerUser(LinuxContainerUser linux) {
}
