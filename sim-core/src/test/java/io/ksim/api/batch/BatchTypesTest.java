package io.ksim.api.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.KubeJson;
import io.ksim.api.core.ManifestRoundTrip;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnExitCodesRequirement;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyOnPodConditionsPattern;
import io.ksim.api.batch.PodFailurePolicy.PodFailurePolicyRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Job and CronJob manifests of the Kubernetes documentation, with statuses as the controllers write them. */
class BatchTypesTest {

    /** The shared strict round trip, plus the same through JSON. */
    private static <T> T roundTrip(String yaml, Class<T> type) throws Exception {
        T decoded = ManifestRoundTrip.roundTrip(yaml, type);
        assertEquals(decoded, KubeJson.json().readValue(KubeJson.json().writeValueAsString(decoded), type));
        return decoded;
    }

    static final String PI_JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: pi
              namespace: default
            spec:
              template:
                spec:
                  containers:
                  - name: pi
                    image: perl:5.34.0
                    command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
                  restartPolicy: Never
              backoffLimit: 4
            """;

    @Test
    void completedJob() throws Exception {
        Job job = roundTrip(PI_JOB + """
                status:
                  conditions:
                  - type: SuccessCriteriaMet
                    status: "True"
                    lastProbeTime: "2025-01-01T00:01:00Z"
                    lastTransitionTime: "2025-01-01T00:01:00Z"
                    reason: CompletionsReached
                    message: Reached expected number of succeeded pods
                  - type: Complete
                    status: "True"
                    lastProbeTime: "2025-01-01T00:01:00Z"
                    lastTransitionTime: "2025-01-01T00:01:00Z"
                    reason: CompletionsReached
                    message: Reached expected number of succeeded pods
                  startTime: "2025-01-01T00:00:00Z"
                  completionTime: "2025-01-01T00:01:00Z"
                  succeeded: 1
                  ready: 0
                  terminating: 0
                  uncountedTerminatedPods: {}
                """, Job.class);
        assertEquals(4, job.spec().backoffLimit());
        assertNull(job.spec().completions());
        assertEquals("Never", job.spec().template().spec().restartPolicy());
        assertEquals(List.of("perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"),
                job.spec().template().spec().containers().get(0).command());
        Job.JobStatus status = job.status();
        assertEquals(Job.JobCondition.COMPLETE, status.conditions().get(1).type());
        assertEquals(Job.JobCondition.REASON_COMPLETIONS_REACHED, status.conditions().get(1).reason());
        assertEquals(Instant.parse("2025-01-01T00:01:00Z"), status.completionTime());
        assertEquals(1, status.succeeded());
        assertEquals(0, status.ready());
        assertEquals(0, status.terminating());
        assertNull(status.active());
        assertEquals(List.of(), status.uncountedTerminatedPods().succeeded());
        String yaml = KubeJson.yaml().writeValueAsString(status);
        assertTrue(yaml.contains("uncountedTerminatedPods: {}"), yaml);
        assertTrue(yaml.contains("ready: 0"), yaml);
    }

    @Test
    void podFailurePolicy() throws Exception {
        Job job = roundTrip("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: job-pod-failure-policy-example
                spec:
                  completions: 12
                  parallelism: 3
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: docker.io/library/bash:5
                        command: ["bash"]
                        args:
                        - -c
                        - echo "Hello world!" && sleep 5 && exit 42
                  backoffLimit: 6
                  podFailurePolicy:
                    rules:
                    - action: FailJob
                      onExitCodes:
                        containerName: main
                        operator: In
                        values: [42]
                    - action: Ignore
                      onPodConditions:
                      - type: DisruptionTarget
                """, Job.class);
        assertEquals(12, job.spec().completions());
        assertEquals(3, job.spec().parallelism());
        List<PodFailurePolicyRule> rules = job.spec().podFailurePolicy().rules();
        assertEquals(new PodFailurePolicyRule(PodFailurePolicyRule.FAIL_JOB,
                new PodFailurePolicyOnExitCodesRequirement("main", "In", List.of(42)), List.of()), rules.get(0));
        assertEquals(new PodFailurePolicyRule(PodFailurePolicyRule.IGNORE, null,
                List.of(new PodFailurePolicyOnPodConditionsPattern("DisruptionTarget", null))), rules.get(1));
    }

    @Test
    void indexedJobWithPerIndexBackoffAndSuccessPolicy() throws Exception {
        Job job = roundTrip("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: job-backoff-limit-per-index-example
                spec:
                  completions: 10
                  parallelism: 3
                  completionMode: Indexed
                  backoffLimitPerIndex: 1
                  maxFailedIndexes: 5
                  successPolicy:
                    rules:
                    - succeededIndexes: "0,2-3"
                      succeededCount: 1
                  podReplacementPolicy: Failed
                  managedBy: kueue.x-k8s.io/multikueue
                  ttlSecondsAfterFinished: 100
                  activeDeadlineSeconds: 300
                  suspend: true
                  manualSelector: true
                  selector:
                    matchLabels:
                      batch.kubernetes.io/job-name: job-backoff-limit-per-index-example
                  template:
                    metadata:
                      labels:
                        batch.kubernetes.io/job-name: job-backoff-limit-per-index-example
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: example
                        image: python
                        command: ["python3", "-c", "import os, sys; sys.exit(0)"]
                status:
                  active: 3
                  failed: 2
                  completedIndexes: "0,2-3"
                  failedIndexes: ""
                  uncountedTerminatedPods:
                    succeeded: ["7f2c3e7a-0000-4000-8000-000000000001"]
                """, Job.class);
        JobSpec spec = job.spec();
        assertEquals(JobSpec.INDEXED, spec.completionMode());
        assertEquals(1, spec.backoffLimitPerIndex());
        assertEquals(5, spec.maxFailedIndexes());
        assertEquals("0,2-3", spec.successPolicy().rules().get(0).succeededIndexes());
        assertEquals(1, spec.successPolicy().rules().get(0).succeededCount());
        assertEquals(JobSpec.FAILED, spec.podReplacementPolicy());
        assertEquals("kueue.x-k8s.io/multikueue", spec.managedBy());
        assertEquals(100, spec.ttlSecondsAfterFinished());
        assertEquals(300L, spec.activeDeadlineSeconds());
        assertEquals(Boolean.TRUE, spec.suspend());
        assertEquals(Boolean.TRUE, spec.manualSelector());
        assertEquals("0,2-3", job.status().completedIndexes());
        assertEquals("", job.status().failedIndexes());
        assertEquals(List.of("7f2c3e7a-0000-4000-8000-000000000001"),
                job.status().uncountedTerminatedPods().succeeded());
        assertTrue(KubeJson.yaml().writeValueAsString(job.status()).contains("failedIndexes: \"\""),
                "failedIndexes is a pointer upstream: an empty one is printed");
    }

    @Test
    void cronJob() throws Exception {
        CronJob cronJob = roundTrip("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: hello
                  namespace: default
                spec:
                  schedule: "* * * * *"
                  timeZone: Etc/UTC
                  startingDeadlineSeconds: 200
                  concurrencyPolicy: Forbid
                  successfulJobsHistoryLimit: 5
                  jobTemplate:
                    metadata:
                      labels:
                        app: hello
                    spec:
                      template:
                        spec:
                          containers:
                          - name: hello
                            image: busybox:1.28
                            imagePullPolicy: IfNotPresent
                            command:
                            - /bin/sh
                            - -c
                            - date; echo Hello from the Kubernetes cluster
                          restartPolicy: OnFailure
                status:
                  active:
                  - apiVersion: batch/v1
                    kind: Job
                    name: hello-28912345
                    namespace: default
                    resourceVersion: "1234"
                    uid: 3c1e5a9b-0000-4000-8000-000000000002
                  lastScheduleTime: "2025-01-01T00:05:00Z"
                  lastSuccessfulTime: "2025-01-01T00:04:09Z"
                """, CronJob.class);
        assertEquals("* * * * *", cronJob.spec().schedule());
        assertEquals("Etc/UTC", cronJob.spec().timeZone());
        assertEquals(200L, cronJob.spec().startingDeadlineSeconds());
        assertEquals(CronJob.FORBID, cronJob.spec().concurrencyPolicy());
        assertEquals("hello", cronJob.spec().jobTemplate().metadata().labels().get("app"));
        assertEquals("OnFailure", cronJob.spec().jobTemplate().spec().template().spec().restartPolicy());
        assertEquals("hello-28912345", cronJob.status().active().get(0).name());
        assertEquals("Job", cronJob.status().active().get(0).kind());
        assertEquals(Instant.parse("2025-01-01T00:04:09Z"), cronJob.status().lastSuccessfulTime());
    }

    @Test
    void unknownFieldsAreReportedWithPaths() throws Exception {
        String yaml = PI_JOB.replace("backoffLimit: 4", "backofLimit: 4\n  podFailurePolicy:\n    rules:\n"
                + "    - action: Ignore\n      onExitCode: {operator: In, values: [1]}");
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, Job.class, unknown);
        }
        assertEquals(List.of("spec.backofLimit", "spec.podFailurePolicy.rules[0].onExitCode"), unknown);
    }
}
