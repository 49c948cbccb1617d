package io.ksim.apiserver.registry;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.storage.StorageClass;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;

/**
 * The DefaultStorageClass admission plugin (plugin/pkg/admission/storage/storageclass/setdefault): a new claim
 * that asks for no class (no {@code storageClassName}, not even "", and no beta
 * {@code volume.beta.kubernetes.io/storage-class} annotation) gets the default StorageClass's name; with several
 * default classes the newest wins ({@link StorageClass#defaultClass}); with none the claim is left without a class,
 * and the PV controller gives it the default later if one appears (retroactive assignment).
 */
public final class DefaultStorageClass implements AdmissionPlugin {

    /** The claim annotation that named a class before {@code spec.storageClassName} existed. */
    public static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

    /** The StorageClasses, as upstream's informer lister. */
    private final WatchedObjects<StorageClass> classLister;

    public DefaultStorageClass(ApiServer api) {
        this.classLister = new WatchedObjects<>(api, BuiltinResources.STORAGE_CLASSES);
    }

    @Override
    public String name() {
        return "DefaultStorageClass";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (operation != Operation.CREATE || type != BuiltinResources.PERSISTENT_VOLUME_CLAIMS) {
            return obj;
        }
        PersistentVolumeClaim claim = (PersistentVolumeClaim) obj;
        if (claim.spec().storageClassName() != null || claim.metadata().annotations().containsKey(BETA_STORAGE_CLASS)) {
            return obj;
        }
        StorageClass def = StorageClass.defaultClass(classLister.all());
        if (def == null) {
            return obj;
        }
        PersistentVolumeClaimSpec s = claim.spec();
        return type.cast(claim.withSpec(new PersistentVolumeClaimSpec(s.accessModes(), s.selector(), s.resources(),
                s.volumeName(), def.metadata().name(), s.volumeMode(), s.dataSource(), s.dataSourceRef(),
                s.volumeAttributesClassName())));
    }
}
