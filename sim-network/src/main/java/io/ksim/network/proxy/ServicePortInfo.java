package io.ksim.network.proxy;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What kube-proxy keeps of one port of a Service (pkg/proxy/serviceport.go, BaseServicePortInfo): the cluster
 * IP and port, node port, external IPs, load-balancer VIPs (status ingress IPs in VIP mode) and source ranges,
 * traffic policies, session affinity and the health-check node port. Services without a cluster IP
 * (headless) and ExternalName services have none: kube-proxy ignores them.
 */
public record ServicePortInfo(ServicePortName name, String clusterIP, int port, int nodePort,
        List<String> externalIPs, List<String> loadBalancerVIPs, List<String> loadBalancerSourceRanges,
        boolean externalPolicyLocal, boolean internalPolicyLocal, int stickyMaxAgeSeconds,
        int healthCheckNodePort) {

    public ServicePortInfo {
        externalIPs = List.copyOf(externalIPs);
        loadBalancerVIPs = List.copyOf(loadBalancerVIPs);
        loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
    }

    /** The ports kube-proxy serves for {@code svc}, in spec order; empty for headless and ExternalName. */
    public static List<ServicePortInfo> of(Service svc) {
        ServiceSpec spec = svc.spec();
        if (ServiceSpec.TYPE_EXTERNAL_NAME.equals(spec.type()) || spec.clusterIP() == null
                || spec.clusterIP().isEmpty() || spec.isHeadless()) {
            return List.of();
        }
        List<String> vips = new ArrayList<>();
        if (ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type())) {
            for (LoadBalancerIngress ing : svc.status().loadBalancer().ingress()) {
                if (ing.ip() != null && !ing.ip().isEmpty()
                        && (ing.ipMode() == null || LoadBalancerIngress.IP_MODE_VIP.equals(ing.ipMode()))) {
                    vips.add(ing.ip());
                }
            }
        }
        boolean externallyAccessible = ServiceSpec.TYPE_NODE_PORT.equals(spec.type())
                || ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type()) || !spec.externalIPs().isEmpty();
        boolean externalLocal = externallyAccessible
                && ServiceSpec.TRAFFIC_POLICY_LOCAL.equals(spec.externalTrafficPolicy());
        boolean internalLocal = ServiceSpec.TRAFFIC_POLICY_LOCAL.equals(spec.internalTrafficPolicy());
        int sticky = 0;
        if (ServiceSpec.AFFINITY_CLIENT_IP.equals(spec.sessionAffinity())) {
            sticky = Service.ClientIPConfig.DEFAULT_TIMEOUT_SECONDS;
            if (spec.sessionAffinityConfig() != null && spec.sessionAffinityConfig().clientIP() != null
                    && spec.sessionAffinityConfig().clientIP().timeoutSeconds() != null) {
                sticky = spec.sessionAffinityConfig().clientIP().timeoutSeconds();
            }
        }
        int hc = externalLocal && ServiceSpec.TYPE_LOAD_BALANCER.equals(spec.type()) && spec.healthCheckNodePort() != null
                ? spec.healthCheckNodePort() : 0;
        List<ServicePortInfo> out = new ArrayList<>();
        for (ServicePort p : spec.ports()) {
            ServicePortName name = new ServicePortName(svc.metadata().namespace(), svc.metadata().name(),
                    p.name() == null ? "" : p.name(), p.protocol() == null ? "TCP" : p.protocol());
            out.add(new ServicePortInfo(name, spec.clusterIP(), p.port(), p.nodePort() == null ? 0 : p.nodePort(),
                    spec.externalIPs(), vips, spec.loadBalancerSourceRanges().stream().map(String::trim).toList(),
                    externalLocal, internalLocal, sticky,
                    hc));
        }
        return out;
    }

    public String protocol() {
        return name.protocol();
    }

    /** A node port, external IPs or load-balancer VIPs. */
    public boolean externallyAccessible() {
        return nodePort != 0 || !loadBalancerVIPs.isEmpty() || !externalIPs.isEmpty();
    }

    public boolean usesClusterEndpoints() {
        return !internalPolicyLocal || (externallyAccessible() && !externalPolicyLocal);
    }

    public boolean usesLocalEndpoints() {
        return internalPolicyLocal || (externallyAccessible() && externalPolicyLocal);
    }

    public boolean sessionAffinity() {
        return stickyMaxAgeSeconds > 0;
    }
}
