package io.ksim.controller.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.KubeJson;
import io.ksim.api.batch.Job;
import io.ksim.api.batch.Job.JobCondition;
import io.ksim.api.batch.SuccessPolicy;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An Indexed Job's successPolicy, after upstream's success_policy_test.go (v1.32). */
class SuccessPolicyTest {

    private static SuccessPolicy policy(String rules) throws Exception {
        return KubeJson.yaml().readValue("rules:\n" + rules, SuccessPolicy.class);
    }

    @Test
    void rulesMatchAsUpstreams() throws Exception {
        SuccessPolicy p = policy("- {succeededIndexes: \"0-2,4\"}\n- {succeededCount: 3}");
        assertEquals("Matched rules at index 0", SuccessPolicies.match(p, 10, Set.of(0, 1, 2, 4)));
        assertEquals("Matched rules at index 1", SuccessPolicies.match(p, 10, Set.of(0, 7, 9)));
        assertNull(SuccessPolicies.match(p, 10, Set.of(0, 1)));
        assertNull(SuccessPolicies.match(p, 10, Set.of()));
        SuccessPolicy some = policy("- {succeededIndexes: \"3-7\", succeededCount: 2}");
        assertEquals("Matched rules at index 0", SuccessPolicies.match(some, 10, Set.of(0, 4, 6)));
        assertNull(SuccessPolicies.match(some, 10, Set.of(0, 1, 4)));
        assertEquals(Set.of(1, 2, 3, 5), SuccessPolicies.parse("1-3,5,9", 6));
    }

    @Test
    void aMetRuleCompletesTheJobBeforeAllIndexesRan() {
        TestCluster cluster = new TestCluster(17, 2);
        cluster.manager.register(JobController.NAME, JobController::new);
        cluster.manager.start(JobController.NAME);
        cluster.api.createObject("default", cluster.api.scheme().decodeAll("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi}
                spec:
                  completions: 3
                  parallelism: 1
                  completionMode: Indexed
                  successPolicy:
                    rules:
                    - {succeededIndexes: "2"}
                    - {succeededCount: 2}
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: pi, image: "busybox:1.36"}]
                """).get(0));
        cluster.run(60);
        Job job = cluster.api.get(BuiltinResources.JOBS, "default", "pi");
        JobCondition met = job.status().conditions().stream()
                .filter(c -> c.type().equals(JobCondition.SUCCESS_CRITERIA_MET)).findFirst().orElseThrow();
        assertEquals("SuccessPolicy", met.reason());
        assertEquals("Matched rules at index 1", met.message());
        JobCondition complete = job.status().conditions().stream()
                .filter(c -> c.type().equals(JobCondition.COMPLETE)).findFirst().orElseThrow();
        assertEquals("SuccessPolicy", complete.reason());
        assertEquals("0,1", job.status().completedIndexes());
        assertEquals(2, cluster.pods("default").size(), "index 2 never ran");
    }
}
