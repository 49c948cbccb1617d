package io.ksim.controller.resourcequota;

import static io.ksim.controller.resourcequota.QuotaFixtures.list;
import static io.ksim.controller.resourcequota.QuotaFixtures.pod;
import static io.ksim.controller.resourcequota.QuotaFixtures.quota;
import static io.ksim.controller.resourcequota.QuotaFixtures.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.ResourceQuota.ResourceQuotaSpec;
import io.ksim.api.core.ResourceQuota.ResourceQuotaStatus;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * After upstream's resource_quota_controller_test.go (TestSyncResourceQuota, TestAddQuota, replenishment) and
 * the quota e2e tests: status.hard follows the spec, status.used what the namespace holds, freed usage comes
 * back on delete and on a pod turning terminal, and the full recalculation every 5 minutes repairs the rest.
 */
class ResourceQuotaControllerTest {

    private final TestCluster cluster = new TestCluster(31, 2);

    ResourceQuotaControllerTest() {
        cluster.manager.register(ResourceQuotaController.NAME, ResourceQuotaController::new);
        cluster.manager.start(ResourceQuotaController.NAME);
        cluster.run(1);
    }

    private void create(String name, String image, String cpu) {
        cluster.api.create(BuiltinResources.PODS, "default", pod(name, image, cpu));
    }

    @Test
    void aNewQuotaIsSyncedFromWhatTheNamespaceAlreadyHolds() {
        create("a", "nginx:1.25", "500m");
        create("b", "nginx:1.25", "250m");
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", configMap("settings"));
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("compute",
                list("pods", "4", "requests.cpu", "2", "limits.memory", "1Gi", "count/configmaps", "3", "services",
                        "1", "example.com/widgets", "1")));
        assertEquals(new ResourceQuotaStatus(null, null), status(cluster, "compute"));
        cluster.run(0);
        ResourceQuotaStatus s = status(cluster, "compute");
        assertEquals(list("count/configmaps", "3", "example.com/widgets", "1", "limits.memory", "1Gi", "pods", "4",
                "requests.cpu", "2", "services", "1"), s.hard());
        // No evaluator answers to example.com/widgets: it has no used amount, as upstream.
        assertEquals(list("count/configmaps", "1", "limits.memory", "0", "pods", "2", "requests.cpu", "750m",
                "services", "0"), s.used());
    }

    @Test
    void aChangedSpecIsCopiedToTheStatus() {
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("pods", list("pods", "1")));
        cluster.run(1);
        create("a", "nginx:1.25", "100m");
        ApiException refused = assertThrows(ApiException.class, () -> create("b", "nginx:1.25", "100m"));
        assertEquals("pods \"b\" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1",
                refused.getMessage());
        ResourceQuota q = cluster.api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "pods");
        cluster.api.update(BuiltinResources.RESOURCE_QUOTAS, q.withSpec(new ResourceQuotaSpec(list("pods", "3"), null,
                null)));
        cluster.run(0);
        assertEquals(new ResourceQuotaStatus(list("pods", "3"), list("pods", "1")), status(cluster, "pods"));
        create("b", "nginx:1.25", "100m");
        assertEquals(list("pods", "2"), status(cluster, "pods").used());
    }

    @Test
    void aDeletedPodGivesItsUsageBack() {
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("compute",
                list("pods", "2", "requests.cpu", "1")));
        cluster.run(1);
        create("a", "nginx:1.25", "500m");
        create("b", "nginx:1.25", "500m");
        cluster.run(10);
        assertEquals(list("pods", "2", "requests.cpu", "1"), status(cluster, "compute").used());
        cluster.api.delete(BuiltinResources.PODS, "default", "a", DeleteOptions.defaults());
        // Marked for deletion within its grace period, the pod still counts.
        assertEquals(list("pods", "2", "requests.cpu", "1"), status(cluster, "compute").used());
        cluster.run(40);
        assertEquals(list("pods", "1", "requests.cpu", "500m"), status(cluster, "compute").used());
        create("c", "nginx:1.25", "500m");
    }

    @Test
    void aPodThatFinishesStopsCountingButForItsObjectCount() {
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("compute",
                list("pods", "1", "count/pods", "5", "requests.cpu", "1")));
        cluster.run(1);
        create("job", "busybox:1.36", "1");
        assertEquals(list("count/pods", "1", "pods", "1", "requests.cpu", "1"), status(cluster, "compute").used());
        cluster.run(30);
        assertEquals("Succeeded", cluster.api.get(BuiltinResources.PODS, "default", "job").status().phase());
        assertEquals(list("count/pods", "1", "pods", "0", "requests.cpu", "0"), status(cluster, "compute").used());
        create("next", "nginx:1.25", "1");
    }

    @Test
    void theFullRecalculationEveryFiveMinutesRepairsAWrongStatus() {
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("objects", list("configmaps", "5")));
        cluster.run(1);
        ResourceQuota q = cluster.api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "objects");
        // As a create that storage refused after admission charged it leaves it upstream.
        cluster.api.updateStatus(BuiltinResources.RESOURCE_QUOTAS, q.withStatus(new ResourceQuotaStatus(
                list("configmaps", "5"), list("configmaps", "4"))));
        cluster.run(200);
        assertEquals(list("configmaps", "4"), status(cluster, "objects").used());
        cluster.run(120);
        assertEquals(list("configmaps", "0"), status(cluster, "objects").used());
    }

    @Test
    void deletingAnObjectOfAnyCountedKindReplenishes() {
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", quota("objects",
                list("count/configmaps", "1")));
        cluster.run(1);
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", configMap("one"));
        assertThrows(ApiException.class, () -> cluster.api.create(BuiltinResources.CONFIG_MAPS, "default",
                configMap("two")));
        cluster.api.delete(BuiltinResources.CONFIG_MAPS, "default", "one", DeleteOptions.defaults());
        cluster.run(0);
        assertEquals(list("count/configmaps", "0"), status(cluster, "objects").used());
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "default", configMap("two"));
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMap(null, null, ObjectMeta.of("default", name), null, null, null);
    }
}
