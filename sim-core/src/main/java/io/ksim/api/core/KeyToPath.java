package io.ksim.api.core;

/** One key of a ConfigMap or Secret projected to a relative path (core/v1 KeyToPath). */
public record KeyToPath(String key, String path, Integer mode) {
}
