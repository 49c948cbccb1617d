package io.ksim.api.core;

import java.util.List;

/** Separation rules from other pods (core/v1 PodAntiAffinity). */
public record PodAntiAffinity(List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
        List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution) {

    public PodAntiAffinity {
        requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution == null
                ? List.of() : List.copyOf(requiredDuringSchedulingIgnoredDuringExecution);
        preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution == null
                ? List.of() : List.copyOf(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
