package io.ksim.api.rbac;

/** The role a binding grants (rbac/v1 RoleRef): kind Role or ClusterRole, in the rbac API group. */
public record RoleRef(String apiGroup, String kind, String name) {

    public static final String ROLE = "Role";
    public static final String CLUSTER_ROLE = "ClusterRole";

    public static RoleRef role(String name) {
        return new RoleRef(Rbac.GROUP_NAME, ROLE, name);
    }

    public static RoleRef clusterRole(String name) {
        return new RoleRef(Rbac.GROUP_NAME, CLUSTER_ROLE, name);
    }
}
