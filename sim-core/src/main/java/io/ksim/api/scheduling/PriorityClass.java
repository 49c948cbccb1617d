package io.ksim.api.scheduling;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;

/**
 * A priority for pods (scheduling.k8s.io/v1 PriorityClass), which pods name in
 * {@code spec.priorityClassName}. {@code value} has no omitempty upstream and is always written;
 * {@code preemptionPolicy} is one of {@link io.ksim.api.core.PreemptionPolicy}.
 */
public record PriorityClass(String apiVersion, String kind, ObjectMeta metadata, int value, Boolean globalDefault,
        String description, String preemptionPolicy) implements KubeObject {

    public static final String API_VERSION = "scheduling.k8s.io/v1";
    public static final String KIND = "PriorityClass";

    /** The built-in classes and their values. */
    public static final String SYSTEM_CLUSTER_CRITICAL = "system-cluster-critical";
    public static final String SYSTEM_NODE_CRITICAL = "system-node-critical";
    public static final int SYSTEM_CLUSTER_CRITICAL_VALUE = 2_000_000_000;
    public static final int SYSTEM_NODE_CRITICAL_VALUE = 2_000_001_000;

    public PriorityClass {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
    }

    @Override
    public PriorityClass withMetadata(ObjectMeta newMetadata) {
        return new PriorityClass(apiVersion, kind, newMetadata, value, globalDefault, description, preemptionPolicy);
    }

    public PriorityClass withPreemptionPolicy(String policy) {
        return new PriorityClass(apiVersion, kind, metadata, value, globalDefault, description, policy);
    }

    public boolean isGlobalDefault() {
        return Boolean.TRUE.equals(globalDefault);
    }
}
