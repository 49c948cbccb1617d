package io.ksim.controller.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.TestCluster;
import io.ksim.controller.garbagecollector.GarbageCollector;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Job walkthroughs after upstream's job_controller_test.go (1.32 conditions and backoff). */
class JobControllerTest {

    private final TestCluster cluster = new TestCluster(61, 3);

    JobControllerTest() {
        cluster.manager.register(JobController.NAME, JobController::new);
        cluster.manager.register(TtlAfterFinishedController.NAME, TtlAfterFinishedController::new);
        cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        cluster.manager.startAll();
    }

    private Job create(String image, Integer completions, Integer parallelism, Integer backoffLimit,
            Long deadline, String mode, Integer ttl) {
        PodTemplateSpec t = new PodTemplateSpec(ObjectMeta.builder().labels(Map.of("app", "pi")).build(),
                PodSpec.builder().containers(List.of(Container.builder().name("pi").image(image).build()))
                        .restartPolicy("Never").build());
        return cluster.api.create(BuiltinResources.JOBS, "default", new Job(ObjectMeta.of("default", "pi"),
                new JobSpec(parallelism, completions, deadline, null, null, backoffLimit, null, null, null, null, t,
                        ttl, mode, null, null, null)));
    }

    private Job job() {
        return cluster.api.get(BuiltinResources.JOBS, "default", "pi");
    }

    private List<Pod> pods() {
        return cluster.pods("default").stream()
                .sorted(Comparator.comparing((Pod p) -> p.metadata().creationTimestamp())
                        .thenComparing(p -> p.metadata().name())).toList();
    }

    private List<String> conditionTypes() {
        return job().status().conditions().stream().map(JobCondition::type).toList();
    }

    private List<String> events(String reason) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.reason().equals(reason)).map(Event::message).toList();
    }

    @Test
    void runsCompletionsWithAtMostParallelismActive() {
        create("busybox:1.36", 5, 2, null, null, null, null);
        int mostActive = 0;
        for (int i = 0; i < 400; i++) {
            cluster.run(0.1);
            mostActive = Math.max(mostActive, (int) pods().stream().filter(ControllerUtils::isPodActive).count());
        }
        assertEquals(2, mostActive);
        Job job = job();
        assertEquals(5, job.status().succeeded());
        assertEquals(0, job.status().active());
        assertEquals(List.of(JobCondition.SUCCESS_CRITERIA_MET, JobCondition.COMPLETE), conditionTypes());
        JobCondition complete = job.status().conditions().get(1);
        assertEquals("CompletionsReached", complete.reason());
        assertEquals("Reached expected number of succeeded pods", complete.message());
        assertTrue(job.status().completionTime() != null);
        assertEquals(List.of("Job completed"), events("Completed"));
        assertEquals(5, pods().size());
        Pod p = pods().get(0);
        assertEquals("pi", p.metadata().labels().get(Batch.JOB_NAME_LABEL));
        assertEquals(job.metadata().uid(), p.metadata().labels().get(Batch.CONTROLLER_UID_LABEL));
        assertEquals("pi", p.metadata().labels().get("job-name"));
        assertEquals(job.metadata().uid(), p.metadata().labels().get("controller-uid"));
        assertTrue(p.metadata().name().startsWith("pi-"));
    }

    @Test
    void failedPodsComeBackWithExponentialBackoffUntilTheBackoffLimit() {
        create("crasher:1", 1, 1, 2, null, null, null);
        cluster.run(200);
        List<Pod> pods = pods();
        assertEquals(3, pods.size(), "backoffLimit 2: the first pod and two retries");
        Instant firstFailed = JobPods.finishTime(pods.get(0));
        Instant secondFailed = JobPods.finishTime(pods.get(1));
        // creationTimestamp has second precision: the replacement is stamped in the second its backoff ends.
        assertBetween(firstFailed.plusSeconds(10), pods.get(1).metadata().creationTimestamp());
        assertBetween(secondFailed.plusSeconds(20), pods.get(2).metadata().creationTimestamp());
        Job job = job();
        assertEquals(3, job.status().failed());
        assertEquals(List.of(JobCondition.FAILURE_TARGET, JobCondition.FAILED), conditionTypes());
        assertEquals("BackoffLimitExceeded", job.status().conditions().get(1).reason());
        assertEquals(List.of("Job has reached the specified backoff limit"), events("BackoffLimitExceeded"));
        assertNull(job.status().completionTime());
    }

    private static void assertBetween(Instant due, Instant created) {
        Instant earliest = due.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertTrue(!created.isBefore(earliest) && !created.isAfter(due.plusSeconds(1)), due + " vs " + created);
    }

    @Test
    void activeDeadlineSecondsStopsARunningJob() {
        create("nginx:1.25", 1, 1, null, 10L, null, null);
        cluster.run(9);
        assertEquals(1, job().status().active());
        cluster.run(40);
        Job job = job();
        assertEquals(List.of(JobCondition.FAILURE_TARGET, JobCondition.FAILED), conditionTypes());
        assertEquals("DeadlineExceeded", job.status().conditions().get(1).reason());
        assertEquals("Job was active longer than specified deadline", job.status().conditions().get(1).message());
        assertTrue(pods().stream().noneMatch(ControllerUtils::isPodActive));
    }

    @Test
    void indexedJobsGiveEachPodItsIndex() {
        create("busybox:1.36", 3, 3, null, null, JobSpec.INDEXED, null);
        cluster.run(2);
        List<Pod> pods = pods();
        assertEquals(3, pods.size());
        for (Pod p : pods) {
            String index = p.metadata().annotations().get(Batch.JOB_COMPLETION_INDEX_ANNOTATION);
            assertEquals(index, p.metadata().labels().get(Batch.JOB_COMPLETION_INDEX_ANNOTATION));
            assertTrue(p.metadata().name().startsWith("pi-" + index + "-"), p.metadata().name());
            assertEquals("pi-" + index, p.spec().hostname());
            assertTrue(p.spec().containers().get(0).env().stream()
                    .anyMatch(e -> e.name().equals("JOB_COMPLETION_INDEX") && e.value().equals(index)));
        }
        cluster.run(30);
        assertEquals("0-2", job().status().completedIndexes());
        assertEquals(3, job().status().succeeded());
        assertTrue(conditionTypes().contains(JobCondition.COMPLETE));
    }

    @Test
    void ttlAfterFinishedDeletesTheJobAndItsPods() {
        create("busybox:1.36", 1, 1, null, null, null, 5);
        cluster.run(9);
        assertTrue(conditionTypes().contains(JobCondition.COMPLETE));
        cluster.run(10);
        try {
            job();
            throw new AssertionError("the Job should be gone");
        } catch (ApiException e) {
            assertEquals(404, e.code());
        }
        cluster.run(5);
        assertTrue(pods().isEmpty());
    }

    @Test
    void intervalsPrintAsUpstream() {
        assertEquals("", JobPods.intervals(new java.util.TreeSet<>()));
        assertEquals("0", JobPods.intervals(new java.util.TreeSet<>(List.of(0))));
        assertEquals("0,1", JobPods.intervals(new java.util.TreeSet<>(List.of(0, 1))));
        assertEquals("1,3-5,7", JobPods.intervals(new java.util.TreeSet<>(List.of(1, 3, 4, 5, 7))));
    }

    @Test
    void aSuspendedJobRunsNoPodsUntilResumed() {
        Job created = create("busybox:1.36", 2, 2, null, null, null, null);
        cluster.run(3);
        Job running = job();
        cluster.api.update(BuiltinResources.JOBS, running.withSpec(running.spec().withSuspend(true)));
        cluster.run(40);
        assertTrue(pods().stream().noneMatch(ControllerUtils::isPodActive), "suspending deletes the active pods");
        JobCondition suspended = job().status().conditions().get(0);
        assertEquals(JobCondition.SUSPENDED, suspended.type());
        assertEquals("True", suspended.status());
        assertEquals("JobSuspended", suspended.reason());
        assertEquals(List.of("Job suspended"), events("Suspended"));
        Job paused = job();
        cluster.api.update(BuiltinResources.JOBS, paused.withSpec(paused.spec().withSuspend(false)));
        cluster.run(30);
        assertEquals(List.of(JobCondition.SUSPENDED, JobCondition.SUCCESS_CRITERIA_MET, JobCondition.COMPLETE),
                conditionTypes());
        assertEquals("JobResumed", job().status().conditions().get(0).reason());
        assertEquals("False", job().status().conditions().get(0).status());
        assertEquals(List.of("Job resumed"), events("Resumed"));
        assertEquals(created.metadata().uid(), job().metadata().uid());
    }
}
