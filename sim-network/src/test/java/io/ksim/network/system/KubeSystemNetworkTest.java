package io.ksim.network.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Service;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import io.ksim.network.proxy.KubeProxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kube-system's network objects as kubeadm creates them, and switching kube-proxy to ipvs by restarting it. */
class KubeSystemNetworkTest {

    private final NetworkTestCluster c = new NetworkTestCluster(31);

    @Test
    void kubeDnsAtTheTenthAddressWithKubeadmsPorts() {
        KubeSystemNetwork.install(c.api, "10.244.0.0/16");
        Service dns = c.api.get(BuiltinResources.SERVICES, "kube-system", "kube-dns");
        assertEquals("10.96.0.10", dns.spec().clusterIP());
        assertEquals(List.of("dns", "dns-tcp", "metrics"), dns.spec().ports().stream().map(Service.ServicePort::name)
                .toList());
        assertEquals(List.of("UDP", "TCP", "TCP"), dns.spec().ports().stream().map(Service.ServicePort::protocol)
                .toList());
        ConfigMap coredns = c.api.get(BuiltinResources.CONFIG_MAPS, "kube-system", "coredns");
        assertTrue(coredns.data().get("Corefile").contains("kubernetes cluster.local in-addr.arpa ip6.arpa {"));
        KubeProxyConfiguration conf = KubeProxyConfiguration.read(c.api);
        assertEquals("", conf.mode());
        assertEquals(KubeProxy.Mode.IPTABLES, conf.proxyMode());
        assertEquals("10.244.0.0/16", conf.clusterCIDR());
    }

    @Test
    void modeChangeTakesEffectWhenKubeProxyRestarts() {
        KubeSystemNetwork.install(c.api, "10.244.0.0/16");
        KubeProxy before = KubeProxy.fromConfigMap(c.kernel, c.api, "node-1", "172.18.0.2");
        before.start();
        c.settle();
        assertTrue(before.iptablesRules().restorePayload().contains("-d 10.96.0.10 --dport 53"));
        ConfigMap cm = c.api.get(BuiltinResources.CONFIG_MAPS, "kube-system", "kube-proxy");
        String yaml = cm.data().get("config.conf").replace("mode: \"\"", "mode: \"ipvs\"");
        c.api.update(BuiltinResources.CONFIG_MAPS, cm.withData(ImmutableSortedMap.of("config.conf", yaml)));
        c.settle();
        assertEquals(KubeProxy.Mode.IPTABLES, before.mode(), "a running kube-proxy keeps its mode");
        before.stop();
        KubeProxy after = KubeProxy.fromConfigMap(c.kernel, c.api, "node-1", "172.18.0.2");
        after.start();
        c.settle();
        assertEquals(KubeProxy.Mode.IPVS, after.mode());
        assertNull(after.iptablesRules());
        assertTrue(after.ipvsState().ipvsadm().contains("UDP  10.96.0.10:53 rr\n"));
        assertTrue(after.ipvsState().ipvsadm().contains("TCP  10.96.0.1:443 rr\n  -> 172.18.0.2:6443"));
    }
}
