package io.ksim.api.discovery;

/**
 * The API server's defaulting of discovery.k8s.io/v1 objects (upstream pkg/apis/discovery/v1/defaults.go,
 * applied to every port of a slice by the generated object defaulter): a port's name defaults to "" and its
 * protocol to TCP. Returns defaulted copies; idempotent.
 */
public final class DiscoveryDefaults {

    private DiscoveryDefaults() {
    }

    public static EndpointSlice endpointSlice(EndpointSlice slice) {
        return slice.withPorts(slice.ports().stream().map(DiscoveryDefaults::endpointPort).toList());
    }

    public static EndpointPort endpointPort(EndpointPort port) {
        return new EndpointPort(port.name() == null ? "" : port.name(),
                port.protocol() == null ? EndpointPort.TCP : port.protocol(), port.port(), port.appProtocol());
    }
}
