package io.ksim.controller.disruption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.Condition;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetSpec;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetStatus;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * PDB status as upstream pkg/controller/disruption/disruption_test.go computes it (TestNoSelector,
 * TestMinAvailablePercentage..., TestMaxUnavailable..., TestReplicaSet, TestTwoControllers): percentages of the
 * controllers' scale round up; disruptionsAllowed = currentHealthy - desiredHealthy, never negative.
 */
class DisruptionControllerTest {

    private final TestCluster cluster = new TestCluster(5, 3);

    DisruptionControllerTest() {
        cluster.manager.register(DisruptionController.NAME, DisruptionController::new);
        cluster.manager.start(DisruptionController.NAME);
    }

    private void deployment(int replicas) {
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(ObjectMeta.of("default", "web"),
                new DeploymentSpec(replicas, LabelSelector.matchLabels(labels),
                        TestCluster.template(labels, "nginx:1.25"), null, null, null, null, null)));
    }

    private void pdb(String minAvailable, String maxUnavailable) {
        cluster.api.create(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", new PodDisruptionBudget(
                ObjectMeta.of("default", "web"), new PodDisruptionBudgetSpec(
                        minAvailable == null ? null : IntOrString.parse(minAvailable),
                        LabelSelector.matchLabels(Map.of("app", "web")),
                        maxUnavailable == null ? null : IntOrString.parse(maxUnavailable), null)));
    }

    private PodDisruptionBudgetStatus status() {
        return cluster.api.get(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", "web").status();
    }

    @ParameterizedTest(name = "replicas {0}, minAvailable {1}, maxUnavailable {2}")
    @CsvSource(nullValues = "-", value = {
            // replicas, minAvailable, maxUnavailable, desiredHealthy, disruptionsAllowed
            "3, 2, -, 2, 1",
            "3, 3, -, 3, 0",
            "3, 5, -, 5, 0",
            "3, 50%, -, 2, 1",      // ceil(1.5)
            "4, 50%, -, 2, 2",
            "3, -, 1, 2, 1",
            "3, -, 34%, 1, 2",      // maxUnavailable ceil(1.02) = 2
            "5, -, 100%, 0, 5",
            "3, -, 0, 3, 0"})
    void statusOfABudgetOverADeployment(int replicas, String min, String max, int desired, int allowed) {
        deployment(replicas);
        pdb(min, max);
        cluster.run(30);
        PodDisruptionBudgetStatus s = status();
        assertEquals(replicas, s.expectedPods());
        assertEquals(replicas, s.currentHealthy());
        assertEquals(desired, s.desiredHealthy());
        assertEquals(allowed, s.disruptionsAllowed());
        Condition c = s.conditions().get(0);
        assertEquals("DisruptionAllowed", c.type());
        assertEquals(allowed > 0 ? "True" : "False", c.status());
        assertEquals(allowed > 0 ? "SufficientPods" : "InsufficientPods", c.reason());
        assertEquals(1L, s.observedGeneration());
    }

    @Test
    void aTerminatingPodIsNotHealthy() {
        deployment(3);
        pdb("2", null);
        cluster.run(30);
        assertEquals(1, status().disruptionsAllowed());
        Pod victim = cluster.pods("default").get(0);
        cluster.api.delete(BuiltinResources.PODS, "default", victim.metadata().name(), DeleteOptions.defaults());
        cluster.run(0.5);
        assertEquals(2, status().currentHealthy());
        assertEquals(0, status().disruptionsAllowed());
        assertEquals("InsufficientPods", status().conditions().get(0).reason());
    }
    @Test
    void unmanagedPodsCountForNothingUnderAPercentageOrMaxUnavailable() {
        for (String name : List.of("a", "b")) {
            cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.builder().namespace("default")
                    .name(name).labels(Map.of("app", "web")).build(), TestCluster.template(Map.of(), "nginx:1.25")
                    .spec()));
        }
        pdb(null, "1");
        cluster.run(30);
        PodDisruptionBudgetStatus s = status();
        assertEquals(0, s.expectedPods());
        assertEquals(2, s.currentHealthy());
        assertEquals(0, s.disruptionsAllowed(), "no expected pods, no disruptions");
        assertTrue(cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .anyMatch(e -> "UnmanagedPods".equals(e.reason())));
    }
}
