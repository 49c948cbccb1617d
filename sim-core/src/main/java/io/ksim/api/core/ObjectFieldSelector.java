package io.ksim.api.core;

/**
 * A field of the pod for the downward API (core/v1 ObjectFieldSelector), e.g. {@code metadata.name} or
 * {@code status.podIP}; {@code apiVersion} defaults to {@code v1}.
 */
public record ObjectFieldSelector(String apiVersion, String fieldPath) {

    public static ObjectFieldSelector of(String fieldPath) {
        return new ObjectFieldSelector(null, fieldPath);
    }
}
