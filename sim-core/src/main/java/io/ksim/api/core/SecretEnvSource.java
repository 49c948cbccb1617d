package io.ksim.api.core;

/** The Secret of an {@link EnvFromSource} (core/v1 SecretEnvSource). */
public record SecretEnvSource(String name, Boolean optional) {
}
