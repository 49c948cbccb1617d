package io.ksim.api.networking;

import io.ksim.api.core.Service.LoadBalancerIngress;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/**
 * HTTP routing into the cluster (networking.k8s.io/v1 Ingress): rules by host and path to Service backends,
 * with an optional default backend. An ingress controller implements it; the API server only stores it.
 */
public record Ingress(String apiVersion, String kind, ObjectMeta metadata, IngressSpec spec, IngressStatus status)
        implements KubeObject {

    public static final String API_VERSION = "networking.k8s.io/v1";
    public static final String KIND = "Ingress";
    public static final String PATH_TYPE_EXACT = "Exact";
    public static final String PATH_TYPE_PREFIX = "Prefix";
    public static final String PATH_TYPE_IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

    public Ingress {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new IngressSpec(null, null, null, null) : spec;
        status = status == null ? new IngressStatus(null) : status;
    }

    @Override
    public Ingress withMetadata(ObjectMeta newMetadata) {
        return new Ingress(apiVersion, kind, newMetadata, spec, status);
    }

    /** networking/v1 IngressSpec. */
    public record IngressSpec(String ingressClassName, IngressBackend defaultBackend, List<IngressTLS> tls,
            List<IngressRule> rules) {

        public IngressSpec {
            tls = tls == null ? List.of() : List.copyOf(tls);
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /** A host (exact or {@code *.} wildcard; empty for all hosts) and its paths. */
    public record IngressRule(String host, HTTPIngressRuleValue http) {
    }

    /** The paths of a rule. */
    public record HTTPIngressRuleValue(List<HTTPIngressPath> paths) {

        public HTTPIngressRuleValue {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }

    /** A path, how it matches (Exact, Prefix, ImplementationSpecific) and where it goes. */
    public record HTTPIngressPath(String path, String pathType, IngressBackend backend) {
    }

    /** A Service backend (a typed resource backend is kept for round trips only). */
    public record IngressBackend(IngressServiceBackend service, io.ksim.api.core.TypedLocalObjectReference resource) {
    }

    /** A Service and its port, by name or number. */
    public record IngressServiceBackend(String name, ServiceBackendPort port) {
    }

    /** A Service port by name or number. */
    public record ServiceBackendPort(String name, Integer number) {
    }

    /** TLS hosts and their secret. */
    public record IngressTLS(List<String> hosts, String secretName) {

        public IngressTLS {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /** networking/v1 IngressStatus. */
    public record IngressStatus(IngressLoadBalancerStatus loadBalancer) {

        public IngressStatus {
            loadBalancer = loadBalancer == null ? new IngressLoadBalancerStatus(null) : loadBalancer;
        }
    }

    /** The addresses the controller publishes. */
    public record IngressLoadBalancerStatus(List<LoadBalancerIngress> ingress) {

        public IngressLoadBalancerStatus {
            ingress = ingress == null ? List.of() : List.copyOf(ingress);
        }
    }
}
