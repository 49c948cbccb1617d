package io.ksim.api.core;

/** A PersistentVolumeClaim of the pod's namespace as a volume (core/v1 PersistentVolumeClaimVolumeSource). */
public record PersistentVolumeClaimVolumeSource(String claimName, Boolean readOnly) {
}
