package io.ksim.api.core;

/** A key of a ConfigMap (core/v1 ConfigMapKeySelector); {@code name} is the ConfigMap's. */
public record ConfigMapKeySelector(String name, String key, Boolean optional) {
}
