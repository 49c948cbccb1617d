package io.ksim.apiserver.auth;

import io.ksim.api.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's impersonation filter (WithImpersonation), for the Impersonate-User, Impersonate-Group and
 * Impersonate-Uid headers kubectl sends for {@code --as}, {@code --as-group} and {@code --as-uid}. The requestor
 * must be allowed to "impersonate" each one (users, or serviceaccounts in the account's namespace; groups; uids
 * of authentication.k8s.io), else the request is Forbidden, e.g. {@code users "jane" is forbidden: User "bob"
 * cannot impersonate resource "users" in API group "" at the cluster scope}.
 *
 * <p>The user the request then runs as: a user name of the form {@code system:serviceaccount:NS:NAME} is that
 * service account, whose groups, when no group is given, are {@code system:serviceaccounts} and
 * {@code system:serviceaccounts:NS}; given groups replace them. Every user but {@code system:anonymous} is then in
 * {@code system:authenticated} unless the groups name it or {@code system:unauthenticated}; the anonymous user
 * is put in {@code system:unauthenticated}.
 */
public final class Impersonation {

    /** The anonymous user's name (user.Anonymous). */
    public static final String ANONYMOUS = "system:anonymous";
    /** The group of unauthenticated requests (user.AllUnauthenticated). */
    public static final String UNAUTHENTICATED = "system:unauthenticated";
    private static final String AUTHENTICATION_GROUP = "authentication.k8s.io";

    private Impersonation() {
    }

    /**
     * The user {@code requestor} acts as when impersonating {@code user} (not empty) with {@code groups} and
     * {@code uid} (null or "" for none), each impersonation authorized by {@code authorizer} first.
     */
    public static UserInfo impersonate(RbacAuthorizer authorizer, UserInfo requestor, String user, List<String> groups,
            String uid) {
        String[] account = splitServiceAccount(user);
        if (account != null) {
            authorizer.check(impersonate(requestor, account[0], "", "serviceaccounts", account[1]));
        } else {
            authorizer.check(impersonate(requestor, "", "", "users", user));
        }
        for (String group : groups) {
            authorizer.check(impersonate(requestor, "", "", "groups", group));
        }
        if (uid != null && !uid.isEmpty()) {
            authorizer.check(impersonate(requestor, "", AUTHENTICATION_GROUP, "uids", uid));
        }
        return user(user, groups, uid);
    }

    /** The impersonated user alone, without authorizing the impersonation. */
    public static UserInfo user(String user, List<String> groups, String uid) {
        List<String> all = new ArrayList<>(groups);
        String[] account = splitServiceAccount(user);
        if (account != null && groups.isEmpty()) {
            all.addAll(List.of(UserInfo.SERVICE_ACCOUNTS, UserInfo.SERVICE_ACCOUNTS + ":" + account[0]));
        }
        if (!user.equals(ANONYMOUS)) {
            if (!all.contains(UserInfo.AUTHENTICATED) && !all.contains(UNAUTHENTICATED)) {
                all.add(UserInfo.AUTHENTICATED);
            }
        } else if (!all.contains(UNAUTHENTICATED)) {
            all.add(UNAUTHENTICATED);
        }
        return new UserInfo(user, all, uid == null || uid.isEmpty() ? null : uid);
    }

    /**
     * The namespace and name of a service account's user name (serviceaccount.SplitUsername), or null when
     * {@code user} is not one: exactly two parts after the prefix, a valid namespace and account name.
     */
    static String[] splitServiceAccount(String user) {
        if (!user.startsWith(UserInfo.SERVICE_ACCOUNT_PREFIX)) {
            return null;
        }
        String[] parts = user.substring(UserInfo.SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
        if (parts.length != 2 || !NameValidation.isDns1123Label(parts[0]).isEmpty()
                || !NameValidation.isDns1123Subdomain(parts[1]).isEmpty()) {
            return null;
        }
        return parts;
    }

    private static Attributes impersonate(UserInfo requestor, String namespace, String group, String resource,
            String name) {
        return Attributes.resource(requestor, "impersonate", namespace, group, resource, "", name);
    }
}
