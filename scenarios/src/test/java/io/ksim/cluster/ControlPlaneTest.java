package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.OwnerReference;
import io.ksim.kubectl.KubectlResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kubeadm's control-plane node, opt-in: its label and taint, its kubelet's static pods as mirror pods in
 * kube-system (cmd/kubeadm/app/phases/controlplane and etcd manifests, v1.32), kube-proxy there too, and a deleted
 * mirror pod coming back.
 */
class ControlPlaneTest {

    private static final List<String> MIRRORS = List.of("etcd-control-plane", "kube-apiserver-control-plane",
            "kube-controller-manager-control-plane", "kube-scheduler-control-plane");

    private static Cluster cluster() {
        Cluster c = Cluster.builder().seed(5).nodes(2).controlPlane(true).build();
        c.advance(Duration.ofSeconds(60));
        return c;
    }

    @Test
    void theControlPlaneNodeIsLabelledTaintedAndListedWithItsRole() {
        Cluster c = cluster();
        assertEquals(List.of("control-plane", "node-1", "node-2"), c.nodeNames());
        assertEquals("172.18.0.2", c.nodeIP("control-plane"));
        assertEquals("172.18.0.3", c.nodeIP("node-1"), "workers follow, as on kind");
        Node cp = c.api().get(io.ksim.apiserver.registry.BuiltinResources.NODES, null, "control-plane");
        assertEquals("", cp.metadata().labels().get("node-role.kubernetes.io/control-plane"));
        assertTrue(cp.spec().taints().stream().anyMatch(t -> t.key().equals("node-role.kubernetes.io/control-plane")
                && t.effect().equals("NoSchedule")));
        KubectlResult nodes = c.kubectl("get nodes");
        List<String> lines = nodes.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NAME            STATUS   ROLES           AGE"), nodes.out());
        assertTrue(lines.get(1).startsWith("control-plane   Ready    control-plane   60s   v1.32"), nodes.out());
        assertTrue(lines.get(2).startsWith("node-1          Ready    <none>          60s   v1.32"), nodes.out());
        assertEquals(3, c.pods("kube-system", "k8s-app=kube-proxy").size(), "the DaemonSet tolerates every taint");
        assertTrue(c.pods("kube-system", "k8s-app=kube-proxy").stream()
                .anyMatch(p -> "control-plane".equals(p.spec().nodeName())));
    }

    /**
     * The manifests' text is what the kubelet hashes into config.hash: these digests pin it byte for byte, so a change
     * to how the text is put together cannot move the annotations unnoticed.
     */
    @Test
    void theManifestTextIsPinnedByItsHash() {
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (String component : ControlPlanePods.COMPONENTS) {
            hashes.put(component, com.google.common.hash.Hashing.md5().hashString(
                    ControlPlanePods.manifest(component, "control-plane", "172.18.0.2"),
                    java.nio.charset.StandardCharsets.UTF_8).toString());
        }
        assertEquals(Map.of(
                "etcd", "5a36f57778ac4e4843a028686e51f288",
                "kube-apiserver", "2fd4e6be7fa9a046e15e31be0c02248b",
                "kube-controller-manager", "355d247e29cf2b029e6c71f7776753bf",
                "kube-scheduler", "cf9f1f1c109ac94eeff3d29c48eae8fa"), hashes);
    }

    @Test
    void theStaticPodsRunAsMirrorPods() {
        Cluster c = cluster();
        List<Pod> mirrors = c.pods("kube-system", "tier=control-plane");
        assertEquals(MIRRORS, mirrors.stream().map(p -> p.metadata().name()).toList());
        for (Pod p : mirrors) {
            String component = p.metadata().labels().get("component");
            assertEquals(p.metadata().name(), component + "-control-plane");
            assertEquals("Running", p.status().phase(), p.metadata().name());
            assertEquals(Boolean.TRUE, p.spec().hostNetwork());
            assertEquals("system-node-critical", p.spec().priorityClassName());
            assertEquals(2000001000, p.spec().priority());
            Map<String, String> a = p.metadata().annotations();
            assertEquals("file", a.get("kubernetes.io/config.source"));
            assertEquals(a.get("kubernetes.io/config.hash"), a.get("kubernetes.io/config.mirror"));
            assertEquals(32, a.get("kubernetes.io/config.hash").length());
            assertTrue(a.get("kubernetes.io/config.seen").startsWith("2025-01-01T00:00:"), a.toString());
            OwnerReference owner = p.metadata().ownerReferences().get(0);
            assertEquals("Node", owner.kind());
            assertEquals("control-plane", owner.name());
            assertEquals(Boolean.TRUE, owner.controller());
            assertTrue(p.spec().tolerations().stream().anyMatch(t -> "Exists".equals(t.operator())
                    && "NoExecute".equals(t.effect()) && t.key() == null));
        }
        Pod apiserver = mirrors.get(1);
        assertTrue(apiserver.spec().containers().get(0).command().contains("--advertise-address=172.18.0.2"));
        assertEquals("registry.k8s.io/kube-apiserver:v1.32.0", apiserver.spec().containers().get(0).image());
        assertEquals("/livez", apiserver.spec().containers().get(0).livenessProbe().httpGet().path());
        assertEquals("registry.k8s.io/etcd:3.5.16-0", mirrors.get(0).spec().containers().get(0).image());
    }

    @Test
    void aDeletedMirrorPodComesBack() {
        Cluster c = cluster();
        Pod before = c.pod("kube-system", "kube-scheduler-control-plane");
        KubectlResult r = c.kubectl("delete pod kube-scheduler-control-plane -n kube-system");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("pod \"kube-scheduler-control-plane\" deleted\n", r.out());
        assertTrue(c.runUntil(() -> c.isReady("kube-system", "kube-scheduler-control-plane"), Duration.ofMinutes(1)));
        Pod after = c.pod("kube-system", "kube-scheduler-control-plane");
        assertNotEquals(before.metadata().uid(), after.metadata().uid());
        assertEquals(before.metadata().annotations().get("kubernetes.io/config.hash"),
                after.metadata().annotations().get("kubernetes.io/config.hash"));
    }

    @Test
    void workloadsStayOffTheControlPlane() {
        Cluster c = cluster();
        c.kubectl("create deployment web --image=nginx:1.25 --replicas=6");
        c.advance(Duration.ofSeconds(30));
        List<Pod> web = c.pods("default", "app=web");
        assertEquals(6, web.size());
        assertFalse(web.stream().anyMatch(p -> "control-plane".equals(p.spec().nodeName())));
    }
}
