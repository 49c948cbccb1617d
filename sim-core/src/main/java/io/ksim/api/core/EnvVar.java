package io.ksim.api.core;

/** An environment variable of a container (core/v1 EnvVar): a literal value or a reference. */
public record EnvVar(String name, String value, EnvVarSource valueFrom) {

    public static EnvVar of(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
