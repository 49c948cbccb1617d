package io.ksim.api.core;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;

/**
 * A pod (core/v1 Pod): a group of containers scheduled together onto one node. {@code metadata},
 * {@code spec} and {@code status} are never null: absent ones are empty, as Go's zero values are (so an
 * object without a status prints {@code status: {}} as upstream does).
 */
public record Pod(String apiVersion, String kind, ObjectMeta metadata, PodSpec spec, PodStatus status)
        implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Pod";

    public Pod {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? PodSpec.builder().build() : spec;
        status = status == null ? PodStatus.EMPTY : status;
    }

    /** A pod with this metadata and spec and no status. */
    public static Pod of(ObjectMeta metadata, PodSpec spec) {
        return new Pod(API_VERSION, KIND, metadata, spec, null);
    }

    @Override
    public Pod withMetadata(ObjectMeta newMetadata) {
        return new Pod(apiVersion, kind, newMetadata, spec, status);
    }

    public Pod withSpec(PodSpec newSpec) {
        return new Pod(apiVersion, kind, metadata, newSpec, status);
    }

    public Pod withStatus(PodStatus newStatus) {
        return new Pod(apiVersion, kind, metadata, spec, newStatus);
    }
}
