package io.ksim.api.core;

/** A reference by name to an object in the same namespace (core/v1 LocalObjectReference). */
public record LocalObjectReference(String name) {
}
