package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.Deployment;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Pod;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.deployment.RolloutCommands;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.system.KubeProxyConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kube-system as a kubeadm/kind cluster shows it (kubectl get all -n kube-system): one kube-proxy pod per node
 * from the DaemonSet, two CoreDNS replicas behind kube-dns, and the course demo of switching kube-proxy to
 * ipvs by editing its ConfigMap and restarting the DaemonSet (manifests: cmd/kubeadm/app/phases/addons).
 */
class KubeSystemTest {

    private static Cluster cluster(long seed) {
        return Cluster.builder().seed(seed).nodes(3).build();
    }

    private static List<Pod> proxyPods(Cluster c) {
        return c.pods("kube-system", "k8s-app=kube-proxy");
    }

    private static boolean settled(Cluster c) {
        DaemonSet ds = c.api().get(BuiltinResources.DAEMON_SETS, "kube-system", "kube-proxy");
        Deployment dns = c.api().get(BuiltinResources.DEPLOYMENTS, "kube-system", "coredns");
        return ds.status() != null && ds.status().numberReady() == 3 && dns.status() != null
                && dns.status().readyReplicas() != null && dns.status().readyReplicas() == 2;
    }

    @Test
    void kubeSystemRunsOneKubeProxyPerNodeAndTwoReadyCoreDnsBehindKubeDns() {
        Cluster c = cluster(42);
        assertTrue(c.runUntil(() -> settled(c), Duration.ofMinutes(1)), "kube-proxy 3/3 and coredns 2/2");
        List<Pod> proxies = proxyPods(c);
        assertEquals(3, proxies.size());
        assertEquals(new TreeSet<>(c.nodeNames()), proxies.stream().map(p -> p.spec().nodeName())
                .collect(Collectors.toCollection(TreeSet::new)), "one kube-proxy pod per node");
        for (Pod p : proxies) {
            assertEquals("Running", p.status().phase());
            assertTrue(p.spec().usesHostNetwork());
            assertEquals(PriorityClass.SYSTEM_NODE_CRITICAL, p.spec().priorityClassName());
            assertEquals("registry.k8s.io/kube-proxy:v1.32.0", p.spec().containers().get(0).image());
        }
        List<Pod> dns = c.pods("kube-system", "k8s-app=kube-dns");
        assertEquals(2, dns.size());
        for (Pod p : dns) {
            assertTrue(p.metadata().name().startsWith("coredns-"), p.metadata().name());
            assertEquals(PriorityClass.SYSTEM_CLUSTER_CRITICAL, p.spec().priorityClassName());
            assertTrue(c.isReady("kube-system", p.metadata().name()));
        }
        assertEquals(2, dns.stream().map(p -> p.spec().nodeName()).distinct().count(),
                "the preferred anti-affinity spreads the CoreDNS pods");
        var coredns = dns.get(0).spec().containers().get(0);
        assertEquals(8181, coredns.readinessProbe().httpGet().port().intVal());
        assertEquals(List.of("dns", "dns-tcp", "metrics"), coredns.ports().stream().map(p -> p.name()).toList());
        // kubeadm v1.32's template, defaulted: the ReplicaSet a real v1.32 cluster names coredns-668d6bf9bc.
        assertTrue(dns.get(0).metadata().name().startsWith("coredns-668d6bf9bc-"), dns.get(0).metadata().name());
        assertTrue(c.runUntil(() -> readyDnsEndpoints(c) == 2, Duration.ofSeconds(10)),
                "the kube-dns EndpointSlice lists both CoreDNS pods as ready");
        for (String node : c.nodeNames()) {
            KubeProxy proxy = c.kubeProxy(node);
            assertNotNull(proxy, node);
            assertEquals(KubeProxy.Mode.IPTABLES, proxy.mode());
            c.advance(Duration.ofSeconds(2));
            assertTrue(proxy.iptablesSave().contains("kube-system/kube-dns:dns cluster IP"), node);
        }
    }

    @Test
    void thePriorityClassesHaveTheirBuiltinValues() {
        Cluster c = cluster(1);
        assertEquals(2_000_001_000,
                c.api().get(BuiltinResources.PRIORITY_CLASSES, null, "system-node-critical").value());
        assertEquals(2_000_000_000,
                c.api().get(BuiltinResources.PRIORITY_CLASSES, null, "system-cluster-critical").value());
    }

    @Test
    void aKubeProxyRunsOnlyOnceItsPodRuns() {
        Cluster c = cluster(7);
        for (String node : c.nodeNames()) {
            assertEquals(null, c.kubeProxy(node), "no kube-proxy before its pod was scheduled and started");
        }
        assertTrue(c.runUntil(() -> c.nodeNames().stream().allMatch(n -> c.kubeProxy(n) != null),
                Duration.ofMinutes(1)));
    }

    @Test
    void editingTheConfigMapAndRestartingTheDaemonSetSwitchesEveryNodeToIpvs() {
        Cluster c = cluster(42);
        assertTrue(c.runUntil(() -> settled(c), Duration.ofMinutes(1)));
        Map<String, KubeProxy> before = new TreeMap<>();
        c.nodeNames().forEach(n -> before.put(n, c.kubeProxy(n)));

        ConfigMap cm = c.api().get(BuiltinResources.CONFIG_MAPS, "kube-system", "kube-proxy");
        String conf = cm.data().get(KubeProxyConfiguration.KEY);
        assertTrue(conf.contains("mode: \"\""), conf);
        TreeMap<String, String> data = new TreeMap<>(cm.data());
        data.put(KubeProxyConfiguration.KEY, conf.replace("mode: \"\"", "mode: \"ipvs\""));
        c.api().update(BuiltinResources.CONFIG_MAPS, cm.withData(data));
        c.advance(Duration.ofSeconds(30));
        for (String node : c.nodeNames()) {
            assertEquals(KubeProxy.Mode.IPTABLES, c.kubeProxy(node).mode(),
                    "a ConfigMap edit alone changes nothing: kube-proxy reads it only at start");
        }

        assertEquals("daemonset.apps/kube-proxy restarted",
                RolloutCommands.restartDaemonSet(c.api(), c.kernel(), "kube-system", "kube-proxy"));
        assertTrue(c.runUntil(() -> c.nodeNames().stream().allMatch(n -> c.kubeProxy(n).mode() == KubeProxy.Mode.IPVS),
                Duration.ofMinutes(2)), "every node's kube-proxy restarted in ipvs mode");
        c.advance(Duration.ofSeconds(5));
        for (String node : c.nodeNames()) {
            KubeProxy proxy = c.kubeProxy(node);
            assertNotEquals(before.get(node), proxy, "a new kube-proxy process on " + node);
            String table = proxy.ipvsState().ipvsadm();
            assertTrue(table.contains("UDP  10.96.0.10:53 rr"), node + ":\n" + table);
            assertTrue(table.contains("TCP  10.96.0.10:53 rr"), node + ":\n" + table);
            // ipvs mode's iptables rules match ipsets; v1.32 cleans nothing up between iptables and ipvs mode, so
            // the iptables proxier's service chains stay on the node, no longer jumped to from nat KUBE-SERVICES.
            String save = proxy.iptablesSave();
            assertTrue(save.contains("-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT\n"), save);
            assertTrue(save.contains(":KUBE-SVC-NPX46M4PTMTKRN6Y - [0:0]\n"), save);
            assertFalse(save.contains("-j KUBE-SVC-NPX46M4PTMTKRN6Y"), save);
        }
        assertEquals(3, proxyPods(c).stream().filter(p -> !p.metadata().isBeingDeleted()).count());
    }

    @Test
    void aPoweredOffNodeRunsNoKubeProxyAndGetsANewOneWhenItComesBack() {
        Cluster c = cluster(11);
        assertTrue(c.runUntil(() -> settled(c), Duration.ofMinutes(1)));
        KubeProxy before = c.kubeProxy("node-2");
        assertTrue(c.isKubeProxyRunning("node-2"));
        c.powerOff("node-2");
        assertTrue(!c.isKubeProxyRunning("node-2"));
        int syncs = before.syncs();
        c.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: extra}
                spec:
                  selector: {app: extra}
                  ports: [{port: 80}]
                """);
        c.advance(Duration.ofSeconds(20));
        assertEquals(syncs, before.syncs(), "a dead node programs nothing");
        assertTrue(c.isKubeProxyRunning("node-1") && c.isKubeProxyRunning("node-3"));
        c.powerOn("node-2");
        assertTrue(c.runUntil(() -> c.isKubeProxyRunning("node-2"), Duration.ofMinutes(2)));
        assertNotEquals(before, c.kubeProxy("node-2"), "a new kube-proxy process after the reboot");
        c.advance(Duration.ofSeconds(2));
        assertTrue(c.kubeProxy("node-2").iptablesSave().contains("\"default/extra has no endpoints\""));
    }

    @Test
    void theBuildersProxyModeIsTheConfigMapsModeTheProxiesStartWith() {
        Cluster c = Cluster.builder().seed(3).nodes(2).proxyMode(KubeProxy.Mode.IPVS).build();
        ConfigMap cm = c.api().get(BuiltinResources.CONFIG_MAPS, "kube-system", "kube-proxy");
        assertTrue(cm.data().get(KubeProxyConfiguration.KEY).contains("mode: \"ipvs\""));
        assertTrue(c.runUntil(() -> c.nodeNames().stream().allMatch(c::isKubeProxyRunning), Duration.ofMinutes(1)));
        c.advance(Duration.ofSeconds(2));
        for (String node : c.nodeNames()) {
            assertEquals(KubeProxy.Mode.IPVS, c.kubeProxy(node).mode());
            assertTrue(c.kubeProxy(node).ipvsState().ipvsadm().contains("TCP  10.96.0.10:9153 rr"), node);
        }
    }

    @Test
    void aDaemonSetTemplateChangeAlsoStartsNewProxies() {
        Cluster c = cluster(9);
        assertTrue(c.runUntil(() -> settled(c), Duration.ofMinutes(1)));
        Map<String, KubeProxy> before = new TreeMap<>();
        c.nodeNames().forEach(n -> before.put(n, c.kubeProxy(n)));
        DaemonSet ds = c.api().get(BuiltinResources.DAEMON_SETS, "kube-system", "kube-proxy");
        var t = ds.spec().template();
        c.api().update(BuiltinResources.DAEMON_SETS, ds.withSpec(ds.spec().withTemplate(
                t.withMetadata(t.metadata().withLabels(Map.of("k8s-app", "kube-proxy", "tier", "node"))))));
        assertTrue(c.runUntil(() -> c.nodeNames().stream().allMatch(n -> c.isKubeProxyRunning(n)
                && c.kubeProxy(n) != before.get(n)), Duration.ofMinutes(2)), "every node got a new kube-proxy");
    }

    @Test
    void sameSeedSameTrace() {
        Cluster a = cluster(5);
        Cluster b = cluster(5);
        a.advance(Duration.ofSeconds(40));
        b.advance(Duration.ofSeconds(40));
        assertEquals(a.trace().format(), b.trace().format());
        assertTrue(a.trace().format().contains("KubeProxyStarted"));
    }

    private static long readyDnsEndpoints(Cluster c) {
        List<EndpointSlice> slices = c.api().list(BuiltinResources.ENDPOINT_SLICES, "kube-system",
                s -> "kube-dns".equals(s.metadata().labels().get("kubernetes.io/service-name"))).items();
        return slices.stream().flatMap(s -> s.endpoints().stream())
                .filter(e -> e.conditions() != null && Boolean.TRUE.equals(e.conditions().ready())).count();
    }
}
