package io.ksim.api.core;

/** Scheduling constraints of a pod (core/v1 Affinity): node affinity, pod affinity and anti-affinity. */
public record Affinity(NodeAffinity nodeAffinity, PodAffinity podAffinity, PodAntiAffinity podAntiAffinity) {
}
