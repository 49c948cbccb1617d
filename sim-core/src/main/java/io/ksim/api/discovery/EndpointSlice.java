package io.ksim.api.discovery;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/**
 * A slice of the endpoints of a service (discovery.k8s.io/v1 EndpointSlice): up to 100 endpoints of one
 * address type, and the ports they all serve. The EndpointSlice controller writes them for services with
 * a selector and labels them with {@link #LABEL_SERVICE_NAME} and {@link #LABEL_MANAGED_BY}.
 */
public record EndpointSlice(String apiVersion, String kind, ObjectMeta metadata, String addressType,
        List<Endpoint> endpoints, List<EndpointPort> ports) implements KubeObject {

    public static final String API_VERSION = "discovery.k8s.io/v1";
    public static final String KIND = "EndpointSlice";

    public static final String ADDRESS_TYPE_IPV4 = "IPv4";
    public static final String ADDRESS_TYPE_IPV6 = "IPv6";
    public static final String ADDRESS_TYPE_FQDN = "FQDN";

    /** The label naming the service of a slice. */
    public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";
    /** The label naming the controller that manages a slice. */
    public static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    /** The value of {@link #LABEL_MANAGED_BY} for the built-in controller. */
    public static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";

    public EndpointSlice {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public EndpointSlice(ObjectMeta metadata, String addressType, List<Endpoint> endpoints, List<EndpointPort> ports) {
        this(null, null, metadata, addressType, endpoints, ports);
    }

    @Override
    public EndpointSlice withMetadata(ObjectMeta newMetadata) {
        return new EndpointSlice(apiVersion, kind, newMetadata, addressType, endpoints, ports);
    }

    public EndpointSlice withEndpoints(List<Endpoint> newEndpoints) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, newEndpoints, ports);
    }

    public EndpointSlice withPorts(List<EndpointPort> newPorts) {
        return new EndpointSlice(apiVersion, kind, metadata, addressType, endpoints, newPorts);
    }
}
