package io.ksim.api.core;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;

/** A stored pod template (core/v1 PodTemplate kind). */
public record PodTemplate(String apiVersion, String kind, ObjectMeta metadata, PodTemplateSpec template)
        implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "PodTemplate";

    public PodTemplate {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        template = template == null ? new PodTemplateSpec(null, null) : template;
    }

    @Override
    public PodTemplate withMetadata(ObjectMeta newMetadata) {
        return new PodTemplate(apiVersion, kind, newMetadata, template);
    }

    public PodTemplate withTemplate(PodTemplateSpec newTemplate) {
        return new PodTemplate(apiVersion, kind, metadata, newTemplate);
    }
}
