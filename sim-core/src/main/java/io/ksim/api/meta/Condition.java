package io.ksim.api.meta;

import java.time.Instant;

/**
 * The standard condition (metav1.Condition) of newer APIs. Core and apps types keep their own condition
 * records with their own fields (PodCondition, DeploymentCondition, ...), as upstream does.
 */
public record Condition(String type, String status, Long observedGeneration, Instant lastTransitionTime, String reason,
        String message) {
}
