package io.ksim.controller.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.ReplicationController.ReplicationControllerSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.ScaleSubresource;
import io.ksim.controller.TestCluster;
import io.ksim.controller.garbagecollector.GarbageCollector;
import io.ksim.controller.resourcequota.ResourceQuotaController;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The ReplicaSet controller run for ReplicationControllers, as upstream's replication manager. */
class ReplicationManagerTest {

    private final TestCluster cluster = new TestCluster(11, 3);

    ReplicationManagerTest() {
        cluster.manager.register(ReplicationManager.NAME, ReplicationManager::new);
        cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        cluster.manager.start(ReplicationManager.NAME);
        cluster.manager.start(GarbageCollector.NAME);
    }

    /** A ReplicationController without a selector: the API server defaults it from the template's labels. */
    private ReplicationController createRc(String name, int replicas) {
        return cluster.api.create(BuiltinResources.REPLICATION_CONTROLLERS, "default", new ReplicationController(
                ObjectMeta.of("default", name), new ReplicationControllerSpec(replicas, null, null,
                        TestCluster.template(Map.of("app", name), "nginx:1.25"))));
    }

    private ReplicationController rc(String name) {
        return cluster.api.get(BuiltinResources.REPLICATION_CONTROLLERS, "default", name);
    }

    private List<Pod> activePods() {
        return cluster.pods("default").stream().filter(p -> p.metadata().deletionTimestamp() == null).toList();
    }

    private List<Event> events(String reason) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.reason().equals(reason)).toList();
    }

    @Test
    void createsPodsOwnedByTheReplicationControllerAndReportsThemReady() {
        ReplicationController created = createRc("web", 3);
        assertEquals(Map.of("app", "web"), created.spec().selector());
        assertEquals(Map.of("app", "web"), created.metadata().labels());
        cluster.run(10);
        List<Pod> pods = activePods();
        assertEquals(3, pods.size());
        for (Pod p : pods) {
            OwnerReference ref = p.metadata().controllerRef();
            assertEquals("ReplicationController", ref.kind());
            assertEquals("v1", ref.apiVersion());
            assertEquals(created.metadata().uid(), ref.uid());
            assertTrue(p.metadata().name().matches("web-[a-z0-9]{5}"), p.metadata().name());
        }
        List<Event> createdEvents = events("SuccessfulCreate");
        assertEquals(3, createdEvents.size());
        for (Event e : createdEvents) {
            assertEquals("ReplicationController", e.involvedObject().kind());
            assertEquals("replication-controller", e.source().component());
            assertTrue(e.message().startsWith("Created pod: web-"), e.message());
        }
        ReplicationController rc = rc("web");
        assertEquals(3, rc.status().replicas());
        assertEquals(3, rc.status().readyReplicas());
        assertEquals(3, rc.status().availableReplicas());
        assertEquals(3, rc.status().fullyLabeledReplicas());
        assertEquals(1L, rc.status().observedGeneration());
    }

    @Test
    void scaleSubresourceScalesDownAndTheDeletedPodsAreReplacedNoMore() {
        createRc("web", 3);
        cluster.run(10);
        assertEquals("app=web", ScaleSubresource.get(cluster.api, BuiltinResources.REPLICATION_CONTROLLERS, "default",
                "web").status().selector());
        ScaleSubresource.update(cluster.api, BuiltinResources.REPLICATION_CONTROLLERS, "default", "web", 1, null);
        cluster.run(40);
        assertEquals(1, activePods().size());
        assertEquals(2, events("SuccessfulDelete").size());
        assertEquals(1, rc("web").status().replicas());
        assertEquals(2L, rc("web").status().observedGeneration());
    }

    @Test
    void aQuotaRefusalSetsReplicaFailureUntilCreatingSucceeds() {
        // Admission checks the quota's status, which the resource quota controller fills in.
        cluster.manager.register(ResourceQuotaController.NAME, ResourceQuotaController::new);
        cluster.manager.start(ResourceQuotaController.NAME);
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", new io.ksim.api.core.ResourceQuota(null, null,
                ObjectMeta.of("default", "pods"), new io.ksim.api.core.ResourceQuota.ResourceQuotaSpec(
                        new TreeMap<>(Map.of("pods", io.ksim.api.resource.Quantity.parse("2"))), null, null),
                null));
        cluster.run(0);
        createRc("web", 4);
        cluster.run(1);
        assertEquals(2, activePods().size());
        ReplicationController.ReplicationControllerCondition failure = rc("web").status().conditions().get(0);
        assertEquals("ReplicaFailure", failure.type());
        assertEquals("True", failure.status());
        assertEquals("FailedCreate", failure.reason());
        assertTrue(failure.message().contains("exceeded quota: pods"), failure.message());
        assertEquals("ReplicationController", events("FailedCreate").get(0).involvedObject().kind());
        cluster.api.delete(BuiltinResources.RESOURCE_QUOTAS, "default", "pods", DeleteOptions.defaults());
        cluster.run(30);
        assertEquals(4, activePods().size());
        assertEquals(List.of(), rc("web").status().conditions());
    }

    @Test
    void deletingTheReplicationControllerCollectsItsPods() {
        createRc("web", 2);
        cluster.run(10);
        cluster.api.delete(BuiltinResources.REPLICATION_CONTROLLERS, "default", "web", DeleteOptions.defaults());
        cluster.run(60);
        assertEquals(List.of(), cluster.pods("default"));
    }

    @Test
    void anOrphanMatchingTheSelectorIsAdoptedAndTheSurplusDeleted() {
        createRc("web", 2);
        cluster.run(10);
        cluster.api.create(BuiltinResources.PODS, "default", new Pod(null, null,
                ObjectMeta.builder().namespace("default").name("stray").labels(Map.of("app", "web")).build(),
                TestCluster.template(Map.of("app", "web"), "nginx:1.25").spec(), null));
        cluster.run(30);
        List<Pod> pods = activePods();
        assertEquals(2, pods.size());
        for (Pod p : pods) {
            assertEquals("ReplicationController", p.metadata().controllerRef().kind(), p.metadata().name());
        }
        assertEquals(1, events("SuccessfulDelete").size());
    }
}
