package io.ksim.api.core;

/** A header of an {@link HTTPGetAction} (core/v1 HTTPHeader). */
public record HTTPHeader(String name, String value) {
}
