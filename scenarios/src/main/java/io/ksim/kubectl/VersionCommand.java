package io.ksim.kubectl;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code kubectl version}: the client and server versions as kubectl 1.32 prints them. The server is the
 * simulated control plane, which behaves as v1.32.
 */
@Command(name = "version")
final class VersionCommand implements Callable<Integer> {

    /** The Kubernetes release ksim models, as {@code kubectl version} reports it. */
    static final String GIT_VERSION = "v1.32.0";

    private final KubectlContext ctx;

    VersionCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.out().println("Client Version: " + GIT_VERSION);
        ctx.out().println("Kustomize Version: v5.5.0");
        ctx.out().println("Server Version: " + GIT_VERSION);
        return 0;
    }
}
