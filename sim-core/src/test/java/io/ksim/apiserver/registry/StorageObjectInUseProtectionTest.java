package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The StorageObjectInUseProtection admission plugin: protection finalizers on create, once. */
class StorageObjectInUseProtectionTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private KubeObject create(String yaml) {
        return api.createObject("default", api.scheme().decodeAll(yaml).get(0));
    }

    private static final String CLAIM = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data%s}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """;

    @Test
    void aNewClaimGetsPvcProtectionAfterItsOwnFinalizers() {
        PersistentVolumeClaim c = (PersistentVolumeClaim) create(CLAIM.formatted(", finalizers: [example.com/keep]"));
        assertEquals(List.of("example.com/keep", "kubernetes.io/pvc-protection"), c.metadata().finalizers());
        PersistentVolumeClaim again = (PersistentVolumeClaim) create(CLAIM.formatted(
                "2, finalizers: [kubernetes.io/pvc-protection]"));
        assertEquals(List.of("kubernetes.io/pvc-protection"), again.metadata().finalizers());
    }

    @Test
    void aNewVolumeGetsPvProtection() {
        PersistentVolume pv = (PersistentVolume) create("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: vol}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  hostPath: {path: /data}
                """);
        assertEquals(List.of("kubernetes.io/pv-protection"), pv.metadata().finalizers());
    }

    @Test
    void updatesAreLeftAloneAndADeletedClaimStaysTerminating() {
        PersistentVolumeClaim c = (PersistentVolumeClaim) create(CLAIM.formatted(""));
        PersistentVolumeClaim stripped = api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS,
                c.withMetadata(c.metadata().toBuilder().finalizers(List.of()).build()));
        assertEquals(List.of(), stripped.metadata().finalizers());
        PersistentVolumeClaim d = (PersistentVolumeClaim) create(CLAIM.formatted("3"));
        api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data3", DeleteOptions.defaults());
        PersistentVolumeClaim terminating = api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data3");
        assertEquals(d.metadata().uid(), terminating.metadata().uid());
        assertEquals(true, terminating.metadata().isBeingDeleted());
    }
}
