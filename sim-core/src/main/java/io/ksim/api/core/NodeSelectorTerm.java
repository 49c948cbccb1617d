package io.ksim.api.core;

import java.util.List;

/**
 * One term of a {@link NodeSelector} (core/v1 NodeSelectorTerm): its label expressions and field
 * expressions (only {@code metadata.name} is supported upstream) are ANDed. An empty term matches no node.
 */
public record NodeSelectorTerm(List<NodeSelectorRequirement> matchExpressions,
        List<NodeSelectorRequirement> matchFields) {

    public NodeSelectorTerm {
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
        matchFields = matchFields == null ? List.of() : List.copyOf(matchFields);
    }
}
