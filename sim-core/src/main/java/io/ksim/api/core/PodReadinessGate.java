package io.ksim.api.core;

/** An extra pod condition that must be True for the pod to be Ready (core/v1 PodReadinessGate). */
public record PodReadinessGate(String conditionType) {
}
