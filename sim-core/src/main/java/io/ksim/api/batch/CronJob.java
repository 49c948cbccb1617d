package io.ksim.api.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;

/** Creates Jobs on a cron schedule (batch/v1 CronJob). Spec and status are never null (Go zero values). */
public record CronJob(String apiVersion, String kind, ObjectMeta metadata, CronJobSpec spec, CronJobStatus status)
        implements KubeObject {

    public static final String API_VERSION = Batch.API_VERSION;
    public static final String KIND = "CronJob";

    /** concurrencyPolicy values. */
    public static final String ALLOW = "Allow";
    public static final String FORBID = "Forbid";
    public static final String REPLACE = "Replace";

    public CronJob {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        spec = spec == null ? new CronJobSpec(null, null, null, null, null, null, null, null) : spec;
        status = status == null ? CronJobStatus.EMPTY : status;
    }

    public CronJob(ObjectMeta metadata, CronJobSpec spec) {
        this(null, null, metadata, spec, null);
    }

    @Override
    public CronJob withMetadata(ObjectMeta newMetadata) {
        return new CronJob(apiVersion, kind, newMetadata, spec, status);
    }

    public CronJob withSpec(CronJobSpec newSpec) {
        return new CronJob(apiVersion, kind, metadata, newSpec, status);
    }

    public CronJob withStatus(CronJobStatus newStatus) {
        return new CronJob(apiVersion, kind, metadata, spec, newStatus);
    }

    /** The schedule (cron syntax, in {@code timeZone} or the controller's zone) and the Job to create. */
    public record CronJobSpec(String schedule, @JsonInclude(Include.NON_NULL) String timeZone,
            Long startingDeadlineSeconds, String concurrencyPolicy, Boolean suspend, JobTemplateSpec jobTemplate,
            Integer successfulJobsHistoryLimit, Integer failedJobsHistoryLimit) {

        public CronJobSpec {
            jobTemplate = jobTemplate == null ? new JobTemplateSpec(null, null) : jobTemplate;
        }
    }

    /** The running Jobs and the times of the last schedule and the last success. */
    public record CronJobStatus(List<ObjectReference> active, Instant lastScheduleTime, Instant lastSuccessfulTime) {

        public static final CronJobStatus EMPTY = new CronJobStatus(null, null, null);

        public CronJobStatus {
            active = active == null ? List.of() : List.copyOf(active);
        }
    }
}
