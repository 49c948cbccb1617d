package io.ksim.api.core;

import java.util.List;

/** A ConfigMap in a projected volume (core/v1 ConfigMapProjection); {@code name} is the ConfigMap's. */
public record ConfigMapProjection(String name, List<KeyToPath> items, Boolean optional) {

    public ConfigMapProjection {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
