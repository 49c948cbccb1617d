package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A dynamic resource claim of the pod (core/v1 PodResourceClaim): an existing ResourceClaim or one made
 * from a template for the pod.
 */
public record PodResourceClaim(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String resourceClaimName,
        @JsonInclude(JsonInclude.Include.NON_NULL) String resourceClaimTemplateName) {
}
