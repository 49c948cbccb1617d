package io.ksim.controller.job;

import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;

/**
 * The TTL-after-finished controller (upstream pkg/controller/ttlafterfinished): a finished Job with
 * {@code ttlSecondsAfterFinished} is deleted, with foreground propagation, that long after the time its
 * Complete or Failed condition was set.
 */
public final class TtlAfterFinishedController extends Controller {

    /** The controller's name. */
    public static final String NAME = "ttl-after-finished-controller";

    private final Informer<Job> jobs;

    public TtlAfterFinishedController(ControllerContext context) {
        super(context, NAME);
        jobs = informer(BuiltinResources.JOBS);
        jobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job, boolean initial) {
                enqueue(job);
            }

            @Override
            public void onUpdate(Job oldJob, Job job) {
                enqueue(job);
            }
        });
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        Job job = jobs.indexer().get(key);
        if (job == null || job.spec().ttlSecondsAfterFinished() == null || job.metadata().isBeingDeleted()) {
            return ReconcileResult.done();
        }
        Instant finished = finishTime(job);
        if (finished == null) {
            return ReconcileResult.done();
        }
        Instant expiry = finished.plusSeconds(job.spec().ttlSecondsAfterFinished());
        Instant now = kernel.instant();
        if (now.isBefore(expiry)) {
            return ReconcileResult.requeueAfter(Duration.between(now, expiry));
        }
        try {
            api.delete(BuiltinResources.JOBS, job.metadata().namespace(), job.metadata().name(),
                    new DeleteOptions(null, DeleteOptions.FOREGROUND, job.metadata().uid(), null));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        return ReconcileResult.done();
    }

    /** When the Complete or Failed condition became True, or null while the Job runs. */
    static Instant finishTime(Job job) {
        for (JobCondition c : job.status().conditions()) {
            if ((c.type().equals(JobCondition.COMPLETE) || c.type().equals(JobCondition.FAILED))
                    && "True".equals(c.status())) {
                return c.lastTransitionTime();
            }
        }
        return null;
    }
}
