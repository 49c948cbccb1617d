package io.ksim.api.rbac;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/**
 * Grants a Role, or a ClusterRole within one namespace, to subjects (rbac.authorization.k8s.io/v1
 * RoleBinding).
 */
public record RoleBinding(String apiVersion, String kind, ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef)
        implements KubeObject {

    public static final String API_VERSION = Rbac.API_VERSION;
    public static final String KIND = "RoleBinding";

    public RoleBinding {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        roleRef = roleRef == null ? new RoleRef(null, null, null) : roleRef;
    }

    public RoleBinding(ObjectMeta metadata, List<Subject> subjects, RoleRef roleRef) {
        this(null, null, metadata, subjects, roleRef);
    }

    @Override
    public RoleBinding withMetadata(ObjectMeta newMetadata) {
        return new RoleBinding(apiVersion, kind, newMetadata, subjects, roleRef);
    }
}
