package io.ksim.api.rbac;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/** Grants a ClusterRole cluster-wide to subjects (rbac.authorization.k8s.io/v1 ClusterRoleBinding). */
public record ClusterRoleBinding(String apiVersion, String kind, ObjectMeta metadata, List<Subject> subjects,
        RoleRef roleRef) implements KubeObject {

    public static final String API_VERSION = Rbac.API_VERSION;
    public static final String KIND = "ClusterRoleBinding";

    public ClusterRoleBinding {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        roleRef = roleRef == null ? new RoleRef(null, null, null) : roleRef;
    }

    public ClusterRoleBinding(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        this(null, null, metadata, subjects, roleRef);
    }

    @Override
    public ClusterRoleBinding withMetadata(ObjectMeta newMetadata) {
        return new ClusterRoleBinding(apiVersion, kind, newMetadata, subjects, roleRef);
    }
}
