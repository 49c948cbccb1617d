package io.ksim.apiserver.registry;

import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.CronJob.CronJobSpec;
import io.ksim.api.batch.CronJob.CronJobStatus;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.JobValidation;
import java.util.List;

/** Upstream's cronjob strategy: the workload spec/status rules, and {@link JobValidation}'s CronJob checks. */
final class CronJobStrategy extends SpecStatusStrategy<CronJob, CronJobSpec, CronJobStatus> {

    CronJobStrategy() {
        super(CronJob::spec, CronJob::withSpec, CronJob::status, CronJob::withStatus, () -> null, true);
    }

    @Override
    public List<StatusCause> validate(CronJob cronJob) {
        return JobStrategy.causes(JobValidation.validateCronJobSpec(cronJob.spec(), null));
    }

    @Override
    public List<StatusCause> validateUpdate(CronJob cronJob, CronJob old) {
        if (cronJob.spec().equals(old.spec())) {
            return List.of();
        }
        return JobStrategy.causes(JobValidation.validateCronJobSpec(cronJob.spec(), old.spec()));
    }
}
