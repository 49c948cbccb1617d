package io.ksim.controller.cronjob;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.CronJob.CronJobStatus;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CronJob controller (upstream pkg/controller/cronjob/cronjob_controllerv2.go) on the virtual clock: at
 * each scheduled time it creates the Job {@code <cronjob>-<scheduled time in minutes since the epoch>}, subject
 * to {@code concurrencyPolicy} (Allow; Forbid skips while a Job runs; Replace deletes the running Jobs first)
 * and {@code startingDeadlineSeconds} (a start missed by more is skipped); it keeps {@code status.active},
 * lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs beyond the history limits (3
 * successful, 1 failed by default), oldest first. Schedules are read in {@code spec.timeZone}, else UTC.
 */
public final class CronJobController extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "cronjob-controller";
    /** Go's time.RFC3339 layout: seconds always printed, "Z" for UTC. */
    static final java.time.format.DateTimeFormatter RFC3339 =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** Go's time.RFC1123Z layout, as the MissSchedule event prints the missed time (in UTC). */
    static final java.time.format.DateTimeFormatter RFC1123Z =
            java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH);
    /** Upstream's limit on counted missed start times before it warns. */
    static final int MAX_MISSED = 100;

    private final Informer<CronJob> cronJobs;
    private final Informer<Job> jobs;
    private final EventRecorder recorder;

    public CronJobController(ControllerContext context) {
        super(context, NAME);
        cronJobs = informer(BuiltinResources.CRON_JOBS);
        jobs = informer(BuiltinResources.JOBS);
        recorder = newRecorder();
        cronJobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(CronJob cj, boolean initial) {
                enqueue(cj);
            }

            @Override
            public void onUpdate(CronJob oldCj, CronJob cj) {
                enqueue(cj);
            }
        });
        jobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job, boolean initial) {
                jobChanged(job);
            }

            @Override
            public void onUpdate(Job oldJob, Job job) {
                jobChanged(job);
            }

            @Override
            public void onDelete(Job job) {
                jobChanged(job);
            }
        });
    }

    private void jobChanged(Job job) {
        OwnerReference ref = job.metadata().controllerRef();
        if (ref != null && CronJob.KIND.equals(ref.kind())) {
            enqueue(job.metadata().namespace() + "/" + ref.name());
        }
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        CronJob cj = cronJobs.indexer().get(key);
        if (cj == null || cj.metadata().isBeingDeleted()) {
            return ReconcileResult.done();
        }
        Instant now = kernel.instant();
        List<Job> owned = jobs.indexer().byIndex(Indexer.NAMESPACE, cj.metadata().namespace()).stream()
                .filter(j -> ControllerUtils.isControlledBy(j, cj.metadata().uid())).toList();
        List<ObjectReference> active = new ArrayList<>();
        Instant lastSuccess = cj.status().lastSuccessfulTime();
        for (Job j : owned) {
            if (isFinished(j)) {
                boolean wasActive = cj.status().active().stream().anyMatch(r -> r.uid().equals(j.metadata().uid()));
                if (wasActive) {
                    recorder.normal(cj, "SawCompletedJob", "Saw completed job: " + j.metadata().name()
                            + ", condition: " + finishedType(j));
                }
                if (JobCondition.COMPLETE.equals(finishedType(j)) && j.status().completionTime() != null
                        && (lastSuccess == null || j.status().completionTime().isAfter(lastSuccess))) {
                    lastSuccess = j.status().completionTime();
                }
            } else {
                // A reference keeps the resourceVersion it was made with, as upstream never refreshes it.
                active.add(cj.status().active().stream().filter(r -> j.metadata().uid().equals(r.uid())).findFirst()
                        .orElse(ObjectReference.to(j)));
            }
        }
        Instant lastSchedule = cj.status().lastScheduleTime();
        ReconcileResult result = ReconcileResult.done();
        if (!Boolean.TRUE.equals(cj.spec().suspend())) {
            CronSchedule schedule;
            try {
                schedule = CronSchedule.parse(cj.spec().schedule());
            } catch (IllegalArgumentException e) {
                recorder.warning(cj, "UnparseableSchedule", "unparseable schedule: \"" + cj.spec().schedule()
                        + "\" : " + e.getMessage());
                return ReconcileResult.done();
            }
            ZoneId zone = cj.spec().timeZone() == null ? ZoneOffset.UTC : ZoneId.of(cj.spec().timeZone());
            Instant scheduled = mostRecent(cj, schedule, zone, now);
            if (scheduled != null && !startedFor(owned, cj, scheduled)) {
                Long deadline = cj.spec().startingDeadlineSeconds();
                if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
                    recorder.warning(cj, "MissSchedule", "Missed scheduled time to start a job: "
                            + RFC1123Z.format(scheduled.atZone(ZoneOffset.UTC)));
                } else if (CronJob.FORBID.equals(cj.spec().concurrencyPolicy()) && !active.isEmpty()) {
                    recorder.normal(cj, "JobAlreadyActive",
                            "Not starting job because prior execution is running and concurrency policy is Forbid");
                } else {
                    if (CronJob.REPLACE.equals(cj.spec().concurrencyPolicy())) {
                        for (ObjectReference r : active) {
                            deleteJob(cj, r.name());
                        }
                        active.clear();
                    }
                    Job created = createJob(cj, scheduled, zone);
                    if (created != null) {
                        active.add(ObjectReference.to(created));
                    }
                    lastSchedule = scheduled;
                }
            }
            Instant next = schedule.next(now, zone);
            if (next != null) {
                // Upstream looks again 100 ms after the next scheduled time.
                result = ReconcileResult.requeueAfter(Duration.between(now, next).plusMillis(100));
            }
        }
        cleanupFinished(cj, owned);
        active.sort(Comparator.comparing(ObjectReference::name));
        CronJobStatus status = new CronJobStatus(active, lastSchedule, lastSuccess);
        if (!status.equals(cj.status())) {
            api.updateStatus(BuiltinResources.CRON_JOBS, cj.withStatus(status));
        }
        return result;
    }

    /**
     * The latest scheduled time not after now, counted from the last schedule (or creation), or from the
     * starting deadline if that is later (upstream mostRecentScheduleTime); null when none has come.
     */
    private Instant mostRecent(CronJob cj, CronSchedule schedule, ZoneId zone, Instant now) {
        Instant earliest = cj.status().lastScheduleTime() != null ? cj.status().lastScheduleTime()
                : cj.metadata().creationTimestamp();
        Long deadline = cj.spec().startingDeadlineSeconds();
        if (deadline != null && now.minusSeconds(deadline).isAfter(earliest)) {
            earliest = now.minusSeconds(deadline);
        }
        Instant recent = null;
        int missed = 0;
        for (Instant t = schedule.next(earliest, zone); t != null && !t.isAfter(now); t = schedule.next(t, zone)) {
            recent = t;
            missed++;
        }
        if (missed > MAX_MISSED) {
            recorder.warning(cj, "TooManyMissedTimes", "too many missed start times: " + missed
                    + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        return recent;
    }

    static String jobName(CronJob cj, Instant scheduled) {
        return cj.metadata().name() + "-" + scheduled.getEpochSecond() / 60;
    }

    private static boolean startedFor(List<Job> owned, CronJob cj, Instant scheduled) {
        String name = jobName(cj, scheduled);
        return owned.stream().anyMatch(j -> j.metadata().name().equals(name))
                || scheduled.equals(cj.status().lastScheduleTime());
    }

    /** Upstream getJobFromTemplate2: the template's labels and annotations plus the scheduled-time annotation. */
    private Job createJob(CronJob cj, Instant scheduled, ZoneId zone) {
        ObjectMeta t = cj.spec().jobTemplate().metadata();
        Map<String, String> annotations = new TreeMap<>(t == null ? Map.of() : t.annotations());
        annotations.put(Batch.CRON_JOB_SCHEDULED_TIMESTAMP_ANNOTATION,
                RFC3339.format(scheduled.atZone(zone)));
        ObjectMeta meta = ObjectMeta.builder().namespace(cj.metadata().namespace()).name(jobName(cj, scheduled))
                .labels(t == null ? Map.of() : t.labels()).annotations(annotations)
                .ownerReferences(List.of(ControllerUtils.controllerRef(cj))).build();
        try {
            Job job = api.create(BuiltinResources.JOBS, cj.metadata().namespace(),
                    new Job(meta, cj.spec().jobTemplate().spec()));
            recorder.normal(cj, "SuccessfulCreate", "Created job " + job.metadata().name());
            return job;
        } catch (ApiException e) {
            if (e.code() == 409) {
                return null;
            }
            recorder.warning(cj, "FailedCreate", "Error creating job: " + e.getMessage());
            throw e;
        }
    }

    private void deleteJob(CronJob cj, String name) {
        try {
            api.delete(BuiltinResources.JOBS, cj.metadata().namespace(), name,
                    DeleteOptions.propagation(DeleteOptions.BACKGROUND));
            recorder.normal(cj, "SuccessfulDelete", "Deleted job " + name);
        } catch (ApiException e) {
            if (e.code() != 404) {
                recorder.warning(cj, "FailedDelete", "Deleted job: " + e.getMessage());
                throw e;
            }
        }
    }

    /** Upstream cleanupFinishedJobs: the oldest finished Jobs beyond each history limit go. */
    private void cleanupFinished(CronJob cj, List<Job> owned) {
        int keepSucceeded = cj.spec().successfulJobsHistoryLimit() == null ? 3 : cj.spec().successfulJobsHistoryLimit();
        int keepFailed = cj.spec().failedJobsHistoryLimit() == null ? 1 : cj.spec().failedJobsHistoryLimit();
        trim(cj, owned, JobCondition.COMPLETE, keepSucceeded);
        trim(cj, owned, JobCondition.FAILED, keepFailed);
    }

    private void trim(CronJob cj, List<Job> owned, String type, int keep) {
        List<Job> finished = new ArrayList<>(owned.stream().filter(j -> type.equals(finishedType(j))
                && !j.metadata().isBeingDeleted()).toList());
        finished.sort(Comparator.comparing((Job j) -> j.status().startTime(),
                Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(j -> j.metadata().name()));
        for (int i = 0; i < finished.size() - keep; i++) {
            deleteJob(cj, finished.get(i).metadata().name());
        }
    }

    private static boolean isFinished(Job j) {
        return finishedType(j) != null;
    }

    private static String finishedType(Job j) {
        for (JobCondition c : j.status().conditions()) {
            if ((c.type().equals(JobCondition.COMPLETE) || c.type().equals(JobCondition.FAILED))
                    && "True".equals(c.status())) {
                return c.type();
            }
        }
        return null;
    }
}
