package io.ksim.api.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.KubeJson;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnPodConditionsPattern;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyRule;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values from upstream pkg/apis/batch/v1/defaults.go (SetDefaults_Job, SetDefaults_CronJob) and the
 * cases of its defaults_test.go, at v1.32 with default feature gates.
 */
class BatchDefaultsTest {

    private static Job job(Integer parallelism, Integer completions) {
        return new Job(ObjectMeta.of("default", "j"), new JobSpec(parallelism, completions, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null));
    }

    @ParameterizedTest(name = "parallelism={0} completions={1} -> {2}, {3}")
    @CsvSource(nullValues = "nil", value = {
            "nil, nil, 1, 1",
            "nil, 5, 1, 5",
            "3, nil, 3, nil",
            "0, nil, 0, nil",
            "nil, 0, 1, 0",
            "4, 8, 4, 8",
    })
    void parallelismAndCompletions(Integer parallelism, Integer completions, Integer expectedParallelism,
            Integer expectedCompletions) {
        JobSpec spec = BatchDefaults.job(job(parallelism, completions)).spec();
        assertEquals(expectedParallelism, spec.parallelism());
        assertEquals(expectedCompletions, spec.completions());
    }

    @Test
    void jobDefaults() throws Exception {
        Job job = BatchDefaults.job(KubeJson.yaml().readValue(BatchTypesTest.PI_JOB.replace("  backoffLimit: 4\n", "")
                .replace("  template:\n", "  template:\n    metadata: {labels: {app: pi}}\n"), Job.class));
        JobSpec spec = job.spec();
        assertEquals(6, spec.backoffLimit());
        assertEquals(JobSpec.NON_INDEXED, spec.completionMode());
        assertEquals(Boolean.FALSE, spec.suspend());
        assertEquals(Boolean.FALSE, spec.manualSelector());
        assertEquals(JobSpec.TERMINATING_OR_FAILED, spec.podReplacementPolicy());
        assertNull(spec.selector(), "the selector is generated on create, not by defaulting");
        assertNull(spec.ttlSecondsAfterFinished());
        assertEquals(Map.of("app", "pi"), job.metadata().labels(), "a Job without labels takes the template's");
        assertEquals("Never", spec.template().spec().restartPolicy());
        assertEquals("ClusterFirst", spec.template().spec().dnsPolicy());
        assertEquals(job, BatchDefaults.job(job), "idempotent");
    }

    @Test
    void ownLabelsAreKept() {
        Job j = job(null, null);
        Job labeled = j.withMetadata(j.metadata().withLabels(Map.of("team", "a")));
        assertEquals(Map.of("team", "a"), BatchDefaults.job(labeled).metadata().labels());
        assertEquals(j.metadata(), BatchDefaults.job(j).metadata(), "no template labels: metadata untouched");
    }

    @Test
    void backoffLimitWithPerIndexLimitIsUnbounded() {
        Job j = job(null, 4);
        JobSpec s = j.spec();
        Job perIndex = j.withSpec(new JobSpec(null, 4, null, null, null, null, 2, null, null, null, null, null,
                JobSpec.INDEXED, null, null, null));
        assertEquals(Integer.MAX_VALUE, BatchDefaults.job(perIndex).spec().backoffLimit());
        assertEquals(JobSpec.INDEXED, BatchDefaults.job(perIndex).spec().completionMode());
        assertEquals(6, BatchDefaults.job(j.withSpec(s)).spec().backoffLimit());
    }

    @Test
    void podFailurePolicyPatternsAndReplacementPolicy() {
        PodFailurePolicy policy = new PodFailurePolicy(List.of(
                new PodFailurePolicyRule("Ignore", null, List.of(
                        new PodFailurePolicyOnPodConditionsPattern("DisruptionTarget", null),
                        new PodFailurePolicyOnPodConditionsPattern("ConfigIssue", "False")))));
        Job j = job(null, null);
        Job withPolicy = j.withSpec(new JobSpec(null, null, null, policy, null, null, null, null, null, null, null,
                null, null, null, null, null));
        JobSpec spec = BatchDefaults.job(withPolicy).spec();
        assertEquals(List.of(new PodFailurePolicyOnPodConditionsPattern("DisruptionTarget", "True"),
                new PodFailurePolicyOnPodConditionsPattern("ConfigIssue", "False")),
                spec.podFailurePolicy().rules().get(0).onPodConditions());
        assertEquals(JobSpec.FAILED, spec.podReplacementPolicy(), "with a pod failure policy, replace only Failed");
        Job explicit = j.withSpec(new JobSpec(null, null, null, null, null, null, null, null, null, true, null, null,
                null, true, JobSpec.FAILED, null));
        JobSpec kept = BatchDefaults.job(explicit).spec();
        assertEquals(JobSpec.FAILED, kept.podReplacementPolicy());
        assertEquals(Boolean.TRUE, kept.suspend());
        assertEquals(Boolean.TRUE, kept.manualSelector());
    }

    @Test
    void cronJobDefaults() throws Exception {
        CronJob cronJob = BatchDefaults.cronJob(KubeJson.yaml().readValue("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: hello, namespace: default}
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers: [{name: hello, image: "busybox:1.28"}]
                          restartPolicy: OnFailure
                """, CronJob.class));
        CronJob.CronJobSpec spec = cronJob.spec();
        assertEquals(CronJob.ALLOW, spec.concurrencyPolicy());
        assertEquals(Boolean.FALSE, spec.suspend());
        assertEquals(3, spec.successfulJobsHistoryLimit());
        assertEquals(1, spec.failedJobsHistoryLimit());
        assertNull(spec.startingDeadlineSeconds());
        JobSpec jobSpec = spec.jobTemplate().spec();
        assertNull(jobSpec.backoffLimit(), "Job-level defaults apply when the Job is created");
        assertNull(jobSpec.completionMode());
        assertEquals("ClusterFirst", jobSpec.template().spec().dnsPolicy());
        assertEquals("IfNotPresent", jobSpec.template().spec().containers().get(0).imagePullPolicy());
        assertEquals(cronJob, BatchDefaults.cronJob(cronJob), "idempotent");

        CronJob given = cronJob.withSpec(new CronJob.CronJobSpec("@hourly", null, 60L, CronJob.REPLACE, true,
                spec.jobTemplate(), 0, 0));
        assertEquals(given, BatchDefaults.cronJob(given));
    }
}
