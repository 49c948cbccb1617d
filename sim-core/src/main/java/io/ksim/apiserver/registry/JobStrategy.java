package io.ksim.apiserver.registry;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobStatus;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.JobValidation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's job strategy (pkg/registry/batch/job/strategy.go) as far as ksim models it: unless
 * {@code manualSelector} is true, a new Job gets a generated selector
 * ({@code batch.kubernetes.io/controller-uid: <uid>}) and its pod template the labels it selects
 * ({@code controller-uid}, {@code job-name}, both with and without the {@code batch.kubernetes.io/} prefix), so
 * its pods match no other Job; then {@link JobValidation} checks it.
 */
final class JobStrategy extends SpecStatusStrategy<Job, JobSpec, JobStatus> {

    JobStrategy() {
        super(Job::spec, Job::withSpec, Job::status, Job::withStatus, () -> null, true);
    }

    @Override
    public Job prepareForCreate(Job job) {
        Job prepared = super.prepareForCreate(job);
        return Boolean.TRUE.equals(prepared.spec().manualSelector()) ? prepared : withGeneratedSelector(prepared);
    }

    /** Labels the user already set are kept (a conflict is then refused by validation). */
    static Job withGeneratedSelector(Job job) {
        ObjectMeta meta = job.metadata();
        String uid = meta.uid() == null ? "" : meta.uid();
        String name = meta.name() == null ? "" : meta.name();
        JobSpec spec = job.spec();
        PodTemplateSpec template = spec.template();
        ObjectMeta templateMeta = template.metadata() == null ? ObjectMeta.builder().build() : template.metadata();
        Map<String, String> labels = new TreeMap<>(templateMeta.labels());
        labels.putIfAbsent(Batch.LEGACY_JOB_NAME_LABEL, name);
        labels.putIfAbsent(Batch.JOB_NAME_LABEL, name);
        labels.putIfAbsent(Batch.LEGACY_CONTROLLER_UID_LABEL, uid);
        labels.putIfAbsent(Batch.CONTROLLER_UID_LABEL, uid);
        LabelSelector selector = spec.selector() == null ? new LabelSelector(null, null) : spec.selector();
        if (!selector.matchLabels().containsKey(Batch.CONTROLLER_UID_LABEL)) {
            Map<String, String> match = new TreeMap<>(selector.matchLabels());
            match.put(Batch.CONTROLLER_UID_LABEL, uid);
            selector = new LabelSelector(new TreeMap<>(match), selector.matchExpressions());
        }
        PodTemplateSpec labelled = new PodTemplateSpec(templateMeta.toBuilder().labels(labels).build(), template.spec());
        return job.withSpec(spec.withTemplate(labelled).withSelector(selector));
    }

    @Override
    public List<StatusCause> validate(Job job) {
        return causes(JobValidation.validateJob(job.metadata(), job.spec()));
    }

    /**
     * Scheduling directives of the template may change while the Job is suspended and has never started
     * (upstream's AllowMutableSchedulingDirectives).
     */
    @Override
    public List<StatusCause> validateUpdate(Job job, Job old) {
        if (job.spec().equals(old.spec())) {
            // A status or metadata update: the stored spec was validated when it was written.
            return List.of();
        }
        boolean neverStarted = old.status() == null || old.status().startTime() == null;
        boolean mutable = Boolean.TRUE.equals(old.spec().suspend()) && neverStarted;
        return causes(JobValidation.validateJobUpdate(job.spec(), old.spec(), mutable));
    }

    static List<StatusCause> causes(List<FieldError> errs) {
        return errs.stream().map(FieldError::cause).toList();
    }
}
