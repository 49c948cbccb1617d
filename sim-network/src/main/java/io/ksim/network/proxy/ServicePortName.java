package io.ksim.network.proxy;

/**
 * A service port as kube-proxy names it (pkg/proxy/types.go ServicePortName.String):
 * {@code <namespace>/<name>} and, for a named port, {@code :<port name>}; e.g. {@code ns1/svc1:p80}.
 */
public record ServicePortName(String namespace, String name, String port, String protocol)
        implements Comparable<ServicePortName> {

    @Override
    public String toString() {
        String base = namespace + "/" + name;
        return port == null || port.isEmpty() ? base : base + ":" + port;
    }

    @Override
    public int compareTo(ServicePortName o) {
        int c = toString().compareTo(o.toString());
        return c != 0 ? c : protocol.compareTo(o.protocol);
    }
}
