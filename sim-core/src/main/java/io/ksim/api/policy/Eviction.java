package io.ksim.api.policy;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;

/**
 * A request to evict a pod, posted to the pod's {@code eviction} subresource (policy/v1 Eviction): metadata
 * names the pod; deleteOptions (metav1.DeleteOptions) are the options of the resulting delete.
 */
public record Eviction(String apiVersion, String kind, ObjectMeta metadata, Opaque deleteOptions)
        implements KubeObject {

    public static final String API_VERSION = "policy/v1";
    public static final String KIND = "Eviction";
    /** The cause type of the 429 an eviction gets when a budget forbids it. */
    public static final String DISRUPTION_BUDGET_CAUSE = "DisruptionBudget";

    public Eviction {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
    }

    public Eviction(ObjectMeta metadata) {
        this(null, null, metadata, null);
    }

    @Override
    public Eviction withMetadata(ObjectMeta newMetadata) {
        return new Eviction(apiVersion, kind, newMetadata, deleteOptions);
    }
}
