package io.ksim.api.batch;

import io.ksim.api.batch.CronJob.CronJobSpec;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnPodConditionsPattern;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyRule;
import io.ksim.api.core.PodDefaults;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.ObjectMeta;
import java.util.Map;

/**
 * The API server's defaulting of batch/v1 objects: upstream pkg/apis/batch/v1/defaults.go (SetDefaults_Job,
 * SetDefaults_CronJob) followed, as the generated object defaulters do, by the pod template's defaults
 * ({@link PodDefaults#podTemplateSpec}). v1.32 with default feature gates (JobPodReplacementPolicy on).
 *
 * <p>A CronJob's jobTemplate gets only the pod template defaults: the Job-level defaults apply when the Job
 * is created. Each function returns a defaulted copy and is idempotent.
 */
public final class BatchDefaults {

    public static final int DEFAULT_BACKOFF_LIMIT = 6;
    public static final int DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT = 3;
    public static final int DEFAULT_FAILED_JOBS_HISTORY_LIMIT = 1;
    private static final String TRUE = "True";

    private BatchDefaults() {
    }

    public static Job job(Job job) {
        JobSpec s = job.spec();
        Integer parallelism = s.parallelism();
        Integer completions = s.completions();
        // A non-parallel Job may leave both unset: both become 1. Otherwise only parallelism defaults.
        if (completions == null && parallelism == null) {
            completions = 1;
        }
        if (parallelism == null) {
            parallelism = 1;
        }
        Integer backoffLimit = s.backoffLimit();
        if (backoffLimit == null) {
            backoffLimit = s.backoffLimitPerIndex() != null ? Integer.MAX_VALUE : DEFAULT_BACKOFF_LIMIT;
        }
        PodTemplateSpec template = s.template();
        // A Job without labels takes its pod template's.
        ObjectMeta meta = job.metadata();
        Map<String, String> templateLabels = template.metadata().labels();
        if (!templateLabels.isEmpty() && (meta == null || meta.labels().isEmpty())) {
            meta = (meta != null ? meta : ObjectMeta.builder().build()).withLabels(templateLabels);
        }
        PodFailurePolicy failurePolicy = s.podFailurePolicy();
        if (failurePolicy != null) {
            failurePolicy = new PodFailurePolicy(failurePolicy.rules().stream()
                    .map(r -> new PodFailurePolicyRule(r.action(), r.onExitCodes(),
                            r.onPodConditions().stream().map(BatchDefaults::pattern).toList()))
                    .toList());
        }
        String replacement = s.podReplacementPolicy();
        if (replacement == null) {
            replacement = failurePolicy != null ? JobSpec.FAILED : JobSpec.TERMINATING_OR_FAILED;
        }
        JobSpec spec = new JobSpec(parallelism, completions, s.activeDeadlineSeconds(), failurePolicy,
                s.successPolicy(), backoffLimit, s.backoffLimitPerIndex(), s.maxFailedIndexes(), s.selector(),
                s.manualSelector() != null ? s.manualSelector() : Boolean.FALSE,
                PodDefaults.podTemplateSpec(template), s.ttlSecondsAfterFinished(),
                s.completionMode() != null ? s.completionMode() : JobSpec.NON_INDEXED,
                s.suspend() != null ? s.suspend() : Boolean.FALSE, replacement, s.managedBy());
        return job.withMetadata(meta).withSpec(spec);
    }

    public static CronJob cronJob(CronJob cronJob) {
        CronJobSpec s = cronJob.spec();
        JobSpec jobSpec = s.jobTemplate().spec();
        JobTemplateSpec jobTemplate = s.jobTemplate()
                .withSpec(jobSpec.withTemplate(PodDefaults.podTemplateSpec(jobSpec.template())));
        return cronJob.withSpec(new CronJobSpec(s.schedule(), s.timeZone(), s.startingDeadlineSeconds(),
                isEmpty(s.concurrencyPolicy()) ? CronJob.ALLOW : s.concurrencyPolicy(),
                s.suspend() != null ? s.suspend() : Boolean.FALSE, jobTemplate,
                s.successfulJobsHistoryLimit() != null ? s.successfulJobsHistoryLimit()
                        : DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT,
                s.failedJobsHistoryLimit() != null ? s.failedJobsHistoryLimit() : DEFAULT_FAILED_JOBS_HISTORY_LIMIT));
    }

    /** A pod condition pattern's status defaults to "True". */
    private static PodFailurePolicyOnPodConditionsPattern pattern(PodFailurePolicyOnPodConditionsPattern p) {
        return isEmpty(p.status()) ? new PodFailurePolicyOnPodConditionsPattern(p.type(), TRUE) : p;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
