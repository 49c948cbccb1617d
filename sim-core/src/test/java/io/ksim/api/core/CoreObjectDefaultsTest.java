package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.KubeJson;
import io.ksim.api.core.LimitRange.LimitRangeItem;
import io.ksim.api.core.LimitRange.LimitRangeSpec;
import io.ksim.api.core.Service.ClientIPConfig;
import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.core.Service.LoadBalancerStatus;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.Service.ServiceStatus;
import io.ksim.api.core.Service.SessionAffinityConfig;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Upstream's expectations for the core/v1 defaulting functions, from kubernetes pkg/apis/core/v1/defaults.go
 * and its tests in pkg/apis/core/v1/defaults_test.go (TestSetDefaultService*, TestSetDefaultSecret,
 * TestSetDefaultPersistentVolume*, TestSetDefaultEndpointsProtocol, TestSetDefaultNamespace*,
 * TestSetDefaultNodeStatusAllocatable, TestSetDefaultLimitRangeItem, TestSetDefaultHostPathVolumeSource).
 */
class CoreObjectDefaultsTest {

    private static <T> T yaml(String text, Class<T> type) throws Exception {
        return KubeJson.yaml().readValue(text, type);
    }

    private static Service service(ServiceSpec spec) {
        return new Service(null, null, ObjectMeta.of("default", "s"), spec, null);
    }

    private static SortedMap<String, Quantity> list(String... kv) {
        ImmutableSortedMap.Builder<String, Quantity> b = ImmutableSortedMap.naturalOrder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put(kv[i], Quantity.parse(kv[i + 1]));
        }
        return b.build();
    }

    /** Defaulting twice gives what defaulting once gives. */
    private static <T> T idempotent(UnaryOperator<T> defaults, T in) {
        T once = defaults.apply(in);
        assertEquals(once, defaults.apply(once), "idempotent");
        return once;
    }

    @Test
    void serviceGetsClusterIPTypeAndNoAffinity() {
        Service out = idempotent(CoreObjectDefaults::service, service(ServiceSpec.builder().build()));
        assertEquals(ServiceSpec.AFFINITY_NONE, out.spec().sessionAffinity());
        assertEquals(ServiceSpec.TYPE_CLUSTER_IP, out.spec().type());
        assertEquals(ServiceSpec.TRAFFIC_POLICY_CLUSTER, out.spec().internalTrafficPolicy());
        assertNull(out.spec().externalTrafficPolicy());
        assertNull(out.spec().allocateLoadBalancerNodePorts());
    }

    @Test
    void affinityNoneDropsTheAffinityConfig() {
        Service out = CoreObjectDefaults.service(service(ServiceSpec.builder().sessionAffinity("None")
                .sessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60))).build()));
        assertNull(out.spec().sessionAffinityConfig());
    }

    @Test
    void clientIPAffinityGetsTheDefaultTimeoutOnlyWhenUnset() {
        for (SessionAffinityConfig unset : new SessionAffinityConfig[] {null, new SessionAffinityConfig(null),
                new SessionAffinityConfig(new ClientIPConfig(null))}) {
            Service out = idempotent(CoreObjectDefaults::service, service(ServiceSpec.builder()
                    .sessionAffinity("ClientIP").sessionAffinityConfig(unset).build()));
            assertEquals(10800, out.spec().sessionAffinityConfig().clientIP().timeoutSeconds());
        }
        Service set = CoreObjectDefaults.service(service(ServiceSpec.builder().sessionAffinity("ClientIP")
                .sessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60))).build()));
        assertEquals(60, set.spec().sessionAffinityConfig().clientIP().timeoutSeconds());
    }

    /** TestSetDefaultServicePort and TestSetDefaultServiceTargetPort. */
    @Test
    void portsGetTcpAndTheirPortAsTargetPort() {
        List<ServicePort> set = List.of(new ServicePort(null, "UDP", null, 9376, IntOrString.of("p"), null),
                new ServicePort(null, "UDP", null, 8675, IntOrString.of(309), null));
        assertEquals(set, CoreObjectDefaults.service(service(ServiceSpec.builder().ports(set).build())).spec().ports());

        Service out = idempotent(CoreObjectDefaults::service, service(ServiceSpec.builder().ports(List.of(
                new ServicePort(null, "", null, 9376, IntOrString.of(""), null),
                new ServicePort(null, null, null, 8675, IntOrString.of(0), null),
                new ServicePort(null, null, null, 1234, null, null))).build()));
        assertEquals(List.of(new ServicePort(null, "TCP", null, 9376, IntOrString.of(9376), null),
                new ServicePort(null, "TCP", null, 8675, IntOrString.of(8675), null),
                new ServicePort(null, "TCP", null, 1234, IntOrString.of(1234), null)), out.spec().ports());
    }

    /** TestSetDefaultServiceExternalTraffic. */
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "ClusterIP,    false, -",
        "NodePort,     false, Cluster",
        "LoadBalancer, false, Cluster",
        "ClusterIP,    true,  Cluster",
        "ExternalName, true,  -",
    })
    void externalTrafficPolicyForExternallyReachableServices(String type, boolean externalIPs, String expected) {
        Service out = CoreObjectDefaults.service(service(ServiceSpec.builder().type(type)
                .externalIPs(externalIPs ? List.of("1.2.3.4") : null).build()));
        assertEquals(expected, out.spec().externalTrafficPolicy());
    }

    /** TestSetDefaultServiceInternalTrafficPolicy. */
    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "-,            -,     Cluster",
        "ClusterIP,    -,     Cluster",
        "ClusterIP,    Local, Local",
        "NodePort,     -,     Cluster",
        "LoadBalancer, -,     Cluster",
        "ExternalName, -,     -",
    })
    void internalTrafficPolicy(String type, String given, String expected) {
        Service out = CoreObjectDefaults.service(service(ServiceSpec.builder().type(type)
                .internalTrafficPolicy(given).build()));
        assertEquals(expected, out.spec().internalTrafficPolicy());
    }

    @Test
    void loadBalancersAllocateNodePortsUnlessTold() {
        assertEquals(Boolean.TRUE, CoreObjectDefaults.service(service(ServiceSpec.builder().type("LoadBalancer")
                .build())).spec().allocateLoadBalancerNodePorts());
        assertEquals(Boolean.FALSE, CoreObjectDefaults.service(service(ServiceSpec.builder().type("LoadBalancer")
                .allocateLoadBalancerNodePorts(false).build())).spec().allocateLoadBalancerNodePorts());
        assertNull(CoreObjectDefaults.service(service(ServiceSpec.builder().type("NodePort").build()))
                .spec().allocateLoadBalancerNodePorts());
    }

    /** TestSetDefaultServiceLoadbalancerIPMode. */
    @Test
    void loadBalancerIngressIpsGetIpModeVip() {
        ServiceStatus status = new ServiceStatus(new LoadBalancerStatus(List.of(
                new LoadBalancerIngress("1.2.3.4", null, null, null),
                new LoadBalancerIngress("1.2.3.5", null, "Proxy", null),
                new LoadBalancerIngress(null, "lb.example.com", null, null))), null);
        Service lb = new Service(null, null, ObjectMeta.of("default", "s"),
                ServiceSpec.builder().type("LoadBalancer").build(), status);
        List<LoadBalancerIngress> ingress = idempotent(CoreObjectDefaults::service, lb).status().loadBalancer()
                .ingress();
        assertEquals("VIP", ingress.get(0).ipMode());
        assertEquals("Proxy", ingress.get(1).ipMode());
        assertNull(ingress.get(2).ipMode());
        Service clusterIP = new Service(null, null, null, ServiceSpec.builder().type("ClusterIP").build(), status);
        assertNull(CoreObjectDefaults.service(clusterIP).status().loadBalancer().ingress().get(0).ipMode());
    }

    @Test
    void aFullyDefaultedServiceIsReturnedAsIs() throws Exception {
        Service svc = CoreObjectDefaults.service(yaml("""
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  ports:
                  - port: 80
                    targetPort: http
                """, Service.class));
        assertSame(svc, CoreObjectDefaults.service(svc));
        assertEquals(IntOrString.of("http"), svc.spec().ports().get(0).targetPort());
        assertEquals("TCP", svc.spec().ports().get(0).protocol());
    }

    /** TestSetDefaultEndpointsProtocol. */
    @Test
    void endpointPortsGetTcp() throws Exception {
        Endpoints out = idempotent(CoreObjectDefaults::endpoints, yaml("""
                subsets:
                - addresses: [{ip: 10.0.0.1}]
                  ports:
                  - port: 80
                  - port: 53
                    protocol: UDP
                """, Endpoints.class));
        assertEquals("TCP", out.subsets().get(0).ports().get(0).protocol());
        assertEquals("UDP", out.subsets().get(0).ports().get(1).protocol());
    }

    /** TestSetDefaultSecret. */
    @Test
    void secretTypeOpaque() {
        Secret s = new Secret(null, null, ObjectMeta.of("default", "s"), null, null, null, null);
        assertEquals(Secret.TYPE_OPAQUE, idempotent(CoreObjectDefaults::secret, s).type());
        assertEquals(Secret.TYPE_TLS, CoreObjectDefaults.secret(s.withType(Secret.TYPE_TLS)).type());
    }

    /** TestSetDefaultPersistentVolume and TestSetDefaultHostPathVolumeSource. */
    @Test
    void persistentVolumeDefaults() throws Exception {
        PersistentVolume pv = idempotent(CoreObjectDefaults::persistentVolume, yaml("""
                metadata: {name: pv}
                spec:
                  capacity: {storage: 1Gi}
                  hostPath: {path: /data}
                """, PersistentVolume.class));
        assertEquals(PersistentVolume.PersistentVolumeStatus.PENDING, pv.status().phase());
        assertEquals(PersistentVolume.RECLAIM_RETAIN, pv.spec().persistentVolumeReclaimPolicy());
        assertEquals(PersistentVolume.VOLUME_MODE_FILESYSTEM, pv.spec().volumeMode());
        assertEquals("", pv.spec().hostPath().type());
        PersistentVolume block = CoreObjectDefaults.persistentVolume(yaml("""
                spec:
                  persistentVolumeReclaimPolicy: Delete
                  volumeMode: Block
                  hostPath: {path: /dev/sdb, type: BlockDevice}
                status: {phase: Available}
                """, PersistentVolume.class));
        assertEquals("Delete", block.spec().persistentVolumeReclaimPolicy());
        assertEquals("Block", block.spec().volumeMode());
        assertEquals("BlockDevice", block.spec().hostPath().type());
        assertEquals("Available", block.status().phase());
    }

    /** The +default markers of RBDPersistentVolumeSource, ISCSI..., AzureDiskVolumeSource, ScaleIO... (types.go). */
    @Test
    void opaqueInTreeSourcesGetTheirDeclarativeDefaults() throws Exception {
        PersistentVolume rbd = idempotent(CoreObjectDefaults::persistentVolume, yaml("""
                spec:
                  rbd: {monitors: [10.0.0.1], image: foo, user: ""}
                """, PersistentVolume.class));
        assertEquals("rbd", rbd.spec().rbd().text("pool"));
        assertEquals("admin", rbd.spec().rbd().text("user"));
        assertEquals("/etc/ceph/keyring", rbd.spec().rbd().text("keyring"));
        PersistentVolume iscsi = CoreObjectDefaults.persistentVolume(yaml("""
                spec:
                  iscsi: {targetPortal: "10.0.0.2:3260", iqn: "iqn.2001-04.com.example:storage", lun: 0}
                """, PersistentVolume.class));
        assertEquals("default", iscsi.spec().iscsi().text("iscsiInterface"));
        PersistentVolume azure = CoreObjectDefaults.persistentVolume(yaml("""
                spec:
                  azureDisk: {diskName: d, diskURI: "https://x/d.vhd", fsType: xfs}
                """, PersistentVolume.class));
        assertEquals("ReadWrite", azure.spec().azureDisk().text("cachingMode"));
        assertEquals("xfs", azure.spec().azureDisk().text("fsType"));
        assertEquals(false, azure.spec().azureDisk().tree().get("readOnly").booleanValue());
        assertEquals("Shared", azure.spec().azureDisk().text("kind"));
        PersistentVolume scaleIO = CoreObjectDefaults.persistentVolume(yaml("""
                spec:
                  scaleIO: {gateway: "https://gw", system: s, secretRef: {name: sio}}
                """, PersistentVolume.class));
        assertEquals("ThinProvisioned", scaleIO.spec().scaleIO().text("storageMode"));
        assertEquals("xfs", scaleIO.spec().scaleIO().text("fsType"));
    }

    /** TestSetDefaultPersistentVolumeClaim and TestSetDefaultPersistentVolumeClaimSpec. */
    @Test
    void persistentVolumeClaimDefaults() throws Exception {
        PersistentVolumeClaim pvc = idempotent(CoreObjectDefaults::persistentVolumeClaim, yaml("""
                metadata: {name: c, namespace: default}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """, PersistentVolumeClaim.class));
        assertEquals(PersistentVolumeClaim.PersistentVolumeClaimStatus.PENDING, pvc.status().phase());
        assertEquals(PersistentVolume.VOLUME_MODE_FILESYSTEM, pvc.spec().volumeMode());
        assertNull(pvc.spec().storageClassName(), "no class is not the default class: admission decides");
        PersistentVolumeClaim block = CoreObjectDefaults.persistentVolumeClaim(yaml("""
                spec: {volumeMode: Block}
                status: {phase: Bound}
                """, PersistentVolumeClaim.class));
        assertEquals("Block", block.spec().volumeMode());
        assertEquals("Bound", block.status().phase());
    }

    /** TestSetDefaultNamespace and TestSetDefaultNamespaceLabels. */
    @Test
    void namespaceGetsItsNameLabelAndPhaseActive() {
        Namespace ns = idempotent(CoreObjectDefaults::namespace, Namespace.of("default"));
        assertEquals(Map.of(Namespace.LABEL_METADATA_NAME, "default"), ns.metadata().labels());
        assertEquals(Namespace.NamespaceStatus.ACTIVE, ns.status().phase());
        Namespace relabelled = CoreObjectDefaults.namespace(Namespace.of("dev").withMetadata(
                ObjectMeta.builder().name("dev").labels(Map.of(Namespace.LABEL_METADATA_NAME, "other", "team", "a"))
                        .build()));
        assertEquals(Map.of(Namespace.LABEL_METADATA_NAME, "dev", "team", "a"), relabelled.metadata().labels());
        Namespace generated = CoreObjectDefaults.namespace(new Namespace(null, null,
                ObjectMeta.builder().generateName("tmp-").build(), null, null));
        assertEquals(Map.of(), generated.metadata().labels());
        assertEquals(List.of(), generated.spec().finalizers(), "the kubernetes finalizer is the strategy's");
        Namespace terminating = CoreObjectDefaults.namespace(Namespace.of("x")
                .withStatus(new Namespace.NamespaceStatus("Terminating", null)));
        assertEquals("Terminating", terminating.status().phase());
    }

    /** TestSetDefaultNodeStatusAllocatable. */
    @Test
    void nodeAllocatableDefaultsToCapacity() {
        SortedMap<String, Quantity> capacity = list("cpu", "1000m", "memory", "10G");
        SortedMap<String, Quantity> allocatable = list("cpu", "500m", "memory", "5G");
        Node.NodeStatus unset = Node.NodeStatus.EMPTY.withCapacity(capacity, null);
        Node out = idempotent(CoreObjectDefaults::node, new Node(null, null, null, null, unset));
        assertEquals(capacity, out.status().allocatable());
        Node set = CoreObjectDefaults.node(new Node(null, null, null, null,
                Node.NodeStatus.EMPTY.withCapacity(capacity, allocatable)));
        assertEquals(allocatable, set.status().allocatable());
        Node none = CoreObjectDefaults.node(new Node(null, null, null, null, null));
        assertEquals(Map.of(), none.status().allocatable());
    }

    /** TestSetDefaultLimitRangeItem, plus the other two rules of SetDefaults_LimitRangeItem. */
    @Test
    void containerLimitRangeItemDefaults() {
        LimitRangeItem item = new LimitRangeItem("Container", list("cpu", "100m"), list("memory", "100Mi"), null,
                null, null);
        LimitRange out = idempotent(CoreObjectDefaults::limitRange,
                new LimitRange(null, null, null, new LimitRangeSpec(List.of(item))));
        LimitRangeItem got = out.spec().limits().get(0);
        assertEquals(list("cpu", "100m"), got.defaultLimit());
        assertEquals(list("cpu", "100m", "memory", "100Mi"), got.defaultRequest());

        LimitRangeItem explicit = new LimitRangeItem("Container", list("cpu", "2"), list("cpu", "100m"),
                list("cpu", "1"), null, null);
        LimitRangeItem explicitOut = CoreObjectDefaults.limitRange(
                new LimitRange(null, null, null, new LimitRangeSpec(List.of(explicit)))).spec().limits().get(0);
        assertEquals(list("cpu", "1"), explicitOut.defaultLimit());
        assertEquals(list("cpu", "1"), explicitOut.defaultRequest(), "the default limit wins over the min");

        LimitRangeItem pod = new LimitRangeItem("Pod", list("cpu", "2"), list("cpu", "100m"), null, null, null);
        assertEquals(pod, CoreObjectDefaults.limitRange(
                new LimitRange(null, null, null, new LimitRangeSpec(List.of(pod)))).spec().limits().get(0));
    }

    /** SetDefaults_ResourceList: quantities finer than a milli are rounded up to one. */
    @Test
    void resourceListsAreRoundedUpToMillis() {
        SortedMap<String, Quantity> rounded = CoreObjectDefaults.resourceList(list("cpu", "0.0001", "memory", "1Gi",
                "example.com/dongle", "1500u"));
        assertEquals(Quantity.parse("1m"), rounded.get("cpu"));
        assertEquals(Quantity.parse("2m"), rounded.get("example.com/dongle"));
        assertEquals("1Gi", rounded.get("memory").toString());
        SortedMap<String, Quantity> coarse = list("cpu", "250m", "memory", "64Mi");
        assertSame(coarse, CoreObjectDefaults.resourceList(coarse));
        ResourceQuota rq = idempotent(CoreObjectDefaults::resourceQuota, new ResourceQuota(null, null, null,
                new ResourceQuota.ResourceQuotaSpec(list("requests.cpu", "1n"), null, null), null));
        assertEquals(Quantity.parse("1m"), rq.spec().hard().get("requests.cpu"));
    }

    @Test
    void configMapsNeedNothing() {
        ConfigMap cm = new ConfigMap(null, null, ObjectMeta.of("default", "c"), null, null, null);
        assertSame(cm, CoreObjectDefaults.configMap(cm));
    }
}
