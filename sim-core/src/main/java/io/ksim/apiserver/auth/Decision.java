package io.ksim.apiserver.auth;

/**
 * An authorizer's verdict and its reason, e.g. {@code RBAC: allowed by ClusterRoleBinding "x" of ClusterRole
 * "y" to User "bob"}; a denial's reason is empty unless roles could not be resolved. Upstream's
 * "no opinion" of the last authorizer in the chain is a denial here.
 */
public record Decision(boolean allowed, String reason) {

    public Decision {
        reason = reason == null ? "" : reason;
    }

    public static Decision allow(String reason) {
        return new Decision(true, reason);
    }

    public static Decision deny(String reason) {
        return new Decision(false, reason);
    }
}
