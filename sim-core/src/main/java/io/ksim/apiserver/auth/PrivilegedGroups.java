package io.ksim.apiserver.auth;

import java.util.List;

/**
 * The authorizer kube-apiserver runs before all others (authorizerfactory's privileged groups): a member
 * of system:masters is allowed everything, whatever roles exist.
 */
public final class PrivilegedGroups {

    private final List<String> groups;

    public PrivilegedGroups(List<String> groups) {
        this.groups = List.copyOf(groups);
    }

    /** The kube-apiserver default: system:masters. */
    public static PrivilegedGroups systemMasters() {
        return new PrivilegedGroups(List.of(UserInfo.SYSTEM_MASTERS));
    }

    /** Whether the user is in a privileged group, and so allowed without a reason. */
    public boolean allows(UserInfo user) {
        return user != null && user.groups().stream().anyMatch(groups::contains);
    }
}
