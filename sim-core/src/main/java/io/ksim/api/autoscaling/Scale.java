package io.ksim.api.autoscaling;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;

/**
 * The scale subresource's object (autoscaling/v1 Scale): desired replicas in the spec, observed replicas
 * and the label selector (as a string) in the status. {@code kubectl scale} reads and writes this.
 */
public record Scale(String apiVersion, String kind, ObjectMeta metadata, ScaleSpec spec, ScaleStatus status)
        implements KubeObject {

    public static final String API_VERSION = "autoscaling/v1";
    public static final String KIND = "Scale";

    public Scale {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? new ScaleSpec(null) : spec;
        status = status == null ? new ScaleStatus(0, null) : status;
    }

    @Override
    public Scale withMetadata(ObjectMeta newMetadata) {
        return new Scale(apiVersion, kind, newMetadata, spec, status);
    }

    public record ScaleSpec(Integer replicas) {
    }

    public record ScaleStatus(int replicas, String selector) {
    }
}
