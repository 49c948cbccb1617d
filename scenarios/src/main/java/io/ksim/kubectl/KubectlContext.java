package io.ksim.kubectl;

import io.ksim.apiserver.ApiServer;
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

    private final Cluster cluster;
    private final ResourceResolver resources;
    private KubectlCommand root;
    private PrintWriter out;
    private PrintWriter err;
    private String stdin = "";
    private Path workingDirectory = Path.of("");

    KubectlContext(Cluster cluster) {
        this.cluster = cluster;
        this.resources = new ResourceResolver(cluster.api());
    }

    void begin(KubectlCommand root, PrintWriter out, PrintWriter err, String stdin) {
        this.root = root;
        this.out = out;
        this.err = err;
        this.stdin = stdin;
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

    public ApiServer api() {
        return cluster.api();
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
