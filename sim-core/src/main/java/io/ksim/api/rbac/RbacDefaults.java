package io.ksim.api.rbac;

import java.util.List;

/**
 * The API server's defaulting of rbac.authorization.k8s.io/v1 objects (upstream
 * pkg/apis/rbac/v1/defaults.go and its generated object defaulters): a binding's roleRef.apiGroup is the
 * rbac group, and a User or Group subject without apiGroup gets the rbac group. Roles have no defaults.
 * Each function returns a defaulted copy and is idempotent.
 */
public final class RbacDefaults {

    private RbacDefaults() {
    }

    public static RoleBinding roleBinding(RoleBinding binding) {
        return new RoleBinding(binding.apiVersion(), binding.kind(), binding.metadata(),
                subjects(binding.subjects()), roleRef(binding.roleRef()));
    }

    public static ClusterRoleBinding clusterRoleBinding(ClusterRoleBinding binding) {
        return new ClusterRoleBinding(binding.apiVersion(), binding.kind(), binding.metadata(),
                subjects(binding.subjects()), roleRef(binding.roleRef()));
    }

    /** A subject with its apiGroup defaulted from its kind; ServiceAccount's group is the core group "". */
    public static Subject subject(Subject subject) {
        if (!isEmpty(subject.apiGroup())) {
            return subject;
        }
        return switch (subject.kind() == null ? "" : subject.kind()) {
            case Subject.USER, Subject.GROUP ->
                    new Subject(subject.kind(), Rbac.GROUP_NAME, subject.name(), subject.namespace());
            default -> subject;
        };
    }

    /** The roleRef with apiGroup defaulted. */
    static RoleRef roleRef(RoleRef ref) {
        return isEmpty(ref.apiGroup()) ? new RoleRef(Rbac.GROUP_NAME, ref.kind(), ref.name()) : ref;
    }

    private static List<Subject> subjects(List<Subject> subjects) {
        return subjects.stream().map(RbacDefaults::subject).toList();
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
