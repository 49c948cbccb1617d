package io.ksim.api.core;

/** Quality of service classes of pods (core/v1 PodQOSClass). */
public final class PodQOSClass {

    public static final String GUARANTEED = "Guaranteed";
    public static final String BURSTABLE = "Burstable";
    public static final String BEST_EFFORT = "BestEffort";

    private PodQOSClass() {
    }
}
