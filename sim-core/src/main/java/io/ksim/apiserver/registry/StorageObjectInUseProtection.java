package io.ksim.apiserver.registry;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.Finalizers;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The StorageObjectInUseProtection admission plugin (plugin/pkg/admission/storage/storageobjectinuseprotection):
 * every new PersistentVolumeClaim gets the {@code kubernetes.io/pvc-protection} finalizer and every new
 * PersistentVolume {@code kubernetes.io/pv-protection}, unless it already has it. Deleting a claim a pod uses,
 * or a Bound volume, then only marks it (Terminating) until the protection controllers remove the finalizer.
 */
public final class StorageObjectInUseProtection implements AdmissionPlugin {

    @Override
    public String name() {
        return "StorageObjectInUseProtection";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (operation != Operation.CREATE) {
            return obj;
        }
        if (type == BuiltinResources.PERSISTENT_VOLUME_CLAIMS) {
            return withFinalizer(type, obj, Finalizers.PVC_PROTECTION);
        }
        if (type == BuiltinResources.PERSISTENT_VOLUMES) {
            return withFinalizer(type, obj, Finalizers.PV_PROTECTION);
        }
        return obj;
    }

    private static <T extends KubeObject> T withFinalizer(ResourceType<T> type, T obj, String finalizer) {
        List<String> finalizers = obj.metadata().finalizers();
        if (finalizers.contains(finalizer)) {
            return obj;
        }
        List<String> added = new ArrayList<>(finalizers);
        added.add(finalizer);
        return type.cast(obj.withMetadata(obj.metadata().toBuilder().finalizers(added).build()));
    }
}
