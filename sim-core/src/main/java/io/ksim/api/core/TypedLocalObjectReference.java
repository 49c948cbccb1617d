package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to an object of any group in the same namespace (core/v1 TypedLocalObjectReference): a
 * claim's {@code dataSource}. A null {@code apiGroup} means the core group; upstream's field has no
 * omitempty, so it is written as {@code apiGroup: null}.
 */
public record TypedLocalObjectReference(@JsonInclude(JsonInclude.Include.ALWAYS) String apiGroup, String kind,
        String name) {
}
