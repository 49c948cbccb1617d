package io.ksim.api.core;

import java.util.List;

/** A Secret in a projected volume (core/v1 SecretProjection); {@code name} is the Secret's. */
public record SecretProjection(String name, List<KeyToPath> items, Boolean optional) {

    public SecretProjection {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
