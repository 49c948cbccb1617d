package io.ksim.api.core;

import io.ksim.api.meta.ObjectMeta;

/**
 * The pods a workload makes (core/v1 PodTemplateSpec): their metadata and spec. Neither is ever null: an
 * absent one is empty, as Go's zero value.
 */
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec) {

    public PodTemplateSpec {
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? PodSpec.builder().build() : spec;
    }

    public PodTemplateSpec withMetadata(ObjectMeta newMetadata) {
        return new PodTemplateSpec(newMetadata, spec);
    }

    public PodTemplateSpec withSpec(PodSpec newSpec) {
        return new PodTemplateSpec(metadata, newSpec);
    }
}
