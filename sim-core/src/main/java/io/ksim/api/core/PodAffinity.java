package io.ksim.api.core;

import java.util.List;

/** Co-location rules with other pods (core/v1 PodAffinity). */
public record PodAffinity(List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution,
        List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution) {

    public PodAffinity {
        requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution == null
                ? List.of() : List.copyOf(requiredDuringSchedulingIgnoredDuringExecution);
        preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution == null
                ? List.of() : List.copyOf(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
