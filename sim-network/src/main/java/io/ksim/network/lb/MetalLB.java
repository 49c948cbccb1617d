package io.ksim.network.lb;

import com.google.common.hash.Hashing;
import io.ksim.api.core.Node;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.core.Service.LoadBalancerStatus;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.ServiceStatus;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.kernel.Kernel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A MetalLB-style load balancer in layer-2 mode: its controller gives each LoadBalancer Service the first free
 * address of the pool (or the one it asks for with {@code spec.loadBalancerIP}) and writes it to
 * {@code status.loadBalancer.ingress} (event IPAllocated, {@code Assigned IP ["..."]}); its speakers elect one
 * node per address to answer ARP for it (L2Advertisement): among the candidate nodes, the one whose
 * SHA-256 of {@code <node>#<ip>} sorts first. Candidates are the nodes that are not NotReady and, for
 * externalTrafficPolicy Local, that hold a ready endpoint; when the announcing node fails the next one
 * takes over (event nodeAssigned, {@code announcing from node "x" with protocol "layer2"}).
 */
public final class MetalLB {

    public static final String COMPONENT = "metallb";

    private final ApiServer api;
    private final List<String> pool;
    private final EventRecorder controllerEvents;
    private final EventRecorder speakerEvents;
    private final Informer<Service> services;
    private final Informer<Node> nodes;
    private final Informer<EndpointSlice> slices;
    /** ip -> service key. */
    private final Map<String, String> allocated = new TreeMap<>();
    /** service key -> announcing node. */
    private final Map<String, String> announcers = new TreeMap<>();

    public MetalLB(Kernel kernel, ApiServer api, AddressPool pool) {
        this.api = Objects.requireNonNull(api, "api");
        this.pool = pool.expand();
        this.controllerEvents = new EventRecorder(kernel, api, "metallb-controller", null);
        this.speakerEvents = new EventRecorder(kernel, api, "metallb-speaker", null);
        this.services = Informer.builder(kernel, api, BuiltinResources.SERVICES).component(COMPONENT).build();
        this.nodes = Informer.builder(kernel, api, BuiltinResources.NODES).component(COMPONENT).build();
        this.slices = Informer.builder(kernel, api, BuiltinResources.ENDPOINT_SLICES).component(COMPONENT).build();
        services.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service s, boolean initial) {
                assign(s);
                elect();
            }

            @Override
            public void onUpdate(Service o, Service n) {
                assign(n);
                elect();
            }

            @Override
            public void onDelete(Service s) {
                String key = Indexer.keyOf(s);
                allocated.values().removeIf(key::equals);
                announcers.remove(key);
            }
        });
        nodes.addEventHandler(electOnChange());
        slices.addEventHandler(electOnChange());
    }

    private <T extends KubeObject> ResourceEventHandler<T> electOnChange() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj, boolean initial) {
                elect();
            }

            @Override
            public void onUpdate(T o, T n) {
                elect();
            }

            @Override
            public void onDelete(T obj) {
                elect();
            }
        };
    }

    public void start() {
        nodes.start();
        slices.start();
        services.start();
    }

    /** The node announcing the Service's address, or null. */
    public String announcer(String namespace, String name) {
        return announcers.get(namespace + "/" + name);
    }

    private void assign(Service svc) {
        if (!ServiceSpec.TYPE_LOAD_BALANCER.equals(svc.spec().type()) || svc.spec().loadBalancerClass() != null) {
            return;
        }
        String key = Indexer.keyOf(svc);
        String current = svc.status().loadBalancer().ingress().isEmpty() ? null
                : svc.status().loadBalancer().ingress().get(0).ip();
        if (current != null) {
            allocated.putIfAbsent(current, key);
            return;
        }
        String want = svc.spec().loadBalancerIP();
        String ip = null;
        if (want != null && !want.isEmpty()) {
            if (pool.contains(want) && (!allocated.containsKey(want) || key.equals(allocated.get(want)))) {
                ip = want;
            }
        } else {
            ip = pool.stream().filter(a -> !allocated.containsKey(a) || key.equals(allocated.get(a))).findFirst()
                    .orElse(null);
        }
        if (ip == null) {
            controllerEvents.warning(svc, "AllocationFailed", "Failed to allocate IP for \"" + key
                    + "\": no available IPs");
            return;
        }
        allocated.put(ip, key);
        Service latest = api.get(BuiltinResources.SERVICES, svc.metadata().namespace(), svc.metadata().name());
        api.updateStatus(BuiltinResources.SERVICES, latest.withStatus(new ServiceStatus(new LoadBalancerStatus(
                List.of(new LoadBalancerIngress(ip, null, LoadBalancerIngress.IP_MODE_VIP, null))),
                latest.status().conditions())));
        controllerEvents.normal(svc, "IPAllocated", "Assigned IP [\"" + ip + "\"]");
    }

    private void elect() {
        for (Service svc : services.indexer().list()) {
            if (!ServiceSpec.TYPE_LOAD_BALANCER.equals(svc.spec().type())
                    || svc.status().loadBalancer().ingress().isEmpty()) {
                continue;
            }
            String ip = svc.status().loadBalancer().ingress().get(0).ip();
            String key = Indexer.keyOf(svc);
            List<String> candidates = candidates(svc);
            candidates.sort(Comparator.comparing((String node) -> Hashing.sha256()
                    .hashString(node + "#" + ip, StandardCharsets.UTF_8).toString()));
            String winner = candidates.isEmpty() ? null : candidates.get(0);
            String before = announcers.get(key);
            if (Objects.equals(before, winner)) {
                continue;
            }
            if (winner == null) {
                announcers.remove(key);
            } else {
                announcers.put(key, winner);
                speakerEvents.normal(svc, "nodeAssigned", "announcing from node \"" + winner
                        + "\" with protocol \"layer2\"");
            }
        }
    }

    private List<String> candidates(Service svc) {
        boolean local = ServiceSpec.TRAFFIC_POLICY_LOCAL.equals(svc.spec().externalTrafficPolicy());
        List<String> readyEndpointNodes = new ArrayList<>();
        boolean anyReady = false;
        for (EndpointSlice s : slices.indexer().byIndex(Indexer.NAMESPACE, svc.metadata().namespace())) {
            if (!svc.metadata().name().equals(s.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME))) {
                continue;
            }
            for (Endpoint e : s.endpoints()) {
                if (e.conditions().isReady()) {
                    anyReady = true;
                    if (e.nodeName() != null) {
                        readyEndpointNodes.add(e.nodeName());
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (!anyReady) {
            return out;
        }
        for (Node n : nodes.indexer().list()) {
            Node.NodeCondition ready = n.status().condition(Node.NodeCondition.READY);
            boolean up = ready == null || "True".equals(ready.status());
            if (up && (!local || readyEndpointNodes.contains(n.metadata().name()))) {
                out.add(n.metadata().name());
            }
        }
        return out;
    }
}
