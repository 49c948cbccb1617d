package io.ksim.kubectl;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code kubectl cluster-info}: the API server's address, then each Service labelled
 * {@code kubernetes.io/cluster-service=true} in kube-system (or {@code -n}) as a proxy URL through the API
 * server, named by its {@code kubernetes.io/name} label, as kubectl 1.32 prints them (without its colours).
 * ksim's cluster is addressed as a kind cluster's is: the API server on the loopback address.
 */
@Command(name = "cluster-info")
final class ClusterInfoCommand implements Callable<Integer> {

    /** The address kubeconfig would give for ksim's API server, as kind writes one (fixed, for repeatable output). */
    static final String SERVER = "https://127.0.0.1:6443";

    private final KubectlContext ctx;

    ClusterInfoCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        String namespace = ctx.namespaceGiven() ? ctx.namespace() : "kube-system";
        StringBuilder out = new StringBuilder();
        out.append("Kubernetes control plane is running at ").append(SERVER).append('\n');
        for (Service s : ctx.api().list(BuiltinResources.SERVICES, namespace,
                ListOptions.labels("kubernetes.io/cluster-service=true")).items()) {
            String name = s.metadata().labels() == null ? null : s.metadata().labels().get("kubernetes.io/name");
            out.append(name == null || name.isEmpty() ? s.metadata().name() : name)
                    .append(" is running at ").append(link(s)).append('\n');
        }
        out.append("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
        ctx.out().print(out);
        return 0;
    }

    private static String link(Service s) {
        var ingress = s.status() == null || s.status().loadBalancer() == null ? null : s.status().loadBalancer().ingress();
        if (ingress != null && !ingress.isEmpty()) {
            String ip = ingress.get(0).ip() == null || ingress.get(0).ip().isEmpty() ? ingress.get(0).hostname() : ingress.get(0).ip();
            StringBuilder link = new StringBuilder();
            for (ServicePort p : s.spec().ports()) {
                link.append("http://").append(ip).append(':').append(p.port()).append(' ');
            }
            return link.toString();
        }
        String name = s.metadata().name();
        if (s.spec().ports() != null && !s.spec().ports().isEmpty()) {
            ServicePort port = s.spec().ports().get(0);
            String scheme = "https".equals(port.name()) || port.port() == 443 ? "https" : "";
            name = joinSchemeNamePort(scheme, name, port.name());
        }
        return SERVER + "/api/v1/namespaces/" + s.metadata().namespace() + "/services/" + name + "/proxy";
    }

    /** {@code [scheme:]name[:port]}, as utilnet.JoinSchemeNamePort writes a proxy target. */
    private static String joinSchemeNamePort(String scheme, String name, String port) {
        String target = name;
        if (port != null && !port.isEmpty()) {
            target = name + ":" + port;
        }
        return scheme.isEmpty() ? target : scheme + ":" + target;
    }
}
