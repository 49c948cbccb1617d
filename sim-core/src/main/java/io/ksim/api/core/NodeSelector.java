package io.ksim.api.core;

import java.util.List;

/** A node selector (core/v1 NodeSelector): the terms are ORed. */
public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms) {

    public NodeSelector {
        nodeSelectorTerms = nodeSelectorTerms == null ? List.of() : List.copyOf(nodeSelectorTerms);
    }
}
