package io.ksim.kubectl;

import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.auth.Impersonation;
import io.ksim.apiserver.auth.RbacAuthorizer;
import io.ksim.apiserver.auth.UserInfo;
import io.ksim.cluster.Cluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What every kubectl command works with: the cluster (commands that wait, as {@code drain} or
 * {@code rollout status}, run its virtual time forward), its API server, the output streams of the
 * running command and the namespace of the request ({@code -n}, or {@code default}).
 */
public final class KubectlContext {

    /** The user entry of the kubeconfig kind writes for its cluster "kind", which client-go's errors name. */
    static final String KUBECONFIG_USER = "kind-kind";

    private final Cluster cluster;
    private final ResourceResolver resources;
    private KubectlCommand root;
    private PrintWriter out;
    private PrintWriter err;
    private String stdin = "";
    private Path workingDirectory = Path.of("");
    /** The user of the running command's requests, once known; see {@link #user()}. */
    private UserInfo user;
    /** The API as {@link #user} reaches it, made on first use when impersonating. */
    private ApiServer userApi;

    KubectlContext(Cluster cluster) {
        this.cluster = cluster;
        this.resources = new ResourceResolver(cluster.api());
    }

    void begin(KubectlCommand root, PrintWriter out, PrintWriter err, String stdin) {
        this.root = root;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
        this.user = null;
        this.userApi = null;
    }

    /**
     * Checks the global flags every request of kubectl carries (client-go's rest config): {@code --request-timeout}
     * and the impersonation flags, and authorizes the impersonation as the API server does for each request.
     */
    void checkRequestFlags() {
        if (root.requestTimeout() != null) {
            DurationFlags.requestTimeout(root.requestTimeout());
        }
        user();
    }

    void workingDirectory(Path dir) {
        this.workingDirectory = dir;
    }

    /** What the command reads for {@code -f -}. */
    public String stdin() {
        return stdin;
    }

    /** Where relative paths ({@code -f web.yaml}) are resolved: a scenario file's directory, or the process's. */
    public Path resolvePath(String path) {
        return workingDirectory.resolve(path);
    }

    public Cluster cluster() {
        return cluster;
    }

    /**
     * The API as the command's user reaches it: the cluster's API server for kubectl's own user (in system:masters,
     * so nothing is refused), or, with {@code --as}, a view that authorizes every request for the impersonated user
     * through RBAC first ({@code pods is forbidden: User "jane" cannot list resource "pods" ...}).
     */
    public ApiServer api() {
        if (!impersonating()) {
            return cluster.api();
        }
        if (userApi == null) {
            userApi = cluster.api().authorizedBy(new RbacAuthorizer(cluster.api()).forUser(user()));
        }
        return userApi;
    }

    /**
     * Who the command's requests are made as: kind's admin ({@code kubernetes-admin}), or the user {@code --as}
     * names with the groups of {@code --as-group} (the impersonation authorized for the admin first). Groups or a
     * uid without {@code --as} are refused as client-go refuses them.
     */
    public UserInfo user() {
        if (user == null) {
            if (!impersonating()) {
                if (!root.asGroups().isEmpty() || (root.asUid() != null && !root.asUid().isEmpty())) {
                    throw new KubectlException("error: requesting uid, groups or user-extra for " + KUBECONFIG_USER
                            + " without impersonating a user");
                }
                user = UserInfo.admin();
            } else {
                user = Impersonation.impersonate(new RbacAuthorizer(cluster.api()), UserInfo.admin(), root.as(),
                        root.asGroups(), root.asUid());
            }
        }
        return user;
    }

    /** Whether {@code --as} names a user. */
    public boolean impersonating() {
        return root.as() != null && !root.as().isEmpty();
    }

    /** {@code --request-timeout} as given, or null when absent. */
    public String requestTimeout() {
        return root.requestTimeout();
    }

    public ResourceResolver resources() {
        return resources;
    }

    /** Standard output of the running command. */
    public PrintWriter out() {
        return out;
    }

    /** Standard error of the running command. */
    public PrintWriter err() {
        return err;
    }

    /** The namespace given with {@code -n/--namespace}, or {@code default} (kubeconfig's context namespace). */
    public String namespace() {
        String ns = root.namespace();
        return ns == null || ns.isEmpty() ? "default" : ns;
    }

    /** Whether {@code -n} was given explicitly (some commands print it then). */
    public boolean namespaceGiven() {
        return root.namespace() != null;
    }

    /** The virtual time now: ages are measured against it. */
    public Instant now() {
        return cluster.now();
    }
}
