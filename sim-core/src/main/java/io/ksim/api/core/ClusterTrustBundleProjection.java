package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ksim.api.meta.LabelSelector;

/** ClusterTrustBundle certificates in a projected volume (core/v1 ClusterTrustBundleProjection). */
public record ClusterTrustBundleProjection(@JsonInclude(JsonInclude.Include.NON_NULL) String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) String signerName, LabelSelector labelSelector, Boolean optional,
        String path) {
}
