package io.ksim.controller.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerManager;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever volumes and claims exist, and whenever the controller crashes, binding is one to one and honest: every
 * Bound claim names a volume whose claimRef carries the claim's uid, that volume is big enough and Bound, no
 * volume serves two claims, and a claim stays unbound only if no free volume could take it. Deleting every
 * claim leaves each (Retain) volume Released.
 */
class PersistentVolumeBindingProperties {

    @Property
    void bindingIsOneToOneAndSound(@ForAll @Size(max = 6) List<@IntRange(min = 1, max = 8) Integer> volumeGi,
            @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 8) Integer> claimGi,
            @ForAll @IntRange(min = 0, max = 3) int crashAfterSeconds) {
        Kernel kernel = Kernel.builder().seed(volumeGi.size() * 31L + claimGi.size()).build();
        ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        ControllerManager manager = new ControllerManager(ControllerContext.of(kernel, api))
                .register(PersistentVolumeController.NAME, PersistentVolumeController::new)
                .register(PVCProtectionController.NAME, PVCProtectionController::new)
                .register(PVProtectionController.NAME, PVProtectionController::new);
        manager.startAll();
        for (int i = 0; i < volumeGi.size(); i++) {
            api.create(BuiltinResources.PERSISTENT_VOLUMES, null,
                    PersistentVolumeControllerTest.pv("pv-" + i, volumeGi.get(i) + "Gi"));
        }
        for (int i = 0; i < claimGi.size(); i++) {
            api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default",
                    PersistentVolumeControllerTest.claim("claim-" + i, claimGi.get(i) + "Gi"));
        }
        kernel.runUntil(Duration.ofSeconds(crashAfterSeconds));
        manager.crash(PersistentVolumeController.NAME);
        manager.start(PersistentVolumeController.NAME);
        kernel.runUntil(Duration.ofNanos(kernel.nanos()).plusSeconds(10));

        Set<String> used = new HashSet<>();
        List<PersistentVolume> volumes = api.list(BuiltinResources.PERSISTENT_VOLUMES, null).items();
        boolean unboundClaimLeft = false;
        long largestUnboundRequest = 0;
        for (PersistentVolumeClaim c : api.list(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default").items()) {
            if (!"Bound".equals(c.status().phase())) {
                unboundClaimLeft = true;
                continue;
            }
            String name = c.spec().volumeName();
            assertTrue(used.add(name), name + " serves two claims");
            PersistentVolume pv = api.get(BuiltinResources.PERSISTENT_VOLUMES, null, name);
            assertNotNull(pv.spec().claimRef());
            assertEquals(c.metadata().uid(), pv.spec().claimRef().uid());
            assertEquals("Bound", pv.status().phase());
            assertTrue(VolumeMatching.capacityOf(pv).compareTo(VolumeMatching.requestedStorage(c)) >= 0);
        }
        if (unboundClaimLeft) {
            // An unbound claim may only remain when no Available volume fits it.
            for (PersistentVolumeClaim c : api.list(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default").items()) {
                if ("Bound".equals(c.status().phase())) {
                    continue;
                }
                for (PersistentVolume pv : volumes) {
                    boolean free = pv.spec().claimRef() == null;
                    assertTrue(!free || VolumeMatching.capacityOf(pv).compareTo(VolumeMatching.requestedStorage(c)) < 0,
                            c.metadata().name() + " left unbound beside free " + pv.metadata().name());
                }
            }
        }
        for (int i = 0; i < claimGi.size(); i++) {
            api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "claim-" + i, DeleteOptions.defaults());
        }
        kernel.runUntil(Duration.ofNanos(kernel.nanos()).plusSeconds(10));
        for (PersistentVolume pv : api.list(BuiltinResources.PERSISTENT_VOLUMES, null).items()) {
            String expected = used.contains(pv.metadata().name()) ? "Released" : "Available";
            assertEquals(expected, pv.status().phase(), pv.metadata().name() + " " + Map.of("used", used));
        }
    }
}
