package io.ksim.api.core;

import java.util.List;

/**
 * The keys of a ConfigMap as files (core/v1 ConfigMapVolumeSource); {@code name} is the ConfigMap's and
 * {@code defaultMode} defaults to 0644.
 */
public record ConfigMapVolumeSource(String name, List<KeyToPath> items, Integer defaultMode, Boolean optional) {

    public ConfigMapVolumeSource {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
