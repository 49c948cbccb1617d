package io.ksim.api.batch;

/** Names of the batch API group: its version and the labels, annotations and finalizer of its controllers. */
public final class Batch {

    public static final String API_VERSION = "batch/v1";

    private static final String PREFIX = "batch.kubernetes.io/";
    /** The label of a Job's pods with the Job's name. */
    public static final String JOB_NAME_LABEL = PREFIX + "job-name";
    /** The label of a Job's pods (and of its generated selector) with the Job's uid. */
    public static final String CONTROLLER_UID_LABEL = PREFIX + "controller-uid";
    /** The unprefixed labels the job controller also sets, kept by upstream for old selectors. */
    public static final String LEGACY_JOB_NAME_LABEL = "job-name";
    public static final String LEGACY_CONTROLLER_UID_LABEL = "controller-uid";
    /** The annotation (and, since 1.28, label) of an Indexed Job's pod with its completion index. */
    public static final String JOB_COMPLETION_INDEX_ANNOTATION = PREFIX + "job-completion-index";
    /** The finalizer the job controller puts on its pods until it has counted them. */
    public static final String JOB_TRACKING_FINALIZER = PREFIX + "job-tracking";
    /** The annotation of a CronJob's Job with its scheduled time. */
    public static final String CRON_JOB_SCHEDULED_TIMESTAMP_ANNOTATION = PREFIX + "cronjob-scheduled-timestamp";
    public static final String JOB_INDEX_FAILURE_COUNT_ANNOTATION = PREFIX + "job-index-failure-count";
    public static final String JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = PREFIX + "job-index-ignored-failure-count";
    /** The value of {@code spec.managedBy} that leaves a Job to the built-in controller. */
    public static final String JOB_CONTROLLER_NAME = "kubernetes.io/job-controller";

    private Batch() {
    }
}
