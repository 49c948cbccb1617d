package io.ksim.api.rbac;

/** Names of the rbac.authorization.k8s.io API group. */
public final class Rbac {

    public static final String GROUP_NAME = "rbac.authorization.k8s.io";
    public static final String API_VERSION = GROUP_NAME + "/v1";
    /** The annotation by which the API server keeps bootstrap roles up to date. */
    public static final String AUTO_UPDATE_ANNOTATION = "rbac.authorization.kubernetes.io/autoupdate";

    private Rbac() {
    }
}
