package io.ksim.api.core;

/** Hooks run after a container starts and before it stops (core/v1 Lifecycle). */
public record Lifecycle(LifecycleHandler postStart, LifecycleHandler preStop) {
}
