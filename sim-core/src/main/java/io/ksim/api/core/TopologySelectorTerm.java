package io.ksim.api.core;

import java.util.List;

/**
 * A topology constraint of a StorageClass's {@code allowedTopologies} (core/v1 TopologySelectorTerm): every
 * requirement must hold.
 */
public record TopologySelectorTerm(List<TopologySelectorLabelRequirement> matchLabelExpressions) {

    public TopologySelectorTerm {
        matchLabelExpressions = matchLabelExpressions == null ? List.of() : List.copyOf(matchLabelExpressions);
    }
}
