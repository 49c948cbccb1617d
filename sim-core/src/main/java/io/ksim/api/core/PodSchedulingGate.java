package io.ksim.api.core;

/** A gate that holds the pod out of scheduling while present (core/v1 PodSchedulingGate). */
public record PodSchedulingGate(String name) {
}
