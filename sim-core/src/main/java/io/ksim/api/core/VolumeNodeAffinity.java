package io.ksim.api.core;

/** core/v1 VolumeNodeAffinity: the nodes a PersistentVolume can be used from. */
public record VolumeNodeAffinity(NodeSelector required) {
}
