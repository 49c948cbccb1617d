package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import java.util.SortedMap;

/**
 * core/v1 CSIPersistentVolumeSource: a volume of an external CSI driver. The scheduler counts attached CSI
 * volumes per driver, and tells volumes apart by {@code volumeHandle}.
 */
public record CSIPersistentVolumeSource(String driver, String volumeHandle, Boolean readOnly, String fsType,
        SortedMap<String, String> volumeAttributes, SecretReference controllerPublishSecretRef,
        SecretReference nodeStageSecretRef, SecretReference nodePublishSecretRef,
        SecretReference controllerExpandSecretRef, SecretReference nodeExpandSecretRef) {

    public CSIPersistentVolumeSource {
        volumeAttributes = volumeAttributes == null ? ImmutableSortedMap.of()
                : ImmutableSortedMap.copyOfSorted(volumeAttributes);
    }
}
