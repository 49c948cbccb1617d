package io.ksim.api.batch;

import io.ksim.api.meta.PatchStrategy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;

/** Runs pods until a number of them succeed (batch/v1 Job). Spec and status are never null (Go zero values). */
public record Job(String apiVersion, String kind, ObjectMeta metadata, JobSpec spec, JobStatus status)
        implements KubeObject {

    public static final String API_VERSION = Batch.API_VERSION;
    public static final String KIND = "Job";

    public Job {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? JobSpec.of(null) : spec;
        status = status == null ? JobStatus.EMPTY : status;
    }

    public Job(ObjectMeta metadata, JobSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public Job withMetadata(ObjectMeta newMetadata) {
        return new Job(apiVersion, kind, newMetadata, spec, status);
    }

    public Job withSpec(JobSpec newSpec) {
        return new Job(apiVersion, kind, metadata, newSpec, status);
    }

    public Job withStatus(JobStatus newStatus) {
        return new Job(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * What the job controller observed. {@code completedIndexes} and {@code failedIndexes} are interval lists
     * ("1,3-5"); {@code failedIndexes} is a Go pointer, so an empty value is printed.
     */
    public record JobStatus(@PatchStrategy(mergeKey = "type") List<JobCondition> conditions, Instant startTime, Instant completionTime, Integer active,
            Integer succeeded, Integer failed, Integer terminating, String completedIndexes,
            @JsonInclude(Include.NON_NULL) String failedIndexes, UncountedTerminatedPods uncountedTerminatedPods,
            Integer ready) {

        public static final JobStatus EMPTY = new JobStatus(null, null, null, null, null, null, null, null, null,
                null, null);

        public JobStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** The uids of finished pods whose finalizer the controller has removed but not yet counted. */
    public record UncountedTerminatedPods(List<String> succeeded, List<String> failed) {

        public UncountedTerminatedPods {
            succeeded = succeeded == null ? List.of() : List.copyOf(succeeded);
            failed = failed == null ? List.of() : List.copyOf(failed);
        }
    }

    /** A condition of a Job; types and reasons as constants. */
    public record JobCondition(String type, String status, Instant lastProbeTime, Instant lastTransitionTime,
            String reason, String message) {

        public static final String SUSPENDED = "Suspended";
        public static final String COMPLETE = "Complete";
        public static final String FAILED = "Failed";
        public static final String FAILURE_TARGET = "FailureTarget";
        public static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";

        public static final String REASON_POD_FAILURE_POLICY = "PodFailurePolicy";
        public static final String REASON_BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
        public static final String REASON_DEADLINE_EXCEEDED = "DeadlineExceeded";
        public static final String REASON_MAX_FAILED_INDEXES_EXCEEDED = "MaxFailedIndexesExceeded";
        public static final String REASON_FAILED_INDEXES = "FailedIndexes";
        public static final String REASON_SUCCESS_POLICY = "SuccessPolicy";
        public static final String REASON_COMPLETIONS_REACHED = "CompletionsReached";
    }
}
