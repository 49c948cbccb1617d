package io.ksim.api.core;

/** A set of environment variables from all keys of a ConfigMap or Secret (core/v1 EnvFromSource). */
public record EnvFromSource(String prefix, ConfigMapEnvSource configMapRef, SecretEnvSource secretRef) {
}
