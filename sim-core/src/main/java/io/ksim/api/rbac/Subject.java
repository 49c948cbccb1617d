package io.ksim.api.rbac;

/**
 * Who a binding grants to (rbac/v1 Subject): a User, a Group or a ServiceAccount. {@code apiGroup} is
 * {@code ""} for ServiceAccount and {@value Rbac#GROUP_NAME} for User and Group (defaulted so).
 */
public record Subject(String kind, String apiGroup, String name, String namespace) {

    public static final String USER = "User";
    public static final String GROUP = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    public static Subject user(String name) {
        return new Subject(USER, Rbac.GROUP_NAME, name, null);
    }

    public static Subject group(String name) {
        return new Subject(GROUP, Rbac.GROUP_NAME, name, null);
    }

    public static Subject serviceAccount(String namespace, String name) {
        return new Subject(SERVICE_ACCOUNT, null, name, namespace);
    }
}
