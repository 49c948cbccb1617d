package io.ksim.api.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;

/**
 * The desired state of a Job (batch/v1 JobSpec), also the spec of a CronJob's jobTemplate. Defaulting (of
 * Jobs, not of templates) sets parallelism, completions, backoffLimit, completionMode, suspend,
 * podReplacementPolicy and manualSelector. {@code template} is never null: an absent one is empty.
 */
public record JobSpec(Integer parallelism, Integer completions, Long activeDeadlineSeconds,
        PodFailurePolicy podFailurePolicy, SuccessPolicy successPolicy, Integer backoffLimit,
        Integer backoffLimitPerIndex, Integer maxFailedIndexes, LabelSelector selector, Boolean manualSelector,
        PodTemplateSpec template, Integer ttlSecondsAfterFinished, String completionMode, Boolean suspend,
        String podReplacementPolicy, @JsonInclude(Include.NON_NULL) String managedBy) {

    /** completionMode values. */
    public static final String NON_INDEXED = "NonIndexed";
    public static final String INDEXED = "Indexed";

    /** podReplacementPolicy values. */
    public static final String TERMINATING_OR_FAILED = "TerminatingOrFailed";
    public static final String FAILED = "Failed";

    public JobSpec {
        template = template == null ? new PodTemplateSpec(null, null) : template;
    }

    /** A spec with just a pod template, as most manifests have it. */
    public static JobSpec of(PodTemplateSpec template) {
        return new JobSpec(null, null, null, null, null, null, null, null, null, null, template, null, null, null,
                null, null);
    }

    public JobSpec withTemplate(PodTemplateSpec newTemplate) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, podFailurePolicy, successPolicy,
                backoffLimit, backoffLimitPerIndex, maxFailedIndexes, selector, manualSelector, newTemplate,
                ttlSecondsAfterFinished, completionMode, suspend, podReplacementPolicy, managedBy);
    }

    public JobSpec withSelector(LabelSelector newSelector) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, podFailurePolicy, successPolicy,
                backoffLimit, backoffLimitPerIndex, maxFailedIndexes, newSelector, manualSelector, template,
                ttlSecondsAfterFinished, completionMode, suspend, podReplacementPolicy, managedBy);
    }

    public JobSpec withSuspend(Boolean newSuspend) {
        return new JobSpec(parallelism, completions, activeDeadlineSeconds, podFailurePolicy, successPolicy,
                backoffLimit, backoffLimitPerIndex, maxFailedIndexes, selector, manualSelector, template,
                ttlSecondsAfterFinished, completionMode, newSuspend, podReplacementPolicy, managedBy);
    }
}
