package io.ksim.controller.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import org.junit.jupiter.api.Test;

/** backoffLimitPerIndex and maxFailedIndexes of Indexed Jobs, after upstream's job_controller_test.go (v1.32). */
class BackoffLimitPerIndexTest {

    private final TestCluster cluster = new TestCluster(29, 3);

    BackoffLimitPerIndexTest() {
        cluster.manager.register(JobController.NAME, JobController::new);
        cluster.manager.start(JobController.NAME);
    }

    /** Three indexes of the crasher image (exits 1 after 3 s), all at once. */
    private Job run(String extra, double seconds) {
        cluster.api.createObject("default", cluster.api.scheme().decodeAll("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi}
                spec:
                  completions: 3
                  parallelism: 3
                  completionMode: Indexed
                %s
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: pi, image: "crasher:1"}]
                """.formatted(extra.indent(2).stripTrailing())).get(0));
        cluster.run(seconds);
        return cluster.api.get(BuiltinResources.JOBS, "default", "pi");
    }

    private static JobCondition condition(Job job, String type) {
        return job.status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    @Test
    void everyIndexOverItsLimitFailsTheJobWithFailedIndexes() {
        Job job = run("backoffLimitPerIndex: 1", 120);
        assertEquals("0-2", job.status().failedIndexes());
        JobCondition failed = condition(job, JobCondition.FAILED);
        assertEquals("FailedIndexes", failed.reason());
        assertEquals("Job has failed indexes", failed.message());
        assertEquals(6, cluster.pods("default").size(), "two tries per index");
        assertEquals(6, job.status().failed());
    }

    @Test
    void moreFailedIndexesThanAllowedFailsTheJobAtOnce() {
        Job job = run("backoffLimitPerIndex: 0\nmaxFailedIndexes: 1", 60);
        JobCondition failed = condition(job, JobCondition.FAILED);
        assertEquals("MaxFailedIndexesExceeded", failed.reason());
        assertEquals("Job has exceeded the specified maximal number of failed indexes", failed.message());
        assertEquals("0-2", job.status().failedIndexes());
    }

    @Test
    void aFailIndexRuleFailsTheIndexWithoutRetries() {
        Job job = run("""
                backoffLimitPerIndex: 5
                podFailurePolicy:
                  rules:
                  - {action: FailIndex, onExitCodes: {operator: In, values: [1]}}
                """, 60);
        assertEquals("0-2", job.status().failedIndexes());
        assertEquals("FailedIndexes", condition(job, JobCondition.FAILED).reason());
        assertEquals(3, cluster.pods("default").size(), "one try per index");
    }
}
