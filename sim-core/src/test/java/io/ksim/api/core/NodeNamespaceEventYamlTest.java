package io.ksim.api.core;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.meta.MicroTime;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeNamespaceEventYamlTest {

    /** A node as a kubelet of a kind cluster reports it (kubectl get node -o yaml). */
    static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              annotations:
                kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                node.alpha.kubernetes.io/ttl: "0"
                volumes.kubernetes.io/controller-managed-attach-detach: "true"
              creationTimestamp: "2025-01-01T00:00:00Z"
              labels:
                beta.kubernetes.io/arch: amd64
                beta.kubernetes.io/os: linux
                kubernetes.io/arch: amd64
                kubernetes.io/hostname: kind-worker
                kubernetes.io/os: linux
                topology.kubernetes.io/zone: zone-a
              name: kind-worker
              resourceVersion: "5123"
              uid: 4c1a3bde-1111-4b1e-9e3e-0c2f1b8a7d10
            spec:
              podCIDR: 10.244.1.0/24
              podCIDRs:
              - 10.244.1.0/24
              providerID: kind://docker/kind/kind-worker
              taints:
              - effect: NoSchedule
                key: dedicated
                value: gpu
              - effect: NoExecute
                key: node.kubernetes.io/unreachable
                timeAdded: "2025-01-01T00:10:00Z"
              unschedulable: true
            status:
              addresses:
              - address: 172.18.0.3
                type: InternalIP
              - address: kind-worker
                type: Hostname
              allocatable:
                cpu: "8"
                ephemeral-storage: 1055762868Ki
                hugepages-1Gi: "0"
                memory: 32767540Ki
                pods: "110"
              capacity:
                cpu: "8"
                ephemeral-storage: 1055762868Ki
                hugepages-1Gi: "0"
                memory: 32767540Ki
                pods: "110"
              conditions:
              - lastHeartbeatTime: "2025-01-01T00:05:00Z"
                lastTransitionTime: "2025-01-01T00:00:00Z"
                message: kubelet has sufficient memory available
                reason: KubeletHasSufficientMemory
                status: "False"
                type: MemoryPressure
              - lastHeartbeatTime: "2025-01-01T00:05:00Z"
                lastTransitionTime: "2025-01-01T00:00:30Z"
                message: kubelet is posting ready status
                reason: KubeletReady
                status: "True"
                type: Ready
              daemonEndpoints:
                kubeletEndpoint:
                  Port: 10250
              features:
                supplementalGroupsPolicy: true
              images:
              - names:
                - registry.k8s.io/etcd@sha256:a6dc63e6e8cfa0307d7851762fa6b629afb18f28d8aa3fab5a6e91b4af60026a
                - registry.k8s.io/etcd:3.5.16-0
                sizeBytes: 57680541
              - names:
                - docker.io/library/nginx:1.27
              nodeInfo:
                architecture: amd64
                bootID: 2a4f0e0c-8d1c-4c55-8f54-2d6a1f7f8a11
                containerRuntimeVersion: containerd://1.7.24
                kernelVersion: 6.8.0-51-generic
                kubeProxyVersion: v1.32.0
                kubeletVersion: v1.32.0
                machineID: 0b3a5a2e6f2c4f8b9e4d2f7d6c5b4a39
                operatingSystem: linux
                osImage: Debian GNU/Linux 12 (bookworm)
                systemUUID: 7f9e5e2a-3c1d-4a7b-8e6f-5d4c3b2a1908
              runtimeHandlers:
              - features:
                  recursiveReadOnlyMounts: true
                  userNamespaces: false
                name: runc
              - features:
                  recursiveReadOnlyMounts: true
                name: default
              volumesAttached:
              - devicePath: /dev/xvdba
                name: kubernetes.io/csi/ebs.csi.aws.com^vol-0a1b2c
              volumesInUse:
              - kubernetes.io/csi/ebs.csi.aws.com^vol-0a1b2c
            """;

    @Test
    void nodeRoundTripsWithEveryStatusField() throws Exception {
        Node node = roundTrip(NODE, Node.class);
        assertEquals("Node", node.kind());
        assertEquals("10.244.1.0/24", node.spec().podCIDR());
        assertTrue(node.spec().isUnschedulable());
        assertEquals(TaintEffect.NO_EXECUTE, node.spec().taints().get(1).effect());
        assertEquals(Instant.parse("2025-01-01T00:10:00Z"), node.spec().taints().get(1).timeAdded());
        assertEquals(Quantity.parse("8"), node.status().capacity().get("cpu"));
        assertEquals(Quantity.parse("32767540Ki"), node.status().allocatable().get("memory"));
        NodeCondition ready = node.status().condition(NodeCondition.READY);
        assertTrue(ready.isTrue());
        assertEquals(Instant.parse("2025-01-01T00:05:00Z"), ready.lastHeartbeatTime());
        assertEquals(10250, node.status().daemonEndpoints().kubeletEndpoint().port());
        assertEquals("v1.32.0", node.status().nodeInfo().kubeletVersion());
        assertEquals(57680541L, node.status().images().get(0).sizeBytes());
        assertNull(node.status().images().get(1).sizeBytes());
        assertEquals("runc", node.status().runtimeHandlers().get(0).name());
        assertEquals(Boolean.FALSE, node.status().runtimeHandlers().get(0).features().userNamespaces());
        assertEquals(Boolean.TRUE, node.status().features().supplementalGroupsPolicy());
    }

    @Test
    void kubeletPortIsCapitalisedOnTheWire() throws Exception {
        String json = KubeJson.json().writeValueAsString(new Node.NodeDaemonEndpoints(new Node.DaemonEndpoint(10250)));
        assertEquals("{\"kubeletEndpoint\":{\"Port\":10250}}", json);
    }

    @Test
    void nodeConfigSourceAndExternalIdAreKept() throws Exception {
        Node node = roundTrip("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: n1
                spec:
                  configSource:
                    configMap:
                      kubeletConfigKey: kubelet
                      name: my-config
                      namespace: kube-system
                  externalID: i-0abc
                status:
                  config:
                    error: failed to load
                """, Node.class);
        assertEquals("i-0abc", node.spec().externalID());
        assertEquals("kube-system", node.spec().configSource().tree().get("configMap").get("namespace").asText());
    }

    @Test
    void unknownNodeFieldsAreReportedWithTheirPaths() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: n1
                spec:
                  taints:
                  - key: a
                    efect: NoSchedule
                status:
                  daemonEndpoints:
                    kubeletEndpoint:
                      port: 10250
                  nodeInfo:
                    kernel: "6.8"
                """, Node.class, unknown);
        assertEquals(List.of("spec.taints[0].efect", "status.daemonEndpoints.kubeletEndpoint.port",
                "status.nodeInfo.kernel"), unknown);
    }

    @Test
    void namespaceRoundTrips() throws Exception {
        Namespace ns = roundTrip("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  labels:
                    kubernetes.io/metadata.name: dev
                  name: dev
                spec:
                  finalizers:
                  - kubernetes
                status:
                  conditions:
                  - lastTransitionTime: "2025-01-01T00:01:00Z"
                    message: 'Some content in the namespace has finalizers remaining: example.com/f in 1 resource instances'
                    reason: SomeFinalizersRemain
                    status: "True"
                    type: NamespaceFinalizersRemaining
                  phase: Terminating
                """, Namespace.class);
        assertEquals(List.of(Namespace.NamespaceSpec.FINALIZER_KUBERNETES), ns.spec().finalizers());
        assertEquals(Namespace.NamespaceStatus.TERMINATING, ns.status().phase());
        assertEquals(Namespace.NamespaceCondition.FINALIZERS_REMAINING, ns.status().conditions().get(0).type());
    }

    @Test
    void aBareNamespacePrintsEmptySpecAndStatusAsUpstream() throws Exception {
        assertEquals("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\nspec: {}\nstatus: {}\n",
                KubeJson.yaml().writeValueAsString(Namespace.of("dev")));
    }

    /** A scheduler event as kubectl get events -o yaml prints it (core/v1, written through events.k8s.io). */
    @Test
    void eventRoundTripsWithMicroTimes() throws Exception {
        Event ev = roundTrip("""
                action: Binding
                apiVersion: v1
                eventTime: "2025-01-01T00:00:01.234567Z"
                firstTimestamp: "2025-01-01T00:00:01Z"
                involvedObject:
                  apiVersion: v1
                  kind: Pod
                  name: web-7c9f-abcde
                  namespace: default
                  resourceVersion: "812"
                  uid: 3f1e2d3c-0000-4000-8000-000000000001
                kind: Event
                lastTimestamp: "2025-01-01T00:00:09Z"
                count: 3
                message: Successfully assigned default/web-7c9f-abcde to kind-worker
                metadata:
                  creationTimestamp: "2025-01-01T00:00:01Z"
                  name: web-7c9f-abcde.181a2b3c4d5e6f70
                  namespace: default
                reason: Scheduled
                related:
                  kind: Node
                  name: kind-worker
                reportingComponent: default-scheduler
                reportingInstance: default-scheduler-kind-control-plane
                series:
                  count: 2
                  lastObservedTime: "2025-01-01T00:00:09.000001Z"
                source:
                  component: default-scheduler
                  host: kind-control-plane
                type: Normal
                """, Event.class);
        assertEquals(MicroTime.parse("2025-01-01T00:00:01.234567Z"), ev.eventTime());
        assertEquals(Instant.parse("2025-01-01T00:00:01.234567Z"), ev.eventTime().time());
        assertEquals("Pod", ev.involvedObject().kind());
        assertEquals(3, ev.count());
        assertEquals("default-scheduler", ev.reportingComponent());
        assertEquals(2, ev.series().count());
        assertEquals("kind-control-plane", ev.source().host());
        assertEquals(Event.TYPE_NORMAL, ev.type());
        String yaml = KubeJson.yaml().writeValueAsString(ev);
        assertTrue(yaml.contains("eventTime: 2025-01-01T00:00:01.234567Z\n"), yaml);
        assertTrue(yaml.contains("lastObservedTime: 2025-01-01T00:00:09.000001Z\n"), yaml);
    }

    @Test
    void anEventWithoutEventTimeAndAKubectlStyleNullDecode() throws Exception {
        List<String> unknown = new ArrayList<>();
        Event ev = decode("""
                apiVersion: v1
                kind: Event
                metadata:
                  name: x.1
                  namespace: default
                involvedObject:
                  kind: Pod
                  name: x
                eventTime: null
                reason: Killing
                reportingComponent: ""
                reportingInstance: ""
                """, Event.class, unknown);
        assertEquals(List.of(), unknown);
        assertNull(ev.eventTime());
        assertEquals(4, ev.repeated(Instant.EPOCH).repeated(Instant.EPOCH).repeated(Instant.EPOCH).count());
    }
}
