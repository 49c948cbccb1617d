package io.ksim.api.core;

import java.util.List;

/** One requirement of a {@link TopologySelectorTerm}: the label {@code key} has one of {@code values}. */
public record TopologySelectorLabelRequirement(String key, List<String> values) {

    public TopologySelectorLabelRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
