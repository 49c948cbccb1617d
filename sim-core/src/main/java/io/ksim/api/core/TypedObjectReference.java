package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to an object of any group, possibly in another namespace (core/v1 TypedObjectReference): a
 * claim's {@code dataSourceRef}. As in {@link TypedLocalObjectReference}, a null {@code apiGroup} is written.
 */
public record TypedObjectReference(@JsonInclude(JsonInclude.Include.ALWAYS) String apiGroup, String kind,
        String name, String namespace) {
}
