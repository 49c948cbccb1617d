package io.ksim.controller.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.api.batch.PodFailurePolicy;
import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** podFailurePolicy after upstream's pod_failure_policy_test.go and job_controller_test.go (v1.32). */
class PodFailurePolicyTest {

    private final TestCluster cluster = new TestCluster(23, 2);

    PodFailurePolicyTest() {
        cluster.manager.register(JobController.NAME, JobController::new);
        cluster.manager.start(JobController.NAME);
    }

    /** A Job of the crasher image (exits 1 after 3 s) with {@code rules} as its podFailurePolicy. */
    private void createJob(int backoffLimit, String rules) {
        cluster.api.createObject("default", cluster.api.scheme().decodeAll("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi}
                spec:
                  backoffLimit: %d
                  podFailurePolicy:
                    rules:
                %s
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: pi, image: "crasher:1"}]
                """.formatted(backoffLimit, rules.indent(4).stripTrailing())).get(0));
    }

    private Job job() {
        return cluster.api.get(BuiltinResources.JOBS, "default", "pi");
    }

    private JobCondition condition(String type) {
        return job().status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    private List<Pod> pods() {
        return cluster.pods("default");
    }

    @Test
    void failJobOnAnExitCodeFailsTheJobAtOnceWithTheRulesMessage() {
        createJob(6, "- action: FailJob\n  onExitCodes: {operator: In, values: [1, 42]}");
        cluster.run(30);
        assertEquals(1, pods().size(), "no replacement");
        String message = "Container pi for pod default/" + pods().get(0).metadata().name()
                + " failed with exit code 1 matching FailJob rule at index 0";
        JobCondition target = condition(JobCondition.FAILURE_TARGET);
        assertEquals("PodFailurePolicy", target.reason());
        assertEquals(message, target.message());
        JobCondition failed = condition(JobCondition.FAILED);
        assertEquals("PodFailurePolicy", failed.reason());
        assertEquals(message, failed.message());
        assertEquals(1, job().status().failed());
        assertTrue(cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .anyMatch(e -> e.reason().equals("PodFailurePolicy") && e.message().equals(message)
                        && e.type().equals(Event.TYPE_WARNING)));
    }

    @Test
    void ignoredFailuresNeitherCountNorExhaustTheBackoffLimit() {
        createJob(0, "- action: Ignore\n  onExitCodes: {operator: In, values: [1]}");
        cluster.run(30);
        assertNull(condition(JobCondition.FAILED));
        assertTrue(pods().size() >= 3, "each ignored failure is replaced at once: " + pods().size());
        Integer failed = job().status().failed();
        assertTrue(failed == null || failed == 0, "failed " + failed);
    }

    @Test
    void aRuleThatDoesNotMatchLeavesTheFailureToTheBackoffLimit() {
        createJob(0, "- action: FailJob\n  onExitCodes: {operator: NotIn, values: [1]}\n"
                + "- action: Count\n  onPodConditions: [{type: DisruptionTarget}]");
        cluster.run(30);
        assertEquals("BackoffLimitExceeded", condition(JobCondition.FAILED).reason());
    }

    private static Pod pod(String yamlStatus) throws Exception {
        return KubeJson.yaml().readValue("""
                metadata: {name: p, namespace: default}
                status:
                %s
                """.formatted(yamlStatus.indent(2).stripTrailing()), Pod.class);
    }

    private static PodFailurePolicy policy(String rules) throws Exception {
        return KubeJson.yaml().readValue("rules:\n" + rules, PodFailurePolicy.class);
    }

    @Test
    void matchingFollowsUpstreamsRules() throws Exception {
        Pod disrupted = pod("""
                phase: Failed
                conditions: [{type: DisruptionTarget, status: "True", reason: EvictionByEvictionAPI}]
                containerStatuses: [{name: main, state: {terminated: {exitCode: 137}}}]
                """);
        PodFailurePolicy p = policy("""
                - {action: Ignore, onExitCodes: {operator: In, values: [42]}}
                - {action: FailJob, onPodConditions: [{type: DisruptionTarget, status: "True"}]}
                """);
        assertEquals("Pod default/p has condition DisruptionTarget matching FailJob rule at index 1",
                PodFailurePolicies.match(p, disrupted).failJobMessage());
        // Exit code 0 never matches, even NotIn; app containers come before init containers; containerName filters.
        Pod initFailed = pod("""
                phase: Failed
                initContainerStatuses: [{name: setup, state: {terminated: {exitCode: 3}}}]
                containerStatuses: [{name: main, state: {terminated: {exitCode: 0}}}]
                """);
        assertEquals("Container setup for pod default/p failed with exit code 3 matching FailJob rule at index 0",
                PodFailurePolicies.match(policy("- {action: FailJob, onExitCodes: {operator: NotIn, values: [1]}}"),
                        initFailed).failJobMessage());
        assertNull(PodFailurePolicies.match(policy(
                "- {action: FailJob, onExitCodes: {containerName: main, operator: NotIn, values: [1]}}"),
                initFailed).action());
        assertEquals("Count", PodFailurePolicies.match(policy(
                "- {action: Count, onExitCodes: {operator: In, values: [3]}}"), initFailed).action());
        assertEquals(false, PodFailurePolicies.match(policy(
                "- {action: Ignore, onExitCodes: {operator: In, values: [3]}}"), initFailed).counts());
        assertNull(PodFailurePolicies.match(null, initFailed).action());
    }
}
