package io.ksim.apiserver.registry;

import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.CronJob.CronJobSpec;
import io.ksim.api.batch.CronJob.CronJobStatus;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.JobValidation;
import java.util.ArrayList;
import java.util.List;

/** Upstream's cronjob strategy: the workload spec/status rules, and {@link JobValidation}'s CronJob checks. */
final class CronJobStrategy extends SpecStatusStrategy<CronJob, CronJobSpec, CronJobStatus> {

    CronJobStrategy() {
        super(CronJob::spec, CronJob::withSpec, CronJob::status, CronJob::withStatus, () -> null, true);
    }

    /** Jobs are named {@code <cronjob>-<11 characters>} and job names hold at most 63: so 52 for the CronJob. */
    static final int MAX_NAME_LENGTH = 52;

    @Override
    public List<StatusCause> validate(CronJob cronJob) {
        List<FieldError> errs = new ArrayList<>(JobValidation.validateCronJobSpec(cronJob.spec(), null));
        String name = cronJob.metadata().name();
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            errs.add(FieldError.invalid(FieldPath.of("metadata", "name"), name,
                    "must be no more than " + MAX_NAME_LENGTH + " characters"));
        }
        return JobStrategy.causes(errs);
    }

    @Override
    public List<StatusCause> validateUpdate(CronJob cronJob, CronJob old) {
        if (cronJob.spec().equals(old.spec())) {
            return List.of();
        }
        return JobStrategy.causes(JobValidation.validateCronJobSpec(cronJob.spec(), old.spec()));
    }
}
