package io.ksim.network.proxy;

import io.ksim.api.core.Service;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-proxy's view of the cluster for one node (its service map and endpoints map, pkg/proxy/servicechangetracker.go
 * and endpointslicecache.go): every service port with the endpoints its EndpointSlices give it. A slice endpoint
 * contributes to a service port when the slice has a port of the same name and protocol; endpoints are
 * deduplicated by {@code IP:port} and sorted by that text, as upstream sorts them.
 */
public final class ServiceEndpointsMap {

    private final Map<ServicePortName, ServicePortInfo> services = new TreeMap<>();
    private final Map<ServicePortName, List<EndpointInfo>> endpoints = new TreeMap<>();

    private ServiceEndpointsMap() {
    }

    /** Builds the maps for {@code nodeName} from the Services and EndpointSlices it sees. */
    public static ServiceEndpointsMap build(String nodeName, Collection<Service> services,
            Collection<EndpointSlice> slices) {
        ServiceEndpointsMap m = new ServiceEndpointsMap();
        for (Service s : services) {
            for (ServicePortInfo p : ServicePortInfo.of(s)) {
                m.services.put(p.name(), p);
            }
        }
        Map<ServicePortName, Map<String, EndpointInfo>> byPort = new TreeMap<>();
        for (EndpointSlice slice : slices) {
            String svc = slice.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME);
            if (svc == null || !EndpointSlice.ADDRESS_TYPE_IPV4.equals(slice.addressType())) {
                continue;
            }
            for (EndpointPort port : slice.ports()) {
                if (port.port() == null) {
                    continue;
                }
                ServicePortName name = new ServicePortName(slice.metadata().namespace(), svc,
                        port.name() == null ? "" : port.name(), port.protocol() == null ? "TCP" : port.protocol());
                Map<String, EndpointInfo> eps = byPort.computeIfAbsent(name, k -> new TreeMap<>());
                for (Endpoint e : slice.endpoints()) {
                    if (e.addresses().isEmpty()) {
                        continue;
                    }
                    EndpointInfo info = new EndpointInfo(e.addresses().get(0), port.port(), e.conditions().isReady(),
                            e.conditions().isServing(), e.conditions().isTerminating(), e.nodeName(), e.zone(),
                            nodeName.equals(e.nodeName()), e.targetRef() == null ? null : e.targetRef().name());
                    eps.putIfAbsent(info.toString(), info);
                }
            }
        }
        for (Map.Entry<ServicePortName, Map<String, EndpointInfo>> e : byPort.entrySet()) {
            List<EndpointInfo> list = new ArrayList<>(e.getValue().values());
            list.sort(Comparator.comparing(EndpointInfo::toString));
            m.endpoints.put(e.getKey(), List.copyOf(list));
        }
        return m;
    }

    /** Service ports in name order. */
    public Collection<ServicePortInfo> servicePorts() {
        return services.values();
    }

    /** The endpoints of a service port, sorted by {@code IP:port}; empty if none. */
    public List<EndpointInfo> endpoints(ServicePortName name) {
        return endpoints.getOrDefault(name, List.of());
    }

    /** The endpoint with this {@code IP:port} among a service port's, or null. */
    public EndpointInfo endpoint(ServicePortName name, String ipPort) {
        for (EndpointInfo e : endpoints(name)) {
            if (e.toString().equals(ipPort)) {
                return e;
            }
        }
        return null;
    }

    /** The service port whose cluster IP, external IP or load-balancer IP and port (or node port) this is. */
    public ServicePortInfo serviceFor(String ip, int port) {
        for (ServicePortInfo s : services.values()) {
            boolean vip = ip.equals(s.clusterIP()) || s.externalIPs().contains(ip) || s.loadBalancerVIPs().contains(ip);
            if ((vip && s.port() == port) || (s.nodePort() != 0 && s.nodePort() == port)) {
                return s;
            }
        }
        return null;
    }

    /**
     * The services ({@code namespace/name}) whose ports or endpoints differ from {@code previous}: upstream's
     * UpdatedServices of the service and endpoints change trackers, what a partial sync writes chains for.
     * Services that appeared or went away count as changed.
     */
    public java.util.Set<String> changedServices(ServiceEndpointsMap previous) {
        java.util.Set<String> changed = new java.util.TreeSet<>();
        diff(services, previous.services, changed);
        diff(endpoints, previous.endpoints, changed);
        return changed;
    }

    private static <V> void diff(Map<ServicePortName, V> now, Map<ServicePortName, V> before,
            java.util.Set<String> changed) {
        java.util.Set<ServicePortName> names = new java.util.TreeSet<>(now.keySet());
        names.addAll(before.keySet());
        for (ServicePortName n : names) {
            if (!java.util.Objects.equals(now.get(n), before.get(n))) {
                changed.add(n.namespace() + "/" + n.name());
            }
        }
    }

    /** All endpoints of all service ports (what decides kube-proxy's large-cluster mode). */
    public int totalEndpoints() {
        return endpoints.values().stream().mapToInt(List::size).sum();
    }
}
