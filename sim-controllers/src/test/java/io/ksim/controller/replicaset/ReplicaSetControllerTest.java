package io.ksim.controller.replicaset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.controller.resourcequota.ResourceQuotaController;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReplicaSetControllerTest {

    private final TestCluster cluster = new TestCluster(7, 3);

    private ReplicaSet createRs(String name, int replicas, String image, Integer minReadySeconds) {
        Map<String, String> labels = Map.of("app", name);
        return cluster.api.create(BuiltinResources.REPLICA_SETS, "default", new ReplicaSet(ObjectMeta.of("default", name),
                new ReplicaSetSpec(replicas, minReadySeconds, LabelSelector.matchLabels(labels),
                        TestCluster.template(labels, image))));
    }

    private ReplicaSet rs(String name) {
        return cluster.api.get(BuiltinResources.REPLICA_SETS, "default", name);
    }

    private List<Pod> activePods() {
        return cluster.pods("default").stream().filter(p -> p.metadata().deletionTimestamp() == null).toList();
    }

    private List<String> events(String reason) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.reason().equals(reason)).map(Event::message).toList();
    }

    @Test
    void createsReplicasNamedAfterTheReplicaSetAndReportsThemReady() {
        createRs("web", 3, "nginx:1.25", null);
        cluster.run(1);
        List<Pod> pods = activePods();
        assertEquals(3, pods.size());
        Pattern name = Pattern.compile("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        for (Pod p : pods) {
            assertTrue(name.matcher(p.metadata().name()).matches(), p.metadata().name());
            OwnerReference ref = p.metadata().controllerRef();
            assertEquals("ReplicaSet", ref.kind());
            assertEquals("web", ref.name());
            assertEquals(Boolean.TRUE, ref.blockOwnerDeletion());
            assertEquals("web", p.metadata().labels().get("app"));
        }
        assertEquals(pods.stream().map(p -> "Created pod: " + p.metadata().name()).sorted().toList(),
                events("SuccessfulCreate").stream().sorted().toList());
        cluster.run(10);
        ReplicaSet rs = rs("web");
        assertEquals(3, rs.status().replicas());
        assertEquals(3, rs.status().fullyLabeledReplicas());
        assertEquals(3, rs.status().readyReplicas());
        assertEquals(3, rs.status().availableReplicas());
        assertEquals(1L, rs.status().observedGeneration());
    }

    @Test
    void minReadySecondsDelaysAvailability() {
        createRs("web", 2, "nginx:1.25", 10);
        cluster.run(6);
        ReplicaSet rs = rs("web");
        assertEquals(2, rs.status().readyReplicas());
        assertNull(rs.status().availableReplicas());
        cluster.run(12);
        assertEquals(2, rs("web").status().availableReplicas());
    }

    @Test
    void scaleDownDeletesNotReadyPodsFirst() {
        createRs("web", 3, "nginx:1.25", null);
        cluster.run(10);
        // An orphan that matches the selector but is never ready is adopted: 4 pods for 3 replicas.
        Pod orphan = Pod.of(ObjectMeta.builder().namespace("default").name("stray").labels(Map.of("app", "web")).build(),
                TestCluster.template(Map.of(), "broken:1").spec().withNodeName("node-1"));
        cluster.api.create(BuiltinResources.PODS, "default", orphan);
        cluster.run(5);
        assertTrue(events("SuccessfulDelete").contains("Deleted pod: stray"), events("SuccessfulDelete").toString());
        assertEquals(3, activePods().size());
        assertTrue(activePods().stream().allMatch(PodConditions::isPodReady));
    }

    @Test
    void releasesAPodWhoseLabelsNoLongerMatchAndReplacesIt() {
        createRs("web", 2, "nginx:1.25", null);
        cluster.run(10);
        Pod p = activePods().get(0);
        cluster.api.update(BuiltinResources.PODS, p.withMetadata(p.metadata().withLabels(Map.of("app", "debug"))));
        cluster.run(10);
        Pod released = cluster.api.get(BuiltinResources.PODS, "default", p.metadata().name());
        assertNull(released.metadata().controllerRef());
        assertEquals(3, activePods().size());
        assertEquals(2, rs("web").status().readyReplicas());
    }

    @Test
    void aCrashedControllerRestartsWithFreshCachesAndConverges() {
        createRs("web", 2, "nginx:1.25", null);
        cluster.run(10);
        cluster.manager.crash(ReplicaSetController.NAME);
        ReplicaSet rs = rs("web");
        cluster.api.update(BuiltinResources.REPLICA_SETS, rs.withSpec(rs.spec().withReplicas(5)));
        cluster.run(10);
        assertEquals(2, activePods().size(), "nothing happens while the controller is down");
        cluster.manager.start(ReplicaSetController.NAME);
        cluster.run(10);
        assertEquals(5, activePods().size());
        assertEquals(5, rs("web").status().readyReplicas());
        assertEquals(2L, rs("web").status().observedGeneration());
    }

    @Test
    void expectationsKeepALaggingCacheFromCreatingTooMany() {
        TestCluster lagging = new TestCluster(7, 3, java.time.Duration.ZERO, java.time.Duration.ofMillis(800));
        Map<String, String> labels = Map.of("app", "web");
        lagging.run(1);
        lagging.api.create(BuiltinResources.REPLICA_SETS, "default", new ReplicaSet(ObjectMeta.of("default", "web"),
                new ReplicaSetSpec(5, null, LabelSelector.matchLabels(labels), TestCluster.template(labels, "nginx:1.25"))));
        // Created at 1 s, heard at 1.8 s (pods created then, in the cache at 2.6 s); this write is heard at 2.3 s.
        lagging.run(0.5);
        ReplicaSet rs = lagging.api.get(BuiltinResources.REPLICA_SETS, "default", "web");
        lagging.api.update(BuiltinResources.REPLICA_SETS, rs.withMetadata(rs.metadata().withAnnotations(Map.of("note", "x"))));
        for (int i = 0; i < 40; i++) {
            lagging.run(0.25);
            long pods = lagging.pods("default").size();
            assertTrue(pods <= 5, pods + " pods at " + lagging.kernel.elapsed());
        }
        assertEquals(5, lagging.pods("default").size());
    }

    @Test
    void aQuotaRefusalStopsTheBatchAndSetsReplicaFailure() {
        // Admission checks the quota's status, which the resource quota controller fills in.
        cluster.manager.register(ResourceQuotaController.NAME, ResourceQuotaController::new);
        cluster.manager.start(ResourceQuotaController.NAME);
        cluster.api.create(BuiltinResources.RESOURCE_QUOTAS, "default", new io.ksim.api.core.ResourceQuota(null, null,
                ObjectMeta.of("default", "pods"), new io.ksim.api.core.ResourceQuota.ResourceQuotaSpec(
                        new java.util.TreeMap<>(Map.of("pods", io.ksim.api.resource.Quantity.parse("2"))), null, null),
                null));
        cluster.run(0);
        createRs("web", 4, "nginx:1.25", null);
        cluster.run(1);
        assertEquals(2, activePods().size());
        ReplicaSet rs = rs("web");
        ReplicaSet.ReplicaSetCondition failure = rs.status().conditions().get(0);
        assertEquals("ReplicaFailure", failure.type());
        assertEquals("FailedCreate", failure.reason());
        assertTrue(failure.message().contains("exceeded quota: pods"), failure.message());
        List<String> failed = events("FailedCreate");
        assertTrue(failed.get(0).startsWith("Error creating: pods \"web-"), failed.toString());
    }
}
