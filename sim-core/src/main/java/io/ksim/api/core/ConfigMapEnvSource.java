package io.ksim.api.core;

/** The ConfigMap of an {@link EnvFromSource} (core/v1 ConfigMapEnvSource). */
public record ConfigMapEnvSource(String name, Boolean optional) {
}
