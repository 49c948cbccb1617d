package io.ksim.controller.cronjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.batch.Batch;
import io.ksim.api.batch.CronJob;
import io.ksim.api.batch.CronJob.CronJobSpec;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.JobSpec;
import io.ksim.api.batch.JobTemplateSpec;
import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.controller.garbagecollector.GarbageCollector;
import io.ksim.controller.job.JobController;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CronJob walkthroughs on the virtual clock (upstream cronjob_controllerv2_test.go). */
class CronJobControllerTest {

    /** The kernel's epoch, 2025-01-01T00:00:00Z, in minutes since the Unix epoch. */
    private static final long T0_MINUTES = Instant.parse("2025-01-01T00:00:00Z").getEpochSecond() / 60;

    private final TestCluster cluster = new TestCluster(71, 2);

    CronJobControllerTest() {
        cluster.manager.register(CronJobController.NAME, CronJobController::new);
        cluster.manager.register(JobController.NAME, JobController::new);
        cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        cluster.manager.startAll();
    }

    private void create(String image, String policy, Integer keepSucceeded) {
        PodTemplateSpec t = new PodTemplateSpec(ObjectMeta.builder().build(), PodSpec.builder()
                .containers(List.of(Container.builder().name("hello").image(image).build()))
                .restartPolicy("OnFailure").build());
        cluster.api.create(BuiltinResources.CRON_JOBS, "default", new CronJob(ObjectMeta.of("default", "hello"),
                new CronJobSpec("*/1 * * * *", null, null, policy, null,
                        new JobTemplateSpec(ObjectMeta.builder().build(), JobSpec.of(t)), keepSucceeded, null)));
    }

    private List<String> jobNames() {
        return cluster.api.list(BuiltinResources.JOBS, "default").items().stream()
                .filter(j -> !j.metadata().isBeingDeleted()).map(j -> j.metadata().name()).sorted().toList();
    }

    private List<String> events(String reason) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.reason().equals(reason)).map(Event::message).sorted().toList();
    }

    private CronJob cronJob() {
        return cluster.api.get(BuiltinResources.CRON_JOBS, "default", "hello");
    }

    @Test
    void createsAJobEachMinuteNamedAfterTheScheduledMinute() {
        create("busybox:1.36", null, null);
        cluster.run(59);
        assertTrue(jobNames().isEmpty());
        cluster.run(150);
        assertEquals(List.of("hello-" + (T0_MINUTES + 1), "hello-" + (T0_MINUTES + 2), "hello-" + (T0_MINUTES + 3)),
                jobNames());
        Job first = cluster.api.get(BuiltinResources.JOBS, "default", "hello-" + (T0_MINUTES + 1));
        assertEquals("2025-01-01T00:01:00Z",
                first.metadata().annotations().get(Batch.CRON_JOB_SCHEDULED_TIMESTAMP_ANNOTATION));
        assertEquals("CronJob", first.metadata().controllerRef().kind());
        CronJob cj = cronJob();
        assertEquals(Instant.parse("2025-01-01T00:03:00Z"), cj.status().lastScheduleTime());
        assertTrue(cj.status().lastSuccessfulTime() != null);
        assertTrue(events("SuccessfulCreate").contains("Created job hello-" + (T0_MINUTES + 1)));
        assertTrue(events("SawCompletedJob").contains("Saw completed job: hello-" + (T0_MINUTES + 1)
                + ", condition: Complete"), events("SawCompletedJob").toString());
    }

    @Test
    void historyLimitKeepsTheNewestSuccessfulJobs() {
        create("busybox:1.36", null, 2);
        cluster.run(330);
        assertEquals(List.of("hello-" + (T0_MINUTES + 4), "hello-" + (T0_MINUTES + 5)), jobNames());
        assertTrue(events("SuccessfulDelete").contains("Deleted job hello-" + (T0_MINUTES + 1)));
    }

    @Test
    void forbidSkipsWhileAJobRuns() {
        create("nginx:1.25", CronJob.FORBID, null);
        cluster.run(200);
        assertEquals(List.of("hello-" + (T0_MINUTES + 1)), jobNames());
        assertEquals(1, cronJob().status().active().size());
        assertTrue(events("JobAlreadyActive").contains(
                "Not starting job because prior execution is running and concurrency policy is Forbid"));
    }

    @Test
    void replaceDeletesTheRunningJobFirst() {
        create("nginx:1.25", CronJob.REPLACE, null);
        cluster.run(200);
        assertEquals(List.of("hello-" + (T0_MINUTES + 3)), jobNames());
        assertEquals(1, cronJob().status().active().size());
        assertTrue(events("SuccessfulDelete").contains("Deleted job hello-" + (T0_MINUTES + 1)));
    }

    @Test
    void aControllerDownPastTheStartingDeadlineSkipsTheMissedRuns() {
        createWithDeadline(10L);
        cluster.run(30);
        cluster.manager.crash(CronJobController.NAME);
        cluster.run(180);
        cluster.manager.start(CronJobController.NAME);
        cluster.run(5);
        assertTrue(jobNames().isEmpty(), "00:01 to 00:03 are more than 10 s ago: skipped");
        cluster.run(40);
        assertEquals(List.of("hello-" + (T0_MINUTES + 4)), jobNames());
    }

    @Test
    void withoutADeadlineTheMostRecentMissedRunStartsAtOnce() {
        createWithDeadline(null);
        cluster.run(30);
        cluster.manager.crash(CronJobController.NAME);
        cluster.run(180);
        cluster.manager.start(CronJobController.NAME);
        cluster.run(5);
        assertEquals(List.of("hello-" + (T0_MINUTES + 3)), jobNames(), "only the most recent missed time runs");
    }

    private void createWithDeadline(Long deadline) {
        PodTemplateSpec t = new PodTemplateSpec(ObjectMeta.builder().build(), PodSpec.builder()
                .containers(List.of(Container.builder().name("hello").image("busybox:1.36").build()))
                .restartPolicy("OnFailure").build());
        cluster.api.create(BuiltinResources.CRON_JOBS, "default", new CronJob(ObjectMeta.of("default", "hello"),
                new CronJobSpec("*/1 * * * *", null, deadline, null, null,
                        new JobTemplateSpec(ObjectMeta.builder().build(), JobSpec.of(t)), null, null)));
    }
}
