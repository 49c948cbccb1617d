package io.ksim.api.rbac;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/** A namespaced set of permissions (rbac.authorization.k8s.io/v1 Role). */
public record Role(String apiVersion, String kind, ObjectMeta metadata, List<PolicyRule> rules) implements KubeObject {

    public static final String API_VERSION = Rbac.API_VERSION;
    public static final String KIND = "Role";

    public Role {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public Role(ObjectMeta metadata, List<PolicyRule> rules) {
        this(null, null, metadata, rules);
    }

    @Override
    public Role withMetadata(ObjectMeta newMetadata) {
        return new Role(apiVersion, kind, newMetadata, rules);
    }

    public Role withRules(List<PolicyRule> newRules) {
        return new Role(apiVersion, kind, metadata, newRules);
    }
}
