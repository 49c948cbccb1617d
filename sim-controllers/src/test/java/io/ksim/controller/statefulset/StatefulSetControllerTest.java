package io.ksim.controller.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.apps.StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.ksim.api.apps.StatefulSet.StatefulSetUpdateStrategy;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.history.ControllerHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walkthroughs of upstream's StatefulSet behaviour (pkg/controller/statefulset/stateful_set_control.go). */
class StatefulSetControllerTest {

    private final StatefulSetFixture f = new StatefulSetFixture(11);
    private final PodOperations ops = PodOperations.install(f.cluster.api);

    @Test
    void createsOrdinalPodsWithIdentityClaimsAndEvents() {
        f.create(StatefulSetFixture.spec(3, "nginx:1.25", null, null, null));
        f.cluster.run(30);
        assertEquals(List.of("web-0", "web-1", "web-2"), f.podNames());
        for (Pod p : f.pods()) {
            String name = p.metadata().name();
            assertEquals(name, p.metadata().labels().get(StatefulSetUtils.POD_NAME_LABEL));
            assertEquals(name.substring(4), p.metadata().labels().get(StatefulSetUtils.POD_INDEX_LABEL));
            assertEquals(name, p.spec().hostname());
            assertEquals("nginx", p.spec().subdomain());
            assertEquals("www-" + name, p.spec().volumes().get(0).persistentVolumeClaim().claimName());
            OwnerReference ref = p.metadata().controllerRef();
            assertEquals("StatefulSet", ref.kind());
            assertTrue(PodConditions.isPodReady(p));
        }
        assertEquals(List.of("www-web-0", "www-web-1", "www-web-2"), f.claimNames());
        assertEquals(List.of("web-0", "web-1", "web-2"), ops.created);
        List<String> created = f.events("SuccessfulCreate");
        assertTrue(created.contains("create Pod web-0 in StatefulSet web successful"), created.toString());
        assertTrue(created.contains("create Claim www-web-2 Pod web-2 in StatefulSet web success"), created.toString());
        StatefulSet set = f.set();
        assertEquals(3, set.status().replicas());
        assertEquals(3, set.status().readyReplicas());
        assertEquals(3, set.status().availableReplicas());
        assertEquals(3, set.status().currentReplicas());
        assertEquals(3, set.status().updatedReplicas());
        assertEquals(1L, set.status().observedGeneration());
        assertEquals(0, set.status().collisionCount());
        assertEquals(set.status().currentRevision(), set.status().updateRevision());
        ControllerRevision rev = f.cluster.api.get(BuiltinResources.CONTROLLER_REVISIONS, "default",
                set.status().updateRevision());
        assertEquals(1L, rev.revision());
        assertEquals("web-" + rev.metadata().labels().get(ControllerHistory.HASH_LABEL), rev.metadata().name());
        for (Pod p : f.pods()) {
            assertEquals(rev.metadata().name(), p.metadata().labels().get(StatefulSetUtils.REVISION_LABEL));
        }
    }

    @Test
    void orderedReadyWaitsForEachPodWhileParallelDoesNot() {
        f.create(StatefulSetFixture.spec(3, "broken:1", null, null, null));
        f.cluster.run(60);
        assertEquals(List.of("web-0"), f.podNames(), "web-1 waits for web-0 to be Running and Ready");

        StatefulSetFixture g = new StatefulSetFixture(12);
        g.create(StatefulSetFixture.spec(3, "broken:1", StatefulSet.PARALLEL, null, null));
        g.cluster.run(5);
        assertEquals(List.of("web-0", "web-1", "web-2"), g.podNames());
    }

    @Test
    void scaleDownGoesFromTheHighestOrdinalOneAtATimeAndKeepsClaims() {
        f.create(StatefulSetFixture.spec(4, "nginx:1.25", null, null, null));
        f.cluster.run(40);
        f.scale(1);
        f.cluster.run(200);
        assertEquals(List.of("web-0"), f.podNames());
        assertEquals(List.of("web-3", "web-2", "web-1"), ops.deleted);
        assertEquals(List.of("www-web-0", "www-web-1", "www-web-2", "www-web-3"), f.claimNames());
        f.scale(3);
        f.cluster.run(40);
        assertEquals(List.of("web-0", "web-1", "web-2"), f.podNames());
        long claimCreates = f.events("SuccessfulCreate").stream().filter(m -> m.startsWith("create Claim")).count();
        assertEquals(4, claimCreates, "claims of scaled-down pods are reused, not made again");
    }

    @Test
    void partitionKeepsLowerOrdinalsAtTheCurrentRevision() {
        f.create(StatefulSetFixture.spec(4, "nginx:1.25", null, StatefulSetFixture.rolling(2), null));
        f.cluster.run(40);
        String first = f.set().status().currentRevision();
        f.setImage("nginx:1.26");
        f.cluster.run(200);
        List<Pod> pods = f.pods();
        assertEquals(List.of("nginx:1.25", "nginx:1.25", "nginx:1.26", "nginx:1.26"),
                pods.stream().map(StatefulSetFixture::image).toList());
        assertEquals(List.of("web-3", "web-2"), ops.deleted);
        StatefulSet set = f.set();
        assertEquals(first, set.status().currentRevision());
        assertNotEquals(first, set.status().updateRevision());
        assertEquals(2, set.status().currentReplicas());
        assertEquals(2, set.status().updatedReplicas());

        // A deleted pod below the partition comes back at the current revision.
        f.cluster.api.delete(BuiltinResources.PODS, "default", "web-0", DeleteOptions.defaults());
        f.cluster.run(60);
        assertEquals("nginx:1.25", StatefulSetFixture.image(f.pods().get(0)));

        StatefulSet s = f.set();
        f.cluster.api.update(BuiltinResources.STATEFUL_SETS, s.withSpec(new StatefulSet.StatefulSetSpec(
                s.spec().replicas(), s.spec().selector(), s.spec().template(), s.spec().volumeClaimTemplates(),
                s.spec().serviceName(), s.spec().podManagementPolicy(), StatefulSetFixture.rolling(0),
                s.spec().revisionHistoryLimit(), s.spec().minReadySeconds(),
                s.spec().persistentVolumeClaimRetentionPolicy(), s.spec().ordinals())));
        f.cluster.run(200);
        assertEquals(List.of("web-3", "web-2", "web-0", "web-1", "web-0"), ops.deleted);
        assertTrue(f.pods().stream().allMatch(p -> StatefulSetFixture.image(p).equals("nginx:1.26")));
        set = f.set();
        assertEquals(set.status().updateRevision(), set.status().currentRevision());
        assertEquals(4, set.status().currentReplicas());
    }

    @Test
    void onDeleteUpdatesOnlyPodsTheUserDeletes() {
        f.create(StatefulSetFixture.spec(3, "nginx:1.25", null,
                new StatefulSetUpdateStrategy(Apps.ON_DELETE, null), null));
        f.cluster.run(30);
        f.setImage("nginx:1.26");
        f.cluster.run(60);
        assertTrue(ops.deleted.isEmpty());
        f.cluster.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        f.cluster.run(60);
        assertEquals(List.of("nginx:1.25", "nginx:1.26", "nginx:1.25"),
                f.pods().stream().map(StatefulSetFixture::image).toList());
        assertEquals(1, f.set().status().updatedReplicas());
    }

    @Test
    void aRollbackRenumbersTheEarlierRevision() {
        f.create(StatefulSetFixture.spec(2, "nginx:1.25", null, null, null));
        f.cluster.run(30);
        String first = f.set().status().updateRevision();
        f.setImage("nginx:1.26");
        f.cluster.run(100);
        String second = f.set().status().updateRevision();
        assertNotEquals(first, second);
        f.setImage("nginx:1.25");
        f.cluster.run(100);
        StatefulSet set = f.set();
        assertEquals(first, set.status().updateRevision());
        assertEquals(first, set.status().currentRevision());
        assertEquals(3L, f.cluster.api.get(BuiltinResources.CONTROLLER_REVISIONS, "default", first).revision());
        assertEquals(2L, f.cluster.api.get(BuiltinResources.CONTROLLER_REVISIONS, "default", second).revision());
        assertEquals(2, f.cluster.api.list(BuiltinResources.CONTROLLER_REVISIONS, "default").items().size());
    }

    @Test
    void whenScaledDeletePointsTheClaimsOfScaledDownPodsAtThePod() {
        f.create(StatefulSetFixture.spec(2, "nginx:1.25", null, null,
                new StatefulSetPersistentVolumeClaimRetentionPolicy(StatefulSet.DELETE, StatefulSet.DELETE)));
        f.cluster.run(30);
        PersistentVolumeClaim claim = f.cluster.api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default",
                "www-web-1");
        assertEquals("StatefulSet", claim.metadata().controllerRef().kind());
        Pod web1 = f.pods().get(1);
        f.scale(1);
        f.cluster.run(2);
        claim = f.cluster.api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "www-web-1");
        assertEquals("Pod", claim.metadata().controllerRef().kind());
        assertEquals(web1.metadata().uid(), claim.metadata().controllerRef().uid());
    }

    @Test
    void retainKeepsClaimsWithoutOwners() {
        f.create(StatefulSetFixture.spec(1, "nginx:1.25", null, null, null));
        f.cluster.run(20);
        PersistentVolumeClaim claim = f.cluster.api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default",
                "www-web-0");
        assertNull(claim.metadata().controllerRef());
        assertEquals("web", claim.metadata().labels().get("app"));
    }

    @Test
    void aDeletedPodComesBackWithTheSameNameAndClaim() {
        f.create(StatefulSetFixture.spec(2, "nginx:1.25", null, null, null));
        f.cluster.run(30);
        Pod before = f.pods().get(1);
        f.cluster.api.delete(BuiltinResources.PODS, "default", "web-1", DeleteOptions.defaults());
        f.cluster.run(30);
        Pod after = f.pods().get(1);
        assertEquals("web-1", after.metadata().name());
        assertNotEquals(before.metadata().uid(), after.metadata().uid());
        assertEquals("www-web-1", after.spec().volumes().get(0).persistentVolumeClaim().claimName());
        assertEquals(List.of("www-web-0", "www-web-1"), f.claimNames());
        assertTrue(PodConditions.isPodReady(after));
    }

    @Test
    void aCrashedControllerRelistsAndConverges() {
        f.create(StatefulSetFixture.spec(1, "nginx:1.25", null, null, null));
        f.cluster.run(20);
        f.cluster.manager.crash(StatefulSetController.NAME);
        f.scale(3);
        f.cluster.run(30);
        assertEquals(List.of("web-0"), f.podNames(), "nothing happens while the controller is down");
        f.cluster.manager.start(StatefulSetController.NAME);
        f.cluster.run(40);
        assertEquals(List.of("web-0", "web-1", "web-2"), f.podNames());
        assertEquals(3, f.set().status().readyReplicas());
        assertEquals(2L, f.set().status().observedGeneration());
    }

    @Test
    void minReadySecondsHoldsTheNextPodAndAvailability() {
        StatefulSet.StatefulSetSpec base = StatefulSetFixture.spec(2, "nginx:1.25", null, null, null);
        f.create(new StatefulSet.StatefulSetSpec(base.replicas(), base.selector(), base.template(),
                base.volumeClaimTemplates(), base.serviceName(), base.podManagementPolicy(), base.updateStrategy(),
                base.revisionHistoryLimit(), 10, base.persistentVolumeClaimRetentionPolicy(), base.ordinals()));
        f.cluster.run(8);
        assertEquals(List.of("web-0"), f.podNames(), "web-1 waits until web-0 has been ready for 10 s");
        assertEquals(1, f.set().status().readyReplicas());
        assertEquals(0, f.set().status().availableReplicas());
        f.cluster.run(30);
        assertEquals(List.of("web-0", "web-1"), f.podNames());
        assertEquals(2, f.set().status().availableReplicas());
    }
}
