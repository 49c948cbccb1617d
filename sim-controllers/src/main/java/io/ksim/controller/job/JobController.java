package io.ksim.controller.job;

import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.api.batch.Job.JobStatus;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerExpectations;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.PodControl;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Job controller (upstream pkg/controller/job): runs pods until {@code completions} succeed, at most
 * {@code parallelism} at a time, in NonIndexed or Indexed completion mode. A failed pod is replaced after an
 * exponential backoff (10 s doubling per failure since the last success, capped at 10 min as upstream's
 * MaxJobPodFailureBackOff); more failures than {@code backoffLimit}, or a Job active longer than
 * {@code activeDeadlineSeconds}, fails it. As in 1.32 a Job first gets {@code SuccessCriteriaMet} or
 * {@code FailureTarget}, its remaining pods are deleted, and once none is left it gets {@code Complete}
 * or {@code Failed} with the same reason and message. A podFailurePolicy ({@link PodFailurePolicies}) may fail
 * the Job at once (reason PodFailurePolicy) or leave a failure uncounted; an Indexed Job's successPolicy
 * ({@link SuccessPolicies}) may declare it succeeded early (reason SuccessPolicy). A suspended Job has no pods; resuming
 * it restarts its {@code activeDeadlineSeconds} clock.
 */
public final class JobController extends Controller {

    /** The controller's name, also the source of its events. */
    public static final String NAME = "job-controller";
    /** Upstream DefaultJobPodFailureBackOff. */
    static final Duration POD_FAILURE_BACKOFF = Duration.ofSeconds(10);
    /** Upstream MaxJobPodFailureBackOff (the documentation says six minutes; the code says ten). */
    static final Duration MAX_POD_FAILURE_BACKOFF = Duration.ofMinutes(10);
    /** Upstream MaxPodCreateDeletePerSync. */
    static final int MAX_POD_CREATE_DELETE_PER_SYNC = 500;

    static final String MSG_COMPLETIONS = "Reached expected number of succeeded pods";
    static final String MSG_BACKOFF = "Job has reached the specified backoff limit";
    static final String MSG_DEADLINE = "Job was active longer than specified deadline";
    static final String MSG_MAX_FAILED_INDEXES = "Job has exceeded the specified maximal number of failed indexes";
    static final String MSG_FAILED_INDEXES = "Job has failed indexes";

    private static final String BY_OWNER = "jobUID";

    private final Informer<Job> jobInformer;
    private final Informer<Pod> podInformer;
    private final ControllerExpectations expectations;
    private final EventRecorder recorder;
    private final PodControl podControl;

    public JobController(ControllerContext context) {
        super(context, NAME);
        jobInformer = informer(BuiltinResources.JOBS);
        podInformer = informer(BuiltinResources.PODS);
        expectations = new ControllerExpectations(kernel);
        recorder = newRecorder();
        podControl = new PodControl(api, recorder);
        podInformer.indexer().addIndex(BY_OWNER, p -> {
            OwnerReference ref = p.metadata().controllerRef();
            return ref == null || !Job.KIND.equals(ref.kind()) ? List.of() : List.of(ref.uid());
        });
        jobInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job, boolean initial) {
                enqueue(job);
            }

            @Override
            public void onUpdate(Job oldJob, Job job) {
                enqueue(job);
            }

            @Override
            public void onDelete(Job job) {
                enqueue(job);
            }
        });
        podInformer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                Job job = owner(pod);
                if (job != null) {
                    expectations.creationObserved(Indexer.keyOf(job));
                    enqueue(job);
                }
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                Job job = owner(pod);
                if (job != null && !Objects.equals(oldPod.metadata().resourceVersion(),
                        pod.metadata().resourceVersion())) {
                    enqueue(job);
                }
            }

            @Override
            public void onDelete(Pod pod) {
                Job job = owner(pod);
                if (job != null) {
                    expectations.deletionObserved(Indexer.keyOf(job), Indexer.keyOf(pod));
                    enqueue(job);
                }
            }
        });
    }

    private Job owner(Pod pod) {
        OwnerReference ref = pod.metadata().controllerRef();
        if (ref == null || !Job.KIND.equals(ref.kind())) {
            return null;
        }
        Job job = jobInformer.indexer().get(pod.metadata().namespace(), ref.name());
        return job != null && job.metadata().uid().equals(ref.uid()) ? job : null;
    }

    static boolean hasCondition(Job job, String type) {
        return job.status().conditions().stream().anyMatch(c -> c.type().equals(type) && "True".equals(c.status()));
    }

    static boolean isFinished(Job job) {
        return hasCondition(job, JobCondition.COMPLETE) || hasCondition(job, JobCondition.FAILED);
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        Job job = jobInformer.indexer().get(key);
        if (job == null) {
            expectations.delete(key);
            return ReconcileResult.done();
        }
        if (isFinished(job) || !expectations.satisfied(key)) {
            return ReconcileResult.done();
        }
        Instant now = kernel.instant();
        List<Pod> pods = podInformer.indexer().byIndex(BY_OWNER, job.metadata().uid());
        JobCounts counts = JobCounts.of(job, pods);
        if (Boolean.TRUE.equals(job.spec().suspend())) {
            return suspend(key, job, counts, now);
        }
        Instant startTime = job.status().startTime() != null ? job.status().startTime() : now;
        List<JobCondition> conditions = new ArrayList<>(job.status().conditions());
        Duration requeue = null;
        int suspended = indexOf(conditions, JobCondition.SUSPENDED);
        if (suspended >= 0 && "True".equals(conditions.get(suspended).status())) {
            // Resumed: the deadline counts from now, as for a Job created suspended.
            conditions.set(suspended, new JobCondition(JobCondition.SUSPENDED, "False", now, now, "JobResumed",
                    "Job resumed"));
            recorder.normal(job, "Resumed", "Job resumed");
            startTime = now;
        }

        JobCondition target = finishingCondition(job);
        if (target == null) {
            target = newFinishingCondition(job, counts, startTime, now);
            if (target != null) {
                conditions.add(target);
            }
        }
        if (target != null) {
            // Finishing: no new pods; the remaining ones go, then the final condition is added.
            deletePods(key, job, counts.active());
            if (counts.active().isEmpty() && counts.terminating() == 0) {
                boolean success = JobCondition.SUCCESS_CRITERIA_MET.equals(target.type());
                conditions.add(new JobCondition(success ? JobCondition.COMPLETE : JobCondition.FAILED, "True", now,
                        now, target.reason(), target.message()));
                if (success) {
                    recorder.normal(job, "Completed", "Job completed");
                } else {
                    recorder.warning(job, target.reason(), target.message());
                }
            }
        } else {
            Duration wait = manage(key, job, counts, now);
            requeue = wait;
            Long deadline = job.spec().activeDeadlineSeconds();
            if (deadline != null) {
                Duration left = Duration.between(now, startTime.plusSeconds(deadline));
                requeue = requeue == null || left.compareTo(requeue) < 0 ? left : requeue;
            }
        }
        boolean complete = conditions.stream().anyMatch(c -> c.type().equals(JobCondition.COMPLETE));
        JobStatus status = new JobStatus(conditions, startTime, complete ? now : null, counts.active().size(),
                counts.succeeded(), counts.failed(), counts.terminating(),
                JobPods.isIndexed(job) ? JobPods.intervals(counts.succeededIndexes()) : null,
                job.spec().backoffLimitPerIndex() != null && JobPods.isIndexed(job)
                        ? JobPods.intervals(counts.failedIndexes(job)) : job.status().failedIndexes(),
                job.status().uncountedTerminatedPods(), counts.ready());
        if (!status.equals(job.status())) {
            api.updateStatus(BuiltinResources.JOBS, job.withStatus(status));
        }
        if (requeue != null && !requeue.isNegative()) {
            return ReconcileResult.requeueAfter(requeue.plusMillis(1));
        }
        return ReconcileResult.done();
    }

    /**
     * A suspended Job (upstream syncJob with spec.suspend): its active pods are deleted and it gets the
     * condition Suspended=True, reason JobSuspended, with the event Suspended "Job suspended".
     */
    private ReconcileResult suspend(String key, Job job, JobCounts counts, Instant now) {
        deletePods(key, job, counts.active());
        List<JobCondition> conditions = new ArrayList<>(job.status().conditions());
        int i = indexOf(conditions, JobCondition.SUSPENDED);
        if (i < 0 || !"True".equals(conditions.get(i).status())) {
            JobCondition c = new JobCondition(JobCondition.SUSPENDED, "True", now, now, "JobSuspended",
                    "Job suspended");
            if (i < 0) {
                conditions.add(c);
            } else {
                conditions.set(i, c);
            }
            recorder.normal(job, "Suspended", "Job suspended");
        }
        JobStatus s = job.status();
        JobStatus status = new JobStatus(conditions, s.startTime(), null, 0, counts.succeeded(), counts.failed(),
                counts.terminating() + counts.active().size(), s.completedIndexes(), s.failedIndexes(),
                s.uncountedTerminatedPods(), 0);
        if (!status.equals(job.status())) {
            api.updateStatus(BuiltinResources.JOBS, job.withStatus(status));
        }
        return ReconcileResult.done();
    }

    private static int indexOf(List<JobCondition> conditions, String type) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    /** The FailureTarget or SuccessCriteriaMet condition the Job already has, or null. */
    private static JobCondition finishingCondition(Job job) {
        for (JobCondition c : job.status().conditions()) {
            if ((c.type().equals(JobCondition.FAILURE_TARGET) || c.type().equals(JobCondition.SUCCESS_CRITERIA_MET))
                    && "True".equals(c.status())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Upstream's order: a podFailurePolicy FailJob rule, the backoff limit, the deadline, with backoffLimitPerIndex
     * too many failed indexes (MaxFailedIndexesExceeded) or every index done and some failed (FailedIndexes), then
     * an Indexed Job's successPolicy, then all completions.
     */
    private static JobCondition newFinishingCondition(Job job, JobCounts counts, Instant startTime, Instant now) {
        if (counts.failJobMessage() != null) {
            return new JobCondition(JobCondition.FAILURE_TARGET, "True", now, now,
                    JobCondition.REASON_POD_FAILURE_POLICY, counts.failJobMessage());
        }
        int backoffLimit = job.spec().backoffLimit() == null ? 6 : job.spec().backoffLimit();
        if (counts.failed() > backoffLimit) {
            return new JobCondition(JobCondition.FAILURE_TARGET, "True", now, now,
                    JobCondition.REASON_BACKOFF_LIMIT_EXCEEDED, MSG_BACKOFF);
        }
        Long deadline = job.spec().activeDeadlineSeconds();
        if (deadline != null && !now.isBefore(startTime.plusSeconds(deadline))) {
            return new JobCondition(JobCondition.FAILURE_TARGET, "True", now, now,
                    JobCondition.REASON_DEADLINE_EXCEEDED, MSG_DEADLINE);
        }
        if (JobPods.isIndexed(job) && job.spec().backoffLimitPerIndex() != null) {
            int completions = job.spec().completions() == null ? 0 : job.spec().completions();
            TreeSet<Integer> failed = counts.failedIndexes(job);
            Integer max = job.spec().maxFailedIndexes();
            if (max != null && failed.size() > max) {
                return new JobCondition(JobCondition.FAILURE_TARGET, "True", now, now,
                        JobCondition.REASON_MAX_FAILED_INDEXES_EXCEEDED, MSG_MAX_FAILED_INDEXES);
            }
            if (!failed.isEmpty() && failed.size() + counts.succeededIndexes().size() >= completions) {
                return new JobCondition(JobCondition.FAILURE_TARGET, "True", now, now,
                        JobCondition.REASON_FAILED_INDEXES, MSG_FAILED_INDEXES);
            }
        }
        if (JobPods.isIndexed(job)) {
            int completions = job.spec().completions() == null ? 0 : job.spec().completions();
            String matched = SuccessPolicies.match(job.spec().successPolicy(), completions, counts.succeededIndexes());
            if (matched != null) {
                return new JobCondition(JobCondition.SUCCESS_CRITERIA_MET, "True", now, now,
                        JobCondition.REASON_SUCCESS_POLICY, matched);
            }
        }
        if (counts.complete(job)) {
            return new JobCondition(JobCondition.SUCCESS_CRITERIA_MET, "True", now, now,
                    JobCondition.REASON_COMPLETIONS_REACHED, MSG_COMPLETIONS);
        }
        return null;
    }

    /** Creates or deletes pods toward the wanted active count; returns the backoff still to wait, or null. */
    private Duration manage(String key, Job job, JobCounts counts, Instant now) {
        int parallelism = job.spec().parallelism() == null ? 1 : job.spec().parallelism();
        List<Integer> toCreate = new ArrayList<>();
        List<Pod> toDelete = new ArrayList<>();
        int active = counts.active().size();
        if (JobPods.isIndexed(job)) {
            int completions = job.spec().completions() == null ? 0 : job.spec().completions();
            Set<Integer> busy = new TreeSet<>(counts.succeededIndexes());
            busy.addAll(counts.failedIndexes(job));
            for (Pod p : counts.active()) {
                busy.add(JobPods.index(p));
            }
            for (int i = 0; i < completions && active + toCreate.size() < parallelism; i++) {
                if (!busy.contains(i)) {
                    toCreate.add(i);
                }
            }
        } else {
            Integer completions = job.spec().completions();
            int want = completions == null ? (counts.succeeded() > 0 ? 0 : parallelism)
                    : Math.min(parallelism, completions - counts.succeeded());
            want = Math.max(want, 0);
            for (int i = active; i < want; i++) {
                toCreate.add(-1);
            }
            if (active > want) {
                // Upstream deletes the most recently created surplus first (activePods sorted by rank).
                List<Pod> newestFirst = new ArrayList<>(counts.active());
                newestFirst.sort(java.util.Comparator.comparing((Pod p) -> p.metadata().creationTimestamp())
                        .thenComparing(p -> p.metadata().name()).reversed());
                toDelete.addAll(newestFirst.subList(0, active - want));
            }
        }
        if (!toDelete.isEmpty()) {
            deletePods(key, job, toDelete);
            return null;
        }
        if (toCreate.isEmpty()) {
            return null;
        }
        Duration wait = counts.backoffRemaining(now);
        if (wait != null && !wait.isNegative() && !wait.isZero()) {
            return wait;
        }
        List<Integer> batch = toCreate.subList(0, Math.min(toCreate.size(), MAX_POD_CREATE_DELETE_PER_SYNC));
        expectations.expectCreations(key, batch.size());
        ApiException[] firstError = new ApiException[1];
        ControllerUtils.BatchResult result = ControllerUtils.slowStartBatch(batch.size(),
                ControllerUtils.SLOW_START_INITIAL_BATCH_SIZE, i -> {
                    try {
                        podControl.createPod(JobPods.newPod(job, batch.get(i)), job);
                        return true;
                    } catch (ApiException e) {
                        firstError[0] = firstError[0] == null ? e : firstError[0];
                        return false;
                    }
                });
        for (int i = result.successes(); i < batch.size(); i++) {
            expectations.creationObserved(key);
        }
        if (firstError[0] != null) {
            throw firstError[0];
        }
        return null;
    }

    private void deletePods(String key, Job job, List<Pod> pods) {
        if (pods.isEmpty()) {
            return;
        }
        Set<String> keys = new LinkedHashSet<>();
        pods.forEach(p -> keys.add(Indexer.keyOf(p)));
        expectations.expectDeletions(key, keys);
        for (Pod p : pods) {
            try {
                podControl.deletePod(p.metadata().namespace(), p.metadata().name(), job);
            } catch (ApiException e) {
                expectations.deletionObserved(key, Indexer.keyOf(p));
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** What a Job's pods add up to. */
    record JobCounts(List<Pod> active, int succeeded, int failed, int terminating, int ready,
            TreeSet<Integer> succeededIndexes, int failuresSinceSuccess, Instant lastFailure, String failJobMessage,
            java.util.Map<Integer, Integer> indexFailures, TreeSet<Integer> failIndexActions) {

        static JobCounts of(Job job, List<Pod> pods) {
            List<Pod> active = new ArrayList<>();
            int succeeded = 0;
            int failed = 0;
            int terminating = 0;
            int ready = 0;
            TreeSet<Integer> indexes = new TreeSet<>();
            Instant lastSuccess = null;
            List<Instant> failures = new ArrayList<>();
            String failJobMessage = null;
            java.util.Map<Integer, Integer> indexFailures = new java.util.TreeMap<>();
            TreeSet<Integer> failIndexActions = new TreeSet<>();
            for (Pod p : pods) {
                String phase = p.status().phase();
                if (PodPhase.SUCCEEDED.equals(phase)) {
                    succeeded++;
                    int i = JobPods.index(p);
                    if (i >= 0) {
                        indexes.add(i);
                    }
                    Instant t = JobPods.finishTime(p);
                    lastSuccess = lastSuccess == null || (t != null && t.isAfter(lastSuccess)) ? t : lastSuccess;
                } else if (PodPhase.FAILED.equals(phase)) {
                    PodFailurePolicies.Outcome outcome = PodFailurePolicies.match(job.spec().podFailurePolicy(), p);
                    if (failJobMessage == null) {
                        failJobMessage = outcome.failJobMessage();
                    }
                    if (!outcome.counts()) {
                        continue; // Ignore: neither in status.failed nor towards backoffLimit
                    }
                    int index = JobPods.index(p);
                    if (index >= 0) {
                        indexFailures.merge(index, 1, Integer::sum);
                        if (io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyRule.FAIL_INDEX.equals(outcome.action())) {
                            failIndexActions.add(index);
                        }
                    }
                    failed++;
                    failures.add(JobPods.finishTime(p));
                } else if (p.metadata().isBeingDeleted()) {
                    terminating++;
                } else {
                    active.add(p);
                    if (PodConditions.isPodReady(p)) {
                        ready++;
                    }
                }
            }
            if (JobPods.isIndexed(job)) {
                succeeded = indexes.size();
            }
            int since = 0;
            Instant last = null;
            for (Instant f : failures) {
                if (f != null && (lastSuccess == null || f.isAfter(lastSuccess))) {
                    since++;
                    last = last == null || f.isAfter(last) ? f : last;
                }
            }
            return new JobCounts(active, succeeded, failed, terminating, ready, indexes, since, last, failJobMessage,
                    indexFailures, failIndexActions);
        }

        /**
         * With backoffLimitPerIndex, the indexes that will not be retried (upstream calculateFailedIndexes): more
         * failures than the per-index limit, or a FailIndex rule matched; an index that succeeded meanwhile is not
         * failed. Empty without backoffLimitPerIndex.
         */
        TreeSet<Integer> failedIndexes(Job job) {
            TreeSet<Integer> out = new TreeSet<>();
            Integer perIndex = job.spec().backoffLimitPerIndex();
            if (perIndex == null || !JobPods.isIndexed(job)) {
                return out;
            }
            indexFailures.forEach((index, n) -> {
                if (n > perIndex) {
                    out.add(index);
                }
            });
            out.addAll(failIndexActions);
            out.removeAll(succeededIndexes);
            return out;
        }

        boolean complete(Job job) {
            Integer completions = job.spec().completions();
            if (JobPods.isIndexed(job)) {
                return completions != null && succeededIndexes.size() >= completions;
            }
            return completions == null ? succeeded > 0 && active.isEmpty() : succeeded >= completions;
        }

        /** Time left before a failed pod may be replaced: 10 s * 2^(failures since the last success - 1). */
        Duration backoffRemaining(Instant now) {
            if (failuresSinceSuccess == 0 || lastFailure == null) {
                return null;
            }
            Duration backoff = POD_FAILURE_BACKOFF;
            for (int i = 1; i < failuresSinceSuccess && backoff.compareTo(MAX_POD_FAILURE_BACKOFF) < 0; i++) {
                backoff = backoff.multipliedBy(2);
            }
            if (backoff.compareTo(MAX_POD_FAILURE_BACKOFF) > 0) {
                backoff = MAX_POD_FAILURE_BACKOFF;
            }
            return Duration.between(now, lastFailure.plus(backoff));
        }
    }
}
