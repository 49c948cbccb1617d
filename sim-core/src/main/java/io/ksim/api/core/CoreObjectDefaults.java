package io.ksim.api.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ksim.api.core.Endpoints.EndpointPort;
import io.ksim.api.core.Endpoints.EndpointSubset;
import io.ksim.api.core.LimitRange.LimitRangeItem;
import io.ksim.api.core.LimitRange.LimitRangeSpec;
import io.ksim.api.core.Namespace.NamespaceStatus;
import io.ksim.api.core.Node.NodeStatus;
import io.ksim.api.core.PersistentVolume.PersistentVolumeSpec;
import io.ksim.api.core.PersistentVolume.PersistentVolumeStatus;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimStatus;
import io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements;
import io.ksim.api.core.ResourceQuota.ResourceQuotaSpec;
import io.ksim.api.core.ResourceQuota.ResourceQuotaStatus;
import io.ksim.api.core.Service.ClientIPConfig;
import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.core.Service.LoadBalancerStatus;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.ServiceStatus;
import io.ksim.api.core.Service.SessionAffinityConfig;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.resource.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Defaulting of core/v1 objects other than pods, as upstream's SetDefaults_* functions and the generated
 * SetObjectDefaults_* that call them (kubernetes pkg/apis/core/v1/defaults.go and zz_generated.defaults.go,
 * v1.32): each method returns a defaulted copy and is idempotent. Resource lists are rounded up to
 * millis (SetDefaults_ResourceList) wherever upstream's generated code rounds them.
 *
 * <p>Not here, because the API server's create strategies do them and not defaulting: Namespace's
 * {@code kubernetes} finalizer and phase on create, a PersistentVolume's phase reset and
 * lastPhaseTransitionTime on create, cluster IP and node port allocation, a Secret's {@code stringData}
 * merge (conversion; see {@link Secret#withStringDataMerged}).
 *
 * <p>The declarative defaults of the in-tree sources ksim keeps opaque (RBD, iSCSI, Azure Disk, ScaleIO) are
 * applied to their JSON trees.
 */
public final class CoreObjectDefaults {

    /** SetDefaults_ResourceList rounds up to this scale (10^-3, millis). */

    private CoreObjectDefaults() {
    }

    /**
     * SetDefaults_Namespace and SetDefaults_NamespaceStatus: a named namespace gets the label
     * {@code kubernetes.io/metadata.name=<name>}; status.phase Active when unset.
     */
    public static Namespace namespace(Namespace ns) {
        Namespace out = ns;
        String name = ns.metadata().name();
        if (name != null && !name.isEmpty() && !name.equals(ns.metadata().labels().get(Namespace.LABEL_METADATA_NAME))) {
            Map<String, String> labels = new TreeMap<>(ns.metadata().labels());
            labels.put(Namespace.LABEL_METADATA_NAME, name);
            out = out.withMetadata(ns.metadata().withLabels(labels));
        }
        if (isEmpty(out.status().phase())) {
            out = out.withStatus(out.status().withPhase(NamespaceStatus.ACTIVE));
        }
        return out;
    }

    /** SetDefaults_NodeStatus (allocatable = capacity when unset), then capacity and allocatable rounded. */
    public static Node node(Node node) {
        NodeStatus s = node.status();
        SortedMap<String, Quantity> allocatable = s.allocatable().isEmpty() ? s.capacity() : s.allocatable();
        SortedMap<String, Quantity> capacity = resourceList(s.capacity());
        allocatable = resourceList(allocatable);
        if (capacity.equals(s.capacity()) && allocatable.equals(s.allocatable())) {
            return node;
        }
        return node.withStatus(s.withCapacity(capacity, allocatable));
    }

    /**
     * SetDefaults_Service: sessionAffinity None (and no affinity config) or, for ClientIP, a 10800 s timeout;
     * type ClusterIP; port protocol TCP and targetPort = port; externalTrafficPolicy Cluster when externally
     * reachable; internalTrafficPolicy Cluster for ClusterIP, NodePort and LoadBalancer;
     * allocateLoadBalancerNodePorts true and ingress ipMode VIP (for IP ingress points) for LoadBalancer.
     */
    public static Service service(Service svc) {
        ServiceSpec spec = svc.spec();
        ServiceSpec.Builder b = spec.toBuilder();
        String affinity = isEmpty(spec.sessionAffinity()) ? ServiceSpec.AFFINITY_NONE : spec.sessionAffinity();
        b.sessionAffinity(affinity);
        if (ServiceSpec.AFFINITY_NONE.equals(affinity)) {
            b.sessionAffinityConfig(null);
        } else if (ServiceSpec.AFFINITY_CLIENT_IP.equals(affinity)) {
            SessionAffinityConfig config = spec.sessionAffinityConfig();
            if (config == null || config.clientIP() == null || config.clientIP().timeoutSeconds() == null) {
                b.sessionAffinityConfig(new SessionAffinityConfig(
                        new ClientIPConfig(ClientIPConfig.DEFAULT_TIMEOUT_SECONDS)));
            }
        }
        String type = isEmpty(spec.type()) ? ServiceSpec.TYPE_CLUSTER_IP : spec.type();
        b.type(type);
        List<ServicePort> ports = new ArrayList<>(spec.ports().size());
        for (ServicePort p : spec.ports()) {
            if (isEmpty(p.protocol())) {
                p = p.withProtocol(Protocol.TCP);
            }
            if (isUnsetTargetPort(p.targetPort())) {
                p = p.withTargetPort(IntOrString.of(p.port()));
            }
            ports.add(p);
        }
        b.ports(ports);
        boolean externallyAccessible = ServiceSpec.TYPE_LOAD_BALANCER.equals(type)
                || ServiceSpec.TYPE_NODE_PORT.equals(type)
                || (ServiceSpec.TYPE_CLUSTER_IP.equals(type) && !spec.externalIPs().isEmpty());
        if (externallyAccessible && isEmpty(spec.externalTrafficPolicy())) {
            b.externalTrafficPolicy(ServiceSpec.TRAFFIC_POLICY_CLUSTER);
        }
        if (spec.internalTrafficPolicy() == null && (ServiceSpec.TYPE_NODE_PORT.equals(type)
                || ServiceSpec.TYPE_LOAD_BALANCER.equals(type) || ServiceSpec.TYPE_CLUSTER_IP.equals(type))) {
            b.internalTrafficPolicy(ServiceSpec.TRAFFIC_POLICY_CLUSTER);
        }
        ServiceStatus status = svc.status();
        if (ServiceSpec.TYPE_LOAD_BALANCER.equals(type)) {
            if (spec.allocateLoadBalancerNodePorts() == null) {
                b.allocateLoadBalancerNodePorts(true);
            }
            List<LoadBalancerIngress> ingress = new ArrayList<>();
            for (LoadBalancerIngress ing : status.loadBalancer().ingress()) {
                ingress.add(!isEmpty(ing.ip()) && ing.ipMode() == null
                        ? ing.withIpMode(LoadBalancerIngress.IP_MODE_VIP) : ing);
            }
            status = new ServiceStatus(new LoadBalancerStatus(ingress), status.conditions());
        }
        Service out = svc.withSpec(b.build()).withStatus(status);
        return out.equals(svc) ? svc : out;
    }

    /** Go's {@code TargetPort == FromInt32(0) || TargetPort == FromString("")}; absent is the int 0. */
    private static boolean isUnsetTargetPort(IntOrString target) {
        return target == null || (target.isInt() ? target.intVal() == 0 : target.strVal().isEmpty());
    }

    /** SetDefaults_Endpoints: port protocol TCP. */
    public static Endpoints endpoints(Endpoints ep) {
        List<EndpointSubset> subsets = new ArrayList<>(ep.subsets().size());
        for (EndpointSubset ss : ep.subsets()) {
            List<EndpointPort> ports = new ArrayList<>(ss.ports().size());
            for (EndpointPort p : ss.ports()) {
                ports.add(isEmpty(p.protocol()) ? p.withProtocol(Protocol.TCP) : p);
            }
            subsets.add(ss.withPorts(ports));
        }
        Endpoints out = ep.withSubsets(subsets);
        return out.equals(ep) ? ep : out;
    }

    /** SetDefaults_Secret: type Opaque. */
    public static Secret secret(Secret secret) {
        return isEmpty(secret.type()) ? secret.withType(Secret.TYPE_OPAQUE) : secret;
    }

    /**
     * SetDefaults_ConfigMap makes a nil {@code data} an empty map, which is what ksim's records always hold:
     * nothing to do.
     */
    public static ConfigMap configMap(ConfigMap cm) {
        return cm;
    }

    /**
     * SetDefaults_PersistentVolume: status.phase Pending, reclaim policy Retain, volumeMode Filesystem; capacity
     * rounded; a hostPath source's type "" (SetDefaults_HostPathVolumeSource); and the declarative defaults of
     * the RBD, iSCSI, Azure Disk and ScaleIO sources, applied to their opaque trees.
     */
    public static PersistentVolume persistentVolume(PersistentVolume pv) {
        PersistentVolumeSpec spec = pv.spec();
        PersistentVolumeSpec.Builder b = spec.toBuilder();
        if (isEmpty(spec.persistentVolumeReclaimPolicy())) {
            b.persistentVolumeReclaimPolicy(PersistentVolume.RECLAIM_RETAIN);
        }
        if (spec.volumeMode() == null) {
            b.volumeMode(PersistentVolume.VOLUME_MODE_FILESYSTEM);
        }
        b.capacity(resourceList(spec.capacity()));
        if (spec.hostPath() != null && spec.hostPath().type() == null) {
            b.hostPath(new HostPathVolumeSource(spec.hostPath().path(), HostPathVolumeSource.TYPE_UNSET));
        }
        b.rbd(edit(spec.rbd(), o -> {
            defaultString(o, "pool", "rbd");
            defaultString(o, "user", "admin");
            defaultString(o, "keyring", "/etc/ceph/keyring");
        }));
        b.iscsi(edit(spec.iscsi(), o -> defaultString(o, "iscsiInterface", "default")));
        b.azureDisk(edit(spec.azureDisk(), o -> {
            defaultPointer(o, "cachingMode", TextNode.valueOf("ReadWrite"));
            defaultPointer(o, "fsType", TextNode.valueOf("ext4"));
            defaultPointer(o, "readOnly", BooleanNode.FALSE);
            defaultPointer(o, "kind", TextNode.valueOf("Shared"));
        }));
        b.scaleIO(edit(spec.scaleIO(), o -> {
            defaultString(o, "storageMode", "ThinProvisioned");
            defaultString(o, "fsType", "xfs");
        }));
        PersistentVolumeStatus status = pv.status();
        if (isEmpty(status.phase())) {
            status = status.withPhase(PersistentVolumeStatus.PENDING);
        }
        PersistentVolume out = pv.withSpec(b.build()).withStatus(status);
        return out.equals(pv) ? pv : out;
    }

    /**
     * SetDefaults_PersistentVolumeClaim (status.phase Pending) and SetDefaults_PersistentVolumeClaimSpec; the
     * resource lists of spec and status rounded. StatefulSet claim templates are defaulted the same way.
     */
    public static PersistentVolumeClaim persistentVolumeClaim(PersistentVolumeClaim pvc) {
        PersistentVolumeClaimStatus status = pvc.status();
        if (isEmpty(status.phase())) {
            status = status.withPhase(PersistentVolumeClaimStatus.PENDING);
        }
        status = status.withCapacity(resourceList(status.capacity()), resourceList(status.allocatedResources()));
        PersistentVolumeClaim out = pvc.withSpec(persistentVolumeClaimSpec(pvc.spec())).withStatus(status);
        return out.equals(pvc) ? pvc : out;
    }

    /**
     * SetDefaults_PersistentVolumeClaimSpec (volumeMode Filesystem), with the requests and limits rounded, as for
     * a claim and for a pod's ephemeral volume claim template.
     */
    public static PersistentVolumeClaimSpec persistentVolumeClaimSpec(PersistentVolumeClaimSpec spec) {
        PersistentVolumeClaimSpec out = spec;
        if (out.volumeMode() == null) {
            out = out.withVolumeMode(PersistentVolume.VOLUME_MODE_FILESYSTEM);
        }
        VolumeResourceRequirements r = out.resources();
        out = out.withResources(new VolumeResourceRequirements(resourceList(r.limits()), resourceList(r.requests())));
        return out.equals(spec) ? spec : out;
    }

    /**
     * SetDefaults_ReplicationController: with a template that has labels, an empty selector and empty object
     * labels both become the template's labels; replicas 1. Then the template's pod defaults, as the generated
     * defaulter applies them.
     */
    public static ReplicationController replicationController(ReplicationController rc) {
        ReplicationController.ReplicationControllerSpec s = rc.spec();
        PodTemplateSpec template = s.template();
        java.util.Map<String, String> selector = s.selector();
        ObjectMeta meta = rc.metadata();
        if (template != null && !template.metadata().labels().isEmpty()) {
            if (selector.isEmpty()) {
                selector = template.metadata().labels();
            }
            if (meta.labels().isEmpty()) {
                meta = meta.toBuilder().labels(template.metadata().labels()).build();
            }
        }
        ReplicationController out = rc.withMetadata(meta).withSpec(new ReplicationController.ReplicationControllerSpec(
                s.replicas() == null ? 1 : s.replicas(), s.minReadySeconds(), new java.util.TreeMap<>(selector),
                template == null ? null : PodDefaults.podTemplateSpec(template)));
        return out.equals(rc) ? rc : out;
    }

    /**
     * SetDefaults_LimitRangeItem for every item, then its lists rounded. For Container items: a missing
     * default limit is the max; a missing default request is the default limit, else the min.
     */
    public static LimitRange limitRange(LimitRange lr) {
        List<LimitRangeItem> items = new ArrayList<>(lr.spec().limits().size());
        for (LimitRangeItem item : lr.spec().limits()) {
            items.add(limitRangeItem(item));
        }
        LimitRange out = lr.withSpec(new LimitRangeSpec(items));
        return out.equals(lr) ? lr : out;
    }

    private static LimitRangeItem limitRangeItem(LimitRangeItem item) {
        SortedMap<String, Quantity> defaultLimit = item.defaultLimit();
        SortedMap<String, Quantity> defaultRequest = item.defaultRequest();
        if (LimitRangeItem.TYPE_CONTAINER.equals(item.type())) {
            SortedMap<String, Quantity> limit = new TreeMap<>(defaultLimit);
            item.max().forEach(limit::putIfAbsent);
            SortedMap<String, Quantity> request = new TreeMap<>(defaultRequest);
            limit.forEach(request::putIfAbsent);
            item.min().forEach(request::putIfAbsent);
            defaultLimit = limit;
            defaultRequest = request;
        }
        return new LimitRangeItem(item.type(), resourceList(item.max()), resourceList(item.min()),
                resourceList(defaultLimit), resourceList(defaultRequest), resourceList(item.maxLimitRequestRatio()));
    }

    /** No SetDefaults_ResourceQuota upstream: only spec.hard, status.hard and status.used are rounded. */
    public static ResourceQuota resourceQuota(ResourceQuota rq) {
        ResourceQuota out = rq.withSpec(new ResourceQuotaSpec(resourceList(rq.spec().hard()), rq.spec().scopes(),
                        rq.spec().scopeSelector()))
                .withStatus(new ResourceQuotaStatus(resourceList(rq.status().hard()), resourceList(rq.status().used())));
        return out.equals(rq) ? rq : out;
    }

    /**
     * SetDefaults_ResourceList: every quantity rounded up to millis ({@code 0.0001} becomes {@code 1m});
     * coarser quantities are left as they are.
     */
    public static SortedMap<String, Quantity> resourceList(SortedMap<String, Quantity> list) {
        return PodDefaults.resourceList(list);
    }

    /** A copy of an object-valued opaque source with {@code edit} applied; null and non-objects as they are. */
    private static Opaque edit(Opaque source, Consumer<ObjectNode> edit) {
        if (source == null || !(source.tree() instanceof ObjectNode tree)) {
            return source;
        }
        edit.accept(tree);
        return Opaque.of(tree);
    }

    /** A Go string field with a declarative default: set when absent or empty. */
    private static void defaultString(ObjectNode o, String field, String value) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) {
            o.put(field, value);
        }
    }

    /** A Go pointer field with a declarative default: set when absent. */
    private static void defaultPointer(ObjectNode o, String field, JsonNode value) {
        if (!o.hasNonNull(field)) {
            o.set(field, value);
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
