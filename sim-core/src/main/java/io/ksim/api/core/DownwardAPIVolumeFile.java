package io.ksim.api.core;

/** One file of a downward API volume (core/v1 DownwardAPIVolumeFile): a pod field or a resource. */
public record DownwardAPIVolumeFile(String path, ObjectFieldSelector fieldRef, ResourceFieldSelector resourceFieldRef,
        Integer mode) {
}
