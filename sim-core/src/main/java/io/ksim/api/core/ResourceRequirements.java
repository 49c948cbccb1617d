package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Compute resources of a container or a pod (core/v1 ResourceRequirements): resource name (see
 * {@link ResourceName}) to quantity. Maps are sorted; an absent map is empty.
 */
public record ResourceRequirements(SortedMap<String, Quantity> limits, SortedMap<String, Quantity> requests,
        List<ResourceClaim> claims) {

    /** No limits, requests or claims. */
    public static final ResourceRequirements NONE = new ResourceRequirements(null, null, null);

    public ResourceRequirements {
        limits = limits == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(limits);
        requests = requests == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(requests);
        claims = claims == null ? List.of() : List.copyOf(claims);
    }

    public static ResourceRequirements of(Map<String, Quantity> limits, Map<String, Quantity> requests) {
        return new ResourceRequirements(limits == null ? null : ImmutableSortedMap.copyOf(limits),
                requests == null ? null : ImmutableSortedMap.copyOf(requests), null);
    }

    public ResourceRequirements withRequests(SortedMap<String, Quantity> newRequests) {
        return new ResourceRequirements(limits, newRequests, claims);
    }

    public ResourceRequirements withLimits(SortedMap<String, Quantity> newLimits) {
        return new ResourceRequirements(newLimits, requests, claims);
    }
}
