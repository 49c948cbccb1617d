package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The ResourceClaim made for one of the pod's claims (core/v1 PodResourceClaimStatus). */
public record PodResourceClaimStatus(String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resourceClaimName) {
}
