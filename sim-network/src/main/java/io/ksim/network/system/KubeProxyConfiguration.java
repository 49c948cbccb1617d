package io.ksim.network.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import io.ksim.api.core.ConfigMap;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.proxy.KubeProxy;

/**
 * The part of kube-proxy's KubeProxyConfiguration (kubeproxy.config.k8s.io/v1alpha1, ConfigMap
 * {@code kube-system/kube-proxy}, key {@code config.conf}) that ksim reads: {@code mode} ("" and "iptables"
 * mean iptables; "ipvs"), {@code clusterCIDR}, {@code ipvs.scheduler} ("" means rr) and
 * {@code iptables.masqueradeAll}. kube-proxy reads it when it starts, so a change takes effect on a node when
 * its kube-proxy pod restarts.
 */
public record KubeProxyConfiguration(String mode, String clusterCIDR, String ipvsScheduler, boolean masqueradeAll) {

    public static final String CONFIG_MAP = "kube-proxy";
    public static final String KEY = "config.conf";

    public static KubeProxyConfiguration defaults(String clusterCIDR) {
        return new KubeProxyConfiguration("", clusterCIDR, "", false);
    }

    /** The proxy mode this configuration selects. */
    public KubeProxy.Mode proxyMode() {
        return switch (mode == null ? "" : mode) {
            case "", "iptables" -> KubeProxy.Mode.IPTABLES;
            case "ipvs" -> KubeProxy.Mode.IPVS;
            default -> throw new IllegalArgumentException("unsupported proxy mode \"" + mode + "\"");
        };
    }

    /** config.conf as kubeadm writes it (the fields ksim reads, and the common ones around them). */
    public String toYaml() {
        return "apiVersion: kubeproxy.config.k8s.io/v1alpha1\n"
                + "bindAddress: 0.0.0.0\n"
                + "clientConnection:\n"
                + "  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf\n"
                + "clusterCIDR: " + clusterCIDR + "\n"
                + "iptables:\n"
                + "  masqueradeAll: " + masqueradeAll + "\n"
                + "  minSyncPeriod: 0s\n"
                + "  syncPeriod: 0s\n"
                + "ipvs:\n"
                + "  minSyncPeriod: 0s\n"
                + "  scheduler: \"" + ipvsScheduler + "\"\n"
                + "  strictARP: false\n"
                + "  syncPeriod: 0s\n"
                + "kind: KubeProxyConfiguration\n"
                + "mode: \"" + mode + "\"\n";
    }

    public static KubeProxyConfiguration parse(String yaml) {
        try {
            JsonNode n = KubeJson.yaml().readTree(yaml);
            return new KubeProxyConfiguration(n.path("mode").asText(""), n.path("clusterCIDR").asText(""),
                    n.path("ipvs").path("scheduler").asText(""), n.path("iptables").path("masqueradeAll").asBoolean(false));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + KEY + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The configuration in the cluster's kube-proxy ConfigMap now. */
    public static KubeProxyConfiguration read(ApiServer api) {
        ConfigMap cm = api.get(BuiltinResources.CONFIG_MAPS, KubeSystemNetwork.NAMESPACE, CONFIG_MAP);
        return parse(cm.data().get(KEY));
    }
}
