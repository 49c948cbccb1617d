package io.ksim.api.rbac;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/**
 * A cluster-wide set of permissions (rbac.authorization.k8s.io/v1 ClusterRole). With an aggregationRule,
 * its rules are managed by the controller manager as the union of the selected ClusterRoles' rules.
 */
public record ClusterRole(String apiVersion, String kind, ObjectMeta metadata, List<PolicyRule> rules,
        AggregationRule aggregationRule) implements KubeObject {

    public static final String API_VERSION = Rbac.API_VERSION;
    public static final String KIND = "ClusterRole";

    public ClusterRole {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public ClusterRole(ObjectMeta metadata, List<PolicyRule> rules) {
        this(null, null, metadata, rules, null);
    }

    @Override
    public ClusterRole withMetadata(ObjectMeta newMetadata) {
        return new ClusterRole(apiVersion, kind, newMetadata, rules, aggregationRule);
    }

    public ClusterRole withRules(List<PolicyRule> newRules) {
        return new ClusterRole(apiVersion, kind, metadata, newRules, aggregationRule);
    }
}
