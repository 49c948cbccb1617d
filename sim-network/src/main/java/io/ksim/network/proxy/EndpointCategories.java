package io.ksim.network.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * upstream CategorizeEndpoints (pkg/proxy/topology.go), without topology hints: the endpoints Cluster policy
 * uses (ready ones; if none anywhere, serving-and-terminating ones), those Local policy uses (ready local ones,
 * else serving-and-terminating local ones), all endpoints this node may reach (sorted by {@code IP:port}), and
 * whether the service has any usable endpoint at all.
 */
public record EndpointCategories(List<EndpointInfo> cluster, List<EndpointInfo> local,
        List<EndpointInfo> allReachable, boolean hasAny) {

    public static EndpointCategories of(ServicePortInfo svc, List<EndpointInfo> endpoints) {
        List<EndpointInfo> cluster = List.of();
        boolean hasAny = false;
        if (svc.usesClusterEndpoints()) {
            cluster = filter(endpoints, EndpointInfo::ready);
            if (cluster.isEmpty()) {
                cluster = filter(endpoints, e -> e.serving() && e.terminating());
            }
            hasAny = !cluster.isEmpty();
        }
        if (!svc.usesLocalEndpoints()) {
            return new EndpointCategories(cluster, List.of(), cluster, hasAny);
        }
        boolean localReady = false;
        boolean localServingTerminating = false;
        for (EndpointInfo e : endpoints) {
            if (e.ready()) {
                hasAny = true;
                localReady |= e.local();
            } else if (e.serving() && e.terminating()) {
                hasAny = true;
                localServingTerminating |= e.local();
            }
        }
        List<EndpointInfo> local = List.of();
        if (localReady) {
            local = filter(endpoints, e -> e.local() && e.ready());
        } else if (localServingTerminating) {
            local = filter(endpoints, e -> e.local() && e.serving() && e.terminating());
        }
        if (!svc.usesClusterEndpoints()) {
            return new EndpointCategories(cluster, local, local, hasAny);
        }
        Map<String, EndpointInfo> merged = new TreeMap<>();
        cluster.forEach(e -> merged.put(e.toString(), e));
        local.forEach(e -> merged.put(e.toString(), e));
        return new EndpointCategories(cluster, local, new ArrayList<>(merged.values()), hasAny);
    }

    private static List<EndpointInfo> filter(List<EndpointInfo> eps, Predicate<EndpointInfo> p) {
        return eps.stream().filter(p).toList();
    }
}
