package io.ksim.api.core;

import java.util.List;

/**
 * Which nodes a pod may or prefers to run on (core/v1 NodeAffinity). Upstream has no
 * requiredDuringSchedulingRequiredDuringExecution field, so neither does ksim.
 */
public record NodeAffinity(NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
        List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution) {

    public NodeAffinity {
        preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution == null
                ? List.of() : List.copyOf(preferredDuringSchedulingIgnoredDuringExecution);
    }
}
