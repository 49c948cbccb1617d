package io.ksim.network.system;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.Map;

/**
 * The network objects kubeadm puts into kube-system (cmd/kubeadm/app/phases/addons/dns and proxy): the
 * {@code kube-dns} Service at the tenth address of the service range (10.96.0.10) with ports dns/UDP 53,
 * dns-tcp/TCP 53 and metrics/TCP 9153, the {@code coredns} ConfigMap with its Corefile, and the
 * {@code kube-proxy} ConfigMap whose {@code config.conf} carries the proxy mode ("" means iptables).
 */
public final class KubeSystemNetwork {

    public static final String NAMESPACE = "kube-system";
    public static final String KUBE_DNS_IP = "10.96.0.10";

    /** kubeadm's Corefile for zone cluster.local. */
    public static final String COREFILE = """
            .:53 {
                errors
                health {
                   lameduck 5s
                }
                ready
                kubernetes cluster.local in-addr.arpa ip6.arpa {
                   pods insecure
                   fallthrough in-addr.arpa ip6.arpa
                   ttl 30
                }
                prometheus :9153
                forward . /etc/resolv.conf {
                   max_concurrent 1000
                }
                cache 30
                loop
                reload
                loadbalance
            }
            """;

    private KubeSystemNetwork() {
    }

    /** Creates kube-dns, the coredns ConfigMap and the kube-proxy ConfigMap (mode "" = iptables). */
    public static void install(ApiServer api, String clusterCIDR) {
        ObjectMeta dnsMeta = ObjectMeta.builder().name("kube-dns").namespace(NAMESPACE)
                .labels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
                        "kubernetes.io/name", "CoreDNS"))
                .annotations(Map.of("prometheus.io/port", "9153", "prometheus.io/scrape", "true")).build();
        api.create(BuiltinResources.SERVICES, NAMESPACE, new Service(null, null, dnsMeta, ServiceSpec.builder()
                .clusterIP(KUBE_DNS_IP).selector(Map.of("k8s-app", "kube-dns")).ports(List.of(
                        new ServicePort("dns", "UDP", null, 53, IntOrString.of(53), null),
                        new ServicePort("dns-tcp", "TCP", null, 53, IntOrString.of(53), null),
                        new ServicePort("metrics", "TCP", null, 9153, IntOrString.of(9153), null))).build(), null));
        api.create(BuiltinResources.CONFIG_MAPS, NAMESPACE, configMap("coredns", Map.of("Corefile", COREFILE)));
        api.create(BuiltinResources.CONFIG_MAPS, NAMESPACE, configMap(KubeProxyConfiguration.CONFIG_MAP,
                Map.of(KubeProxyConfiguration.KEY, KubeProxyConfiguration.defaults(clusterCIDR).toYaml())));
    }

    private static ConfigMap configMap(String name, Map<String, String> data) {
        ObjectMeta meta = ObjectMeta.builder().name(name).namespace(NAMESPACE).build();
        return new ConfigMap(null, null, meta, null, ImmutableSortedMap.copyOf(data), null);
    }
}
