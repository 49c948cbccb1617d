package io.ksim.api.core;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;

/**
 * The endpoints of a service (core/v1 Endpoints), named as the service: sets of addresses (ready and not
 * ready) with the ports they serve. The endpoints controller writes them for services with a selector.
 */
public record Endpoints(String apiVersion, String kind, ObjectMeta metadata, List<EndpointSubset> subsets)
        implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Endpoints";

    public Endpoints {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        subsets = subsets == null ? List.of() : List.copyOf(subsets);
    }

    @Override
    public Endpoints withMetadata(ObjectMeta newMetadata) {
        return new Endpoints(apiVersion, kind, newMetadata, subsets);
    }

    public Endpoints withSubsets(List<EndpointSubset> newSubsets) {
        return new Endpoints(apiVersion, kind, metadata, newSubsets);
    }

    /** core/v1 EndpointSubset: every address serves every port of the subset. */
    public record EndpointSubset(List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses,
            List<EndpointPort> ports) {

        public EndpointSubset {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
            notReadyAddresses = notReadyAddresses == null ? List.of() : List.copyOf(notReadyAddresses);
            ports = ports == null ? List.of() : List.copyOf(ports);
        }

        public EndpointSubset withPorts(List<EndpointPort> newPorts) {
            return new EndpointSubset(addresses, notReadyAddresses, newPorts);
        }
    }

    /** core/v1 EndpointAddress: an IP, usually a pod's ({@code targetRef}), on a node. */
    public record EndpointAddress(String ip, String hostname, String nodeName, ObjectReference targetRef) {
    }

    /** core/v1 EndpointPort. {@code port} has no omitempty upstream and is always written. */
    public record EndpointPort(String name, int port, String protocol, String appProtocol) {

        public EndpointPort withProtocol(String newProtocol) {
            return new EndpointPort(name, port, newProtocol, appProtocol);
        }
    }
}
