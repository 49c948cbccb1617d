package io.ksim.controller.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.printers.ServerPrinters;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * StorageObjectInUseProtection with the pvc-protection and pv-protection controllers: a claim a pod uses and a
 * Bound volume stay Terminating until they are no longer in use.
 */
class StorageProtectionTest {

    private final TestCluster cluster = new TestCluster(5, 2);

    StorageProtectionTest() {
        cluster.manager.register(PersistentVolumeController.NAME, PersistentVolumeController::new);
        cluster.manager.register(PVCProtectionController.NAME, PVCProtectionController::new);
        cluster.manager.register(PVProtectionController.NAME, PVProtectionController::new);
        cluster.manager.start(PersistentVolumeController.NAME);
        cluster.manager.start(PVCProtectionController.NAME);
        cluster.manager.start(PVProtectionController.NAME);
        cluster.api.create(BuiltinResources.PERSISTENT_VOLUMES, null, PersistentVolumeControllerTest.pv("vol", "1Gi"));
        cluster.api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default",
                PersistentVolumeControllerTest.claim("data", "1Gi"));
        cluster.run(2);
    }

    private Pod createPod(String name) {
        PodSpec spec = TestCluster.template(Map.of("app", name), "nginx:1.25").spec().toBuilder()
                .volumes(List.of(Volume.persistentVolumeClaim("data", "data"))).build();
        return cluster.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    private <T extends KubeObject> T get(ResourceType<T> type, String namespace, String name) {
        try {
            return cluster.api.get(type, namespace, name);
        } catch (ApiException e) {
            return null;
        }
    }

    private PersistentVolumeClaim claim() {
        return get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data");
    }

    private PersistentVolume volume() {
        return get(BuiltinResources.PERSISTENT_VOLUMES, null, "vol");
    }

    private String claimStatusColumn() {
        return ServerPrinters.defaults().toTable(PersistentVolumeClaim.class, List.of(claim()),
                cluster.kernel.instant()).rows().get(0).cells().get(1);
    }

    @Test
    void newClaimsAndVolumesGetTheirProtectionFinalizers() {
        assertEquals(List.of("kubernetes.io/pvc-protection"), claim().metadata().finalizers());
        assertEquals(List.of("kubernetes.io/pv-protection"), volume().metadata().finalizers());
        assertEquals("Bound", claim().status().phase());
    }

    @Test
    void aClaimInUseStaysTerminatingUntilItsPodIsGone() {
        createPod("user");
        cluster.run(10);
        cluster.api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data", DeleteOptions.defaults());
        cluster.run(30);
        assertNotNull(claim().metadata().deletionTimestamp());
        assertEquals("Terminating", claimStatusColumn());
        assertEquals("Bound", volume().status().phase());
        cluster.api.delete(BuiltinResources.PODS, "default", "user", DeleteOptions.defaults());
        cluster.run(60);
        assertNull(get(BuiltinResources.PODS, "default", "user"));
        assertNull(claim());
        assertEquals("Released", volume().status().phase());
    }

    @Test
    void anUnusedClaimGoesAtOnce() {
        cluster.api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data", DeleteOptions.defaults());
        cluster.run(1);
        assertNull(claim());
    }

    @Test
    void aBoundVolumeStaysTerminatingUntilItsClaimIsGone() {
        cluster.api.delete(BuiltinResources.PERSISTENT_VOLUMES, null, "vol", DeleteOptions.defaults());
        cluster.run(30);
        assertNotNull(volume().metadata().deletionTimestamp());
        assertEquals("Bound", volume().status().phase());
        assertEquals("Bound", claim().status().phase());
        cluster.api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data", DeleteOptions.defaults());
        cluster.run(30);
        assertNull(claim());
        assertNull(volume());
    }

    @Test
    void aFinalizerRemovedFromALiveClaimComesBack() {
        PersistentVolumeClaim c = claim();
        cluster.api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                c.withMetadata(c.metadata().toBuilder().finalizers(List.of()).build()));
        cluster.run(1);
        assertEquals(List.of("kubernetes.io/pvc-protection"), claim().metadata().finalizers());
    }

    @Test
    void onlyAScheduledPodUsesAClaimWhateverItsPhase() {
        Pod pod = Pod.of(ObjectMeta.of("default", "p"), PodSpec.builder()
                .volumes(List.of(Volume.persistentVolumeClaim("v", "data"))).build());
        assertFalse(PVCProtectionController.podUsesClaim(pod, "data"));
        Pod scheduled = pod.withSpec(pod.spec().toBuilder().nodeName("node-1").build());
        assertTrue(PVCProtectionController.podUsesClaim(scheduled, "data"));
        assertFalse(PVCProtectionController.podUsesClaim(scheduled, "other"));
    }
}
