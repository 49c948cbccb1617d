package io.ksim.api.core;

/** A key of a Secret (core/v1 SecretKeySelector); {@code name} is the Secret's. */
public record SecretKeySelector(String name, String key, Boolean optional) {
}
