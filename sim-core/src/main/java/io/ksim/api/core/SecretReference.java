package io.ksim.api.core;

/** core/v1 SecretReference: a secret by name and namespace. */
public record SecretReference(String name, String namespace) {
}
