package io.ksim.api.core;

import java.util.List;

/**
 * {@code key operator values} over a node's labels or fields (core/v1 NodeSelectorRequirement); operators
 * in {@link NodeSelectorOperator}.
 */
public record NodeSelectorRequirement(String key, String operator, List<String> values) {

    public NodeSelectorRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
