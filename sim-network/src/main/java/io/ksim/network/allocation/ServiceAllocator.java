package io.ksim.network.allocation;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.GroupKind;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What kube-apiserver's Service REST storage does around a write (pkg/registry/core/service/storage/alloc.go):
 * on create it fills {@code ipFamilyPolicy}, {@code ipFamilies}, {@code clusterIP(s)}, node ports and the
 * health-check node port; on update it keeps what the old object had when the request leaves it out, allocates
 * what a type change needs and frees what it no longer needs once the update is stored; on delete it frees
 * everything. Plugged into the API server as the last admission step, with {@link #finish} as the
 * transaction's commit or revert. Validation of the fields themselves is the Service strategy's business.
 *
 * <p>The cluster is single-stack IPv4: an IPv6 family is "not configured on this cluster".
 */
public final class ServiceAllocator implements AdmissionPlugin {

    private static final GroupKind SERVICE = new GroupKind("", "Service");

    private final ClusterIPAllocator ips;
    private final NodePortAllocator nodePorts;
    /** The reservations of the request being admitted, settled by {@link #finish}. */
    private Reservation pending;

    public ServiceAllocator(ClusterIPAllocator ips, NodePortAllocator nodePorts) {
        this.ips = Objects.requireNonNull(ips, "ips");
        this.nodePorts = Objects.requireNonNull(nodePorts, "nodePorts");
    }

    @Override
    public String name() {
        return "ServiceAllocation";
    }

    public ClusterIPAllocator clusterIPs() {
        return ips;
    }

    public NodePortAllocator nodePorts() {
        return nodePorts;
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type != BuiltinResources.SERVICES) {
            return obj;
        }
        pending = null;
        Reservation r = new Reservation();
        try {
            Service out = switch (operation) {
                case CREATE -> allocateCreate((Service) obj, r);
                case UPDATE -> old == null ? (Service) obj : allocateUpdate((Service) obj, (Service) old, r);
                case DELETE -> {
                    if (old != null) {
                        r.releaseOnCommit((Service) old, this);
                    }
                    yield null;
                }
            };
            pending = r;
            return out == null ? obj : type.cast(out);
        } catch (RuntimeException e) {
            r.revert(this);
            throw e;
        }
    }

    @Override
    public <T extends KubeObject> void finish(Operation operation, ResourceType<T> type, T admitted, T old,
            boolean stored) {
        if (type != BuiltinResources.SERVICES || pending == null) {
            return;
        }
        Reservation r = pending;
        pending = null;
        if (stored) {
            r.commit(this);
        } else {
            r.revert(this);
        }
    }

    // ---- create ---------------------------------------------------------------------------------

    private Service allocateCreate(Service svc, Reservation r) {
        ServiceSpec spec = initIPFamilyFields(svc, null);
        spec = allocClusterIPs(svc.metadata().name(), spec, r);
        spec = initNodePorts(svc.metadata().name(), spec, null, r);
        if (needsHealthCheck(spec)) {
            spec = allocHealthCheckNodePort(spec, r);
        }
        return svc.withSpec(spec);
    }

    /** The IP family fields as upstream's initIPFamilyFields leaves them, on a single-stack IPv4 cluster. */
    private ServiceSpec initIPFamilyFields(Service svc, Service old) {
        ServiceSpec spec = svc.spec();
        if (ServiceSpec.TYPE_EXTERNAL_NAME.equals(spec.type())) {
            return spec;
        }
        ServiceSpec.Builder b = spec.toBuilder();
        List<String> clusterIPs = spec.clusterIPs();
        if (clusterIPs.isEmpty() && spec.clusterIP() != null && !spec.clusterIP().isEmpty()) {
            clusterIPs = List.of(spec.clusterIP()); // v1 defaulting: clusterIPs from clusterIP
            b.clusterIPs(clusterIPs);
        }
        boolean headlessSelectorless = ServiceSpec.CLUSTER_IP_NONE.equals(spec.clusterIP()) && spec.selector().isEmpty();
        String policy = spec.ipFamilyPolicy();
        if (policy == null) {
            if (old != null && old.spec().ipFamilyPolicy() != null) {
                policy = old.spec().ipFamilyPolicy();
            } else if (headlessSelectorless) {
                policy = ServiceSpec.IP_FAMILY_POLICY_REQUIRE_DUAL_STACK;
            } else {
                policy = ServiceSpec.IP_FAMILY_POLICY_SINGLE_STACK;
            }
            b.ipFamilyPolicy(policy);
        }
        List<String> families = new ArrayList<>(spec.ipFamilies());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < clusterIPs.size(); i++) {
            String ip = clusterIPs.get(i);
            if (ServiceSpec.CLUSTER_IP_NONE.equals(ip)) {
                break;
            }
            String family = ip.contains(":") ? ServiceSpec.IP_FAMILY_IPV6 : ServiceSpec.IP_FAMILY_IPV4;
            if (i >= families.size()) {
                if (ServiceSpec.IP_FAMILY_IPV6.equals(family)) {
                    errors.add(FieldError.invalid(FieldPath.of("spec", "clusterIPs").index(i), clusterIPs,
                            family + " is not configured on this cluster"));
                } else {
                    families.add(family);
                }
            }
        }
        throwIfAny(svc.metadata().name(), errors);
        if (headlessSelectorless) {
            if (families.isEmpty()) {
                families.add(ServiceSpec.IP_FAMILY_IPV4);
            }
            if (families.size() < 2 && !ServiceSpec.IP_FAMILY_POLICY_SINGLE_STACK.equals(policy)) {
                families.add(ServiceSpec.IP_FAMILY_IPV4.equals(families.get(0)) ? ServiceSpec.IP_FAMILY_IPV6
                        : ServiceSpec.IP_FAMILY_IPV4);
            }
            return b.ipFamilies(families).build();
        }
        if (ServiceSpec.IP_FAMILY_POLICY_REQUIRE_DUAL_STACK.equals(policy)) {
            errors.add(FieldError.invalid(FieldPath.of("spec", "ipFamilyPolicy"), policy,
                    "this cluster is not configured for dual-stack services"));
        }
        for (int i = 0; i < families.size(); i++) {
            if (!ServiceSpec.IP_FAMILY_IPV4.equals(families.get(i))) {
                errors.add(FieldError.invalid(FieldPath.of("spec", "ipFamilies").index(i), families.get(i),
                        "not configured on this cluster"));
            }
        }
        throwIfAny(svc.metadata().name(), errors);
        if (families.isEmpty()) {
            families.add(ServiceSpec.IP_FAMILY_IPV4);
        }
        return b.ipFamilies(families).build();
    }

    private ServiceSpec allocClusterIPs(String name, ServiceSpec spec, Reservation r) {
        if (!needsClusterIP(spec)) {
            return spec;
        }
        String requested = spec.clusterIPs().isEmpty() ? "" : spec.clusterIPs().get(0);
        Allocation<String> a = requested.isEmpty() ? ips.allocateNext() : ips.allocate(requested);
        if (!a.ok()) {
            if (requested.isEmpty()) {
                throw ApiErrors.internalError("failed to allocate a serviceIP: " + a.error());
            }
            throw invalid(name, FieldError.invalid(FieldPath.of("spec", "clusterIPs"), spec.clusterIPs(),
                    "failed to allocate IP " + requested + ": " + a.error()));
        }
        r.ips.add(a.value());
        return spec.toBuilder().clusterIP(a.value()).clusterIPs(List.of(a.value())).build();
    }

    /**
     * Node ports for NodePort and LoadBalancer services (upstream initNodePorts / updateNodePorts): a requested
     * port is reserved, a missing one picked, ports sharing a service port number share a node port; with
     * {@code allocateLoadBalancerNodePorts: false} only requested ones are kept. Ports the old object held
     * are not reserved again.
     */
    private ServiceSpec initNodePorts(String name, ServiceSpec spec, ServiceSpec old, Reservation r) {
        if (!needsNodePorts(spec)) {
            return spec;
        }
        List<Integer> held = old == null || !needsNodePorts(old) ? List.of() : nodePortsOf(old);
        boolean allocate = shouldAllocateNodePorts(spec);
        List<ServicePort> ports = new ArrayList<>(spec.ports());
        java.util.Map<Integer, Integer> byServicePort = new java.util.HashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            int requested = p.nodePort() == null ? 0 : p.nodePort();
            if (requested == 0 && !allocate) {
                continue;
            }
            Integer shared = byServicePort.get(p.port());
            if (requested == 0 && shared != null) {
                ports.set(i, p.withNodePort(shared));
                continue;
            }
            if (requested != 0) {
                if (!held.contains(requested) && !r.ports.contains(requested)) {
                    Allocation<Integer> a = nodePorts.allocate(requested);
                    if (!a.ok()) {
                        throw invalid(name, FieldError.invalid(FieldPath.of("spec", "ports").index(i).child("nodePort"),
                                requested, a.error()));
                    }
                    r.ports.add(requested);
                }
                byServicePort.putIfAbsent(p.port(), requested);
                continue;
            }
            Allocation<Integer> a = nodePorts.allocateNext();
            if (!a.ok()) {
                throw ApiErrors.internalError("failed to allocate a nodePort: " + a.error());
            }
            r.ports.add(a.value());
            byServicePort.put(p.port(), a.value());
            ports.set(i, p.withNodePort(a.value()));
        }
        return spec.toBuilder().ports(ports).build();
    }

    private ServiceSpec allocHealthCheckNodePort(ServiceSpec spec, Reservation r) {
        Integer requested = spec.healthCheckNodePort();
        if (requested != null && requested != 0) {
            Allocation<Integer> a = nodePorts.allocate(requested);
            if (!a.ok()) {
                throw ApiErrors.internalError("failed to allocate requested HealthCheck NodePort " + requested + ": "
                        + a.error());
            }
            r.ports.add(requested);
            return spec;
        }
        Allocation<Integer> a = nodePorts.allocateNext();
        if (!a.ok()) {
            throw ApiErrors.internalError("failed to allocate a HealthCheck NodePort 0: " + a.error());
        }
        r.ports.add(a.value());
        return spec.toBuilder().healthCheckNodePort(a.value()).build();
    }

    // ---- update ---------------------------------------------------------------------------------

    private Service allocateUpdate(Service svc, Service old, Reservation r) {
        ServiceSpec spec = patchAllocatedValues(svc.spec(), old.spec());
        svc = svc.withSpec(spec);
        spec = initIPFamilyFields(svc, old);
        ServiceSpec o = old.spec();
        String name = svc.metadata().name();
        boolean wasExternalName = ServiceSpec.TYPE_EXTERNAL_NAME.equals(o.type());
        boolean isExternalName = ServiceSpec.TYPE_EXTERNAL_NAME.equals(spec.type());
        if (wasExternalName && !isExternalName) {
            spec = allocClusterIPs(name, spec, r);
        } else if (!wasExternalName && isExternalName && needsClusterIP(o)) {
            r.releaseIPs.addAll(o.clusterIPs());
        }
        if (needsNodePorts(o) && !needsNodePorts(spec)) {
            r.releasePorts.addAll(nodePortsOf(o));
        }
        if (needsNodePorts(spec)) {
            spec = initNodePorts(name, spec, o, r);
            List<Integer> now = nodePortsOf(spec);
            for (Integer held : needsNodePorts(o) ? nodePortsOf(o) : List.<Integer>of()) {
                if (!now.contains(held)) {
                    r.releasePorts.add(held);
                }
            }
        }
        boolean needed = needsHealthCheck(o);
        boolean needs = needsHealthCheck(spec);
        if (!needed && needs) {
            spec = allocHealthCheckNodePort(spec, r);
        } else if (needed && !needs && o.healthCheckNodePort() != null) {
            r.releasePorts.add(o.healthCheckNodePort());
        }
        return svc.withSpec(spec);
    }

    /** Upstream patchAllocatedValues: an update that leaves out allocated values keeps the old ones. */
    private static ServiceSpec patchAllocatedValues(ServiceSpec spec, ServiceSpec old) {
        ServiceSpec.Builder b = spec.toBuilder();
        if (needsClusterIP(old) && needsClusterIP(spec)) {
            if (spec.clusterIP() == null || spec.clusterIP().isEmpty()) {
                b.clusterIP(old.clusterIP());
            }
            if (spec.clusterIPs().isEmpty() && !old.clusterIPs().isEmpty()) {
                b.clusterIPs(old.clusterIPs());
            }
        }
        if (needsNodePorts(old) && needsNodePorts(spec)) {
            List<ServicePort> ports = new ArrayList<>();
            for (ServicePort p : spec.ports()) {
                if (p.nodePort() == null || p.nodePort() == 0) {
                    for (ServicePort op : old.ports()) {
                        if (op.port() == p.port() && Objects.equals(op.protocol(), p.protocol())) {
                            p = p.withNodePort(op.nodePort());
                            break;
                        }
                    }
                }
                ports.add(p);
            }
            b.ports(ports);
        }
        if (needsHealthCheck(old) && needsHealthCheck(spec)
                && (spec.healthCheckNodePort() == null || spec.healthCheckNodePort() == 0)) {
            b.healthCheckNodePort(old.healthCheckNodePort());
        }
        return b.build();
    }

    // ---- rules ----------------------------------------------------------------------------------

    /** ExternalName and headless services get no cluster IP. */
    static boolean needsClusterIP(ServiceSpec spec) {
        return !ServiceSpec.TYPE_EXTERNAL_NAME.equals(spec.type()) && !ServiceSpec.CLUSTER_IP_NONE.equals(spec.clusterIP())
                && !(!spec.clusterIPs().isEmpty() && ServiceSpec.CLUSTER_IP_NONE.equals(spec.clusterIPs().get(0)));
    }

    static boolean needsNodePorts(ServiceSpec spec) {
        return ServiceSpec.TYPE_NODE_PORT.equals(spec.type()) || ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type());
    }

    /** NodePort always; LoadBalancer unless {@code allocateLoadBalancerNodePorts: false}. */
    static boolean shouldAllocateNodePorts(ServiceSpec spec) {
        return ServiceSpec.TYPE_NODE_PORT.equals(spec.type()) || (ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type())
                && !Boolean.FALSE.equals(spec.allocateLoadBalancerNodePorts()));
    }

    /** upstream apiservice.NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local. */
    static boolean needsHealthCheck(ServiceSpec spec) {
        return ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type())
                && ServiceSpec.TRAFFIC_POLICY_LOCAL.equals(spec.externalTrafficPolicy());
    }

    private static List<Integer> nodePortsOf(ServiceSpec spec) {
        List<Integer> out = new ArrayList<>();
        for (ServicePort p : spec.ports()) {
            if (p.nodePort() != null && p.nodePort() != 0 && !out.contains(p.nodePort())) {
                out.add(p.nodePort());
            }
        }
        return out;
    }

    private static void throwIfAny(String name, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiErrors.invalid(SERVICE, name, errors.stream().map(FieldError::cause).toList());
        }
    }

    private static ApiException invalid(String name, FieldError error) {
        return ApiErrors.invalid(SERVICE, name, List.<StatusCause>of(error.cause()));
    }

    /** What one request reserved (given back on revert) and what its success frees (on commit). */
    private static final class Reservation {
        final List<String> ips = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        final List<String> releaseIPs = new ArrayList<>();
        final List<Integer> releasePorts = new ArrayList<>();

        void releaseOnCommit(Service svc, ServiceAllocator a) {
            ServiceSpec spec = svc.spec();
            if (needsClusterIP(spec)) {
                releaseIPs.addAll(spec.clusterIPs());
            }
            releasePorts.addAll(nodePortsOf(spec));
            if (needsHealthCheck(spec) && spec.healthCheckNodePort() != null) {
                releasePorts.add(spec.healthCheckNodePort());
            }
        }

        void commit(ServiceAllocator a) {
            releaseIPs.forEach(a.ips::release);
            releasePorts.forEach(a.nodePorts::release);
        }

        void revert(ServiceAllocator a) {
            ips.forEach(a.ips::release);
            ports.forEach(a.nodePorts::release);
        }
    }
}
