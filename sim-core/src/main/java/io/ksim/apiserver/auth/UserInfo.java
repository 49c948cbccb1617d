package io.ksim.apiserver.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * An authenticated user as the authorizers see it (upstream's user.Info): a name, the groups the
 * authenticator put the user in, and an optional uid.
 */
public record UserInfo(String name, List<String> groups, String uid) {

    /** The group whose members every request is allowed for (user.SystemPrivilegedGroup). */
    public static final String SYSTEM_MASTERS = "system:masters";
    /** The group every authenticated user is in (user.AllAuthenticated). */
    public static final String AUTHENTICATED = "system:authenticated";
    /** The group of all service accounts. */
    public static final String SERVICE_ACCOUNTS = "system:serviceaccounts";
    /** The prefix of a service account's user name. */
    public static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
    /** The name of the admin user of a kubeadm cluster's admin.conf. */
    public static final String KUBEADM_ADMIN = "kubernetes-admin";

    public UserInfo {
        name = name == null ? "" : name;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** kubeadm's admin: "kubernetes-admin" in system:masters. */
    public static UserInfo admin() {
        return new UserInfo(KUBEADM_ADMIN, List.of(SYSTEM_MASTERS, AUTHENTICATED), null);
    }

    /**
     * A service account's identity as its token authenticates it: "system:serviceaccount:&lt;ns&gt;:&lt;name&gt;" in
     * "system:serviceaccounts", "system:serviceaccounts:&lt;ns&gt;" and "system:authenticated".
     */
    public static UserInfo serviceAccount(String namespace, String name) {
        return new UserInfo(serviceAccountUsername(namespace, name),
                List.of(SERVICE_ACCOUNTS, SERVICE_ACCOUNTS + ":" + namespace, AUTHENTICATED), null);
    }

    /** A user in {@code groups} and, as every authenticated user, in "system:authenticated". */
    public static UserInfo user(String name, String... groups) {
        List<String> all = new ArrayList<>(List.of(groups));
        if (!all.contains(AUTHENTICATED)) {
            all.add(AUTHENTICATED);
        }
        return new UserInfo(name, all, null);
    }

    /** "system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;". */
    public static String serviceAccountUsername(String namespace, String name) {
        return SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }
}
