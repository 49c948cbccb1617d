package io.ksim.api.storage;

import io.ksim.api.core.PersistentVolume;

/**
 * Defaulting of storage.k8s.io/v1 objects, as upstream's SetDefaults_StorageClass
 * (kubernetes pkg/apis/storage/v1/defaults.go). Idempotent.
 */
public final class StorageDefaults {

    private StorageDefaults() {
    }

    /** reclaimPolicy Delete and volumeBindingMode Immediate when unset. */
    public static StorageClass storageClass(StorageClass sc) {
        StorageClass out = sc;
        if (out.reclaimPolicy() == null) {
            out = out.withReclaimPolicy(PersistentVolume.RECLAIM_DELETE);
        }
        if (out.volumeBindingMode() == null) {
            out = out.withVolumeBindingMode(StorageClass.BINDING_IMMEDIATE);
        }
        return out;
    }
}
