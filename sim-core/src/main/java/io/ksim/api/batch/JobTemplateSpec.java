package io.ksim.api.batch;

import io.ksim.api.meta.ObjectMeta;

/**
 * The Job a CronJob creates (batch/v1 JobTemplateSpec): its metadata and spec. Neither is ever null: an absent
 * one is empty, as Go's zero value.
 */
public record JobTemplateSpec(ObjectMeta metadata, JobSpec spec) {

    public JobTemplateSpec {
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? JobSpec.of(null) : spec;
    }

    public JobTemplateSpec withSpec(JobSpec newSpec) {
        return new JobTemplateSpec(metadata, newSpec);
    }
}
