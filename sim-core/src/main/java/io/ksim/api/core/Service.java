package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.Condition;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A service (core/v1 Service): a stable virtual IP and DNS name in front of the pods its selector picks,
 * or an external name. The API server allocates {@code clusterIP(s)} and node ports; the endpoints and
 * EndpointSlice controllers track the backends; kube-proxy programs the data path.
 */
public record Service(String apiVersion, String kind, ObjectMeta metadata, ServiceSpec spec, ServiceStatus status)
        implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Service";

    public Service {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? ServiceSpec.builder().build() : spec;
        status = status == null ? new ServiceStatus(null, null) : status;
    }

    @Override
    public Service withMetadata(ObjectMeta newMetadata) {
        return new Service(apiVersion, kind, newMetadata, spec, status);
    }

    public Service withSpec(ServiceSpec newSpec) {
        return new Service(apiVersion, kind, metadata, newSpec, status);
    }

    public Service withStatus(ServiceStatus newStatus) {
        return new Service(apiVersion, kind, metadata, spec, newStatus);
    }

    /** core/v1 ServiceSpec. */
    public record ServiceSpec(@PatchStrategy(mergeKey = "port") List<ServicePort> ports, SortedMap<String, String> selector, String clusterIP,
            List<String> clusterIPs, String type, List<String> externalIPs, String sessionAffinity,
            String loadBalancerIP, List<String> loadBalancerSourceRanges, String externalName,
            String externalTrafficPolicy, Integer healthCheckNodePort, Boolean publishNotReadyAddresses,
            SessionAffinityConfig sessionAffinityConfig, List<String> ipFamilies, String ipFamilyPolicy,
            Boolean allocateLoadBalancerNodePorts, String loadBalancerClass, String internalTrafficPolicy,
            String trafficDistribution) {

        public static final String TYPE_CLUSTER_IP = "ClusterIP";
        public static final String TYPE_NODE_PORT = "NodePort";
        public static final String TYPE_LOAD_BALANCER = "LoadBalancer";
        public static final String TYPE_EXTERNAL_NAME = "ExternalName";

        /** {@code clusterIP: None}: a headless service. */
        public static final String CLUSTER_IP_NONE = "None";

        public static final String AFFINITY_NONE = "None";
        public static final String AFFINITY_CLIENT_IP = "ClientIP";

        /** The external and internal traffic policies share these values. */
        public static final String TRAFFIC_POLICY_CLUSTER = "Cluster";
        public static final String TRAFFIC_POLICY_LOCAL = "Local";

        public static final String IP_FAMILY_IPV4 = "IPv4";
        public static final String IP_FAMILY_IPV6 = "IPv6";
        public static final String IP_FAMILY_POLICY_SINGLE_STACK = "SingleStack";
        public static final String IP_FAMILY_POLICY_PREFER_DUAL_STACK = "PreferDualStack";
        public static final String IP_FAMILY_POLICY_REQUIRE_DUAL_STACK = "RequireDualStack";

        public static final String TRAFFIC_DISTRIBUTION_PREFER_CLOSE = "PreferClose";

        public ServiceSpec {
            ports = ports == null ? List.of() : List.copyOf(ports);
            selector = selector == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(selector);
            clusterIPs = clusterIPs == null ? List.of() : List.copyOf(clusterIPs);
            externalIPs = externalIPs == null ? List.of() : List.copyOf(externalIPs);
            loadBalancerSourceRanges = loadBalancerSourceRanges == null ? List.of()
                    : List.copyOf(loadBalancerSourceRanges);
            ipFamilies = ipFamilies == null ? List.of() : List.copyOf(ipFamilies);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Headless: {@code clusterIP: None}, no virtual IP, DNS answers with the endpoints. */
        public boolean isHeadless() {
            return CLUSTER_IP_NONE.equals(clusterIP);
        }

        /** Builds a {@link ServiceSpec}; unset fields stay null or empty. */
        public static final class Builder {
            private List<ServicePort> ports;
            private SortedMap<String, String> selector;
            private String clusterIP;
            private List<String> clusterIPs;
            private String type;
            private List<String> externalIPs;
            private String sessionAffinity;
            private String loadBalancerIP;
            private List<String> loadBalancerSourceRanges;
            private String externalName;
            private String externalTrafficPolicy;
            private Integer healthCheckNodePort;
            private Boolean publishNotReadyAddresses;
            private SessionAffinityConfig sessionAffinityConfig;
            private List<String> ipFamilies;
            private String ipFamilyPolicy;
            private Boolean allocateLoadBalancerNodePorts;
            private String loadBalancerClass;
            private String internalTrafficPolicy;
            private String trafficDistribution;

            private Builder() {
            }

            private Builder(ServiceSpec s) {
                ports = s.ports;
                selector = s.selector;
                clusterIP = s.clusterIP;
                clusterIPs = s.clusterIPs;
                type = s.type;
                externalIPs = s.externalIPs;
                sessionAffinity = s.sessionAffinity;
                loadBalancerIP = s.loadBalancerIP;
                loadBalancerSourceRanges = s.loadBalancerSourceRanges;
                externalName = s.externalName;
                externalTrafficPolicy = s.externalTrafficPolicy;
                healthCheckNodePort = s.healthCheckNodePort;
                publishNotReadyAddresses = s.publishNotReadyAddresses;
                sessionAffinityConfig = s.sessionAffinityConfig;
                ipFamilies = s.ipFamilies;
                ipFamilyPolicy = s.ipFamilyPolicy;
                allocateLoadBalancerNodePorts = s.allocateLoadBalancerNodePorts;
                loadBalancerClass = s.loadBalancerClass;
                internalTrafficPolicy = s.internalTrafficPolicy;
                trafficDistribution = s.trafficDistribution;
            }

            public Builder ports(List<ServicePort> v) {
                ports = v;
                return this;
            }

            public Builder selector(Map<String, String> v) {
                selector = v == null ? null : ImmutableSortedMap.copyOf(v);
                return this;
            }

            public Builder clusterIP(String v) {
                clusterIP = v;
                return this;
            }

            public Builder clusterIPs(List<String> v) {
                clusterIPs = v;
                return this;
            }

            public Builder type(String v) {
                type = v;
                return this;
            }

            public Builder externalIPs(List<String> v) {
                externalIPs = v;
                return this;
            }

            public Builder sessionAffinity(String v) {
                sessionAffinity = v;
                return this;
            }

            public Builder loadBalancerIP(String v) {
                loadBalancerIP = v;
                return this;
            }

            public Builder loadBalancerSourceRanges(List<String> v) {
                loadBalancerSourceRanges = v;
                return this;
            }

            public Builder externalName(String v) {
                externalName = v;
                return this;
            }

            public Builder externalTrafficPolicy(String v) {
                externalTrafficPolicy = v;
                return this;
            }

            public Builder healthCheckNodePort(Integer v) {
                healthCheckNodePort = v;
                return this;
            }

            public Builder publishNotReadyAddresses(Boolean v) {
                publishNotReadyAddresses = v;
                return this;
            }

            public Builder sessionAffinityConfig(SessionAffinityConfig v) {
                sessionAffinityConfig = v;
                return this;
            }

            public Builder ipFamilies(List<String> v) {
                ipFamilies = v;
                return this;
            }

            public Builder ipFamilyPolicy(String v) {
                ipFamilyPolicy = v;
                return this;
            }

            public Builder allocateLoadBalancerNodePorts(Boolean v) {
                allocateLoadBalancerNodePorts = v;
                return this;
            }

            public Builder loadBalancerClass(String v) {
                loadBalancerClass = v;
                return this;
            }

            public Builder internalTrafficPolicy(String v) {
                internalTrafficPolicy = v;
                return this;
            }

            public Builder trafficDistribution(String v) {
                trafficDistribution = v;
                return this;
            }

            public ServiceSpec build() {
                return new ServiceSpec(ports, selector, clusterIP, clusterIPs, type, externalIPs, sessionAffinity,
                        loadBalancerIP, loadBalancerSourceRanges, externalName, externalTrafficPolicy,
                        healthCheckNodePort, publishNotReadyAddresses, sessionAffinityConfig, ipFamilies,
                        ipFamilyPolicy, allocateLoadBalancerNodePorts, loadBalancerClass, internalTrafficPolicy,
                        trafficDistribution);
            }
        }
    }

    /**
     * core/v1 ServicePort ({@code protocol} in {@link Protocol}). {@code port} has no omitempty upstream and is
     * always written; {@code targetPort} is a number or the name of a container port.
     */
    public record ServicePort(String name, String protocol, String appProtocol, int port, IntOrString targetPort,
            Integer nodePort) {

        public ServicePort withProtocol(String newProtocol) {
            return new ServicePort(name, newProtocol, appProtocol, port, targetPort, nodePort);
        }

        public ServicePort withTargetPort(IntOrString newTargetPort) {
            return new ServicePort(name, protocol, appProtocol, port, newTargetPort, nodePort);
        }

        public ServicePort withNodePort(Integer newNodePort) {
            return new ServicePort(name, protocol, appProtocol, port, targetPort, newNodePort);
        }
    }

    /** core/v1 SessionAffinityConfig. */
    public record SessionAffinityConfig(ClientIPConfig clientIP) {
    }

    /** core/v1 ClientIPConfig: how long a client sticks to a backend (default 10800 s, at most a day). */
    public record ClientIPConfig(Integer timeoutSeconds) {

        public static final int DEFAULT_TIMEOUT_SECONDS = 10800;
    }

    /**
     * core/v1 ServiceStatus: the load balancer's addresses, and metav1 conditions. {@code loadBalancer} is never
     * null and is written even when empty ({@code loadBalancer: {}}), as upstream writes it.
     */
    public record ServiceStatus(LoadBalancerStatus loadBalancer, @PatchStrategy(mergeKey = "type") List<Condition> conditions) {

        public ServiceStatus {
            loadBalancer = loadBalancer == null ? new LoadBalancerStatus(null) : loadBalancer;
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }
    }

    /** core/v1 LoadBalancerStatus. */
    public record LoadBalancerStatus(List<LoadBalancerIngress> ingress) {

        public LoadBalancerStatus {
            ingress = ingress == null ? List.of() : List.copyOf(ingress);
        }
    }

    /**
     * core/v1 LoadBalancerIngress: an IP or hostname of the load balancer. {@code ipMode} VIP means traffic
     * arrives with the load balancer's IP as destination; Proxy means the load balancer rewrites it.
     */
    public record LoadBalancerIngress(String ip, String hostname, String ipMode, List<PortStatus> ports) {

        public static final String IP_MODE_VIP = "VIP";
        public static final String IP_MODE_PROXY = "Proxy";

        public LoadBalancerIngress {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }

        public LoadBalancerIngress withIpMode(String newIpMode) {
            return new LoadBalancerIngress(ip, hostname, newIpMode, ports);
        }
    }

    /** core/v1 PortStatus. */
    public record PortStatus(int port, String protocol, String error) {
    }
}
