package io.ksim.api.core;

/** Health of one allocated device (core/v1 ResourceHealth). */
public record ResourceHealth(String resourceID, String health) {

    public static final String HEALTHY = "Healthy";
    public static final String UNHEALTHY = "Unhealthy";
    public static final String UNKNOWN = "Unknown";
}
