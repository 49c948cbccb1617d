package io.ksim.controller.resourcequota;

import static io.ksim.controller.resourcequota.QuotaFixtures.list;
import static io.ksim.controller.resourcequota.QuotaFixtures.pod;
import static io.ksim.controller.resourcequota.QuotaFixtures.quota;
import static io.ksim.controller.resourcequota.QuotaFixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.api.core.ResourceQuota.ResourceQuotaStatus;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.QuotaUsage;
import io.ksim.controller.TestCluster;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A ResourceQuota's status tells the truth: for random creates (long-running and finishing pods of random CPU
 * requests) and deletes in a namespace with a quota, admission never lets {@code status.used} exceed
 * {@code status.hard}, and once the controller has settled {@code status.used} is the sum over the live pods
 * that still count (not terminal), with {@code count/pods} counting every pod object.
 */
class ResourceQuotaProperties {

    private static final SortedMap<String, Quantity> HARD = list("pods", "4", "count/pods", "6", "requests.cpu", "2");

    /** One step, printed as a user would say it. */
    record Step(String what, int n) {
        @Override
        public String toString() {
            return switch (what) {
                case "run" -> "create a pod requesting " + n + "00m";
                case "job" -> "create a pod requesting " + n + "00m that exits after 5s";
                case "delete" -> "delete pod #" + n;
                default -> "wait " + n + "s";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 8).map(n -> new Step("run", n)),
                Arbitraries.integers().between(1, 8).map(n -> new Step("job", n)),
                Arbitraries.integers().between(0, 7).map(n -> new Step("delete", n)),
                Arbitraries.integers().between(0, 40).map(n -> new Step("wait", n)));
        return step.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property
    void statusUsedIsWhatTheLivePodsUse(@ForAll("scenarios") List<Step> steps) {
        TestCluster cluster = new TestCluster(7, 2);
        cluster.manager.register(ResourceQuotaController.NAME, ResourceQuotaController::new);
        cluster.manager.start(ResourceQuotaController.NAME);
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("compute", HARD));
        cluster.run(1);
        int created = 0;
        for (Step step : steps) {
            switch (step.what()) {
                case "run", "job" -> {
                    String image = step.what().equals("run") ? "nginx:1.25" : "busybox:1.36";
                    try {
                        cluster.api.create(BuiltinResources.PODS, "default", pod("p" + created++, image,
                                step.n() + "00m"));
                    } catch (ApiException e) {
                        assertEquals(403, e.code(), e.getMessage());
                    }
                }
                case "delete" -> {
                    List<Pod> pods = cluster.pods("default");
                    if (!pods.isEmpty()) {
                        try {
                            cluster.api.delete(BuiltinResources.PODS, "default",
                                    pods.get(step.n() % pods.size()).metadata().name(), DeleteOptions.defaults());
                        } catch (ApiException gone) {
                            assertEquals(404, gone.code());
                        }
                    }
                }
                default -> cluster.run(step.n());
            }
            assertWithinHard(status(cluster, "compute"));
        }
        cluster.run(60);
        ResourceQuotaStatus s = status(cluster, "compute");
        assertEquals(HARD, s.hard());
        assertEquals(usedByLivePods(cluster), s.used());
    }

    private static void assertWithinHard(ResourceQuotaStatus s) {
        s.used().forEach((r, used) -> assertTrue(used.compareTo(s.hard().get(r)) <= 0,
                r + " used " + used + " over hard " + s.hard().get(r)));
    }

    /** pods and requests.cpu of the pods that still count, count/pods of every pod object. */
    private static SortedMap<String, Quantity> usedByLivePods(TestCluster cluster) {
        SortedMap<String, Quantity> used = new TreeMap<>(list("pods", "0", "count/pods", "0", "requests.cpu", "0"));
        for (Pod p : cluster.pods("default")) {
            used.merge("count/pods", Quantity.parse("1"), Quantity::add);
            if (QuotaUsage.chargesCompute(p, cluster.kernel.instant())) {
                used.merge("pods", Quantity.parse("1"), Quantity::add);
                used.merge("requests.cpu", p.spec().containers().get(0).resources().requests().get("cpu"),
                        Quantity::add);
            }
        }
        return used;
    }
}
