package io.ksim.api.core;

/** core/v1 LocalVolumeSource: a directory or block device on one node (a PersistentVolume's {@code local}). */
public record LocalVolumeSource(String path, String fsType) {
}
