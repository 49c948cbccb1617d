package io.ksim.api.rbac;

import io.ksim.api.meta.LabelSelector;
import java.util.List;

/**
 * How an aggregated ClusterRole collects its rules (rbac/v1 AggregationRule): the union of the rules of
 * every ClusterRole matching any of the selectors.
 */
public record AggregationRule(List<LabelSelector> clusterRoleSelectors) {

    public AggregationRule {
        clusterRoleSelectors = clusterRoleSelectors == null ? List.of() : List.copyOf(clusterRoleSelectors);
    }
}
