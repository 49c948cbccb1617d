package io.ksim.network.proxy.ipvs;

import java.util.List;

/**
 * An IPVS virtual server: protocol, address and port, scheduler, persistence timeout (0 = none, ClientIP
 * affinity sets it) and its real servers (Masq forwarding, weight 1 as kube-proxy sets them).
 * {@code preservesSource} is true for external destinations of a Local-policy Service, whose traffic kube-proxy
 * does not masquerade.
 */
public record VirtualServer(String protocol, String address, int port, String scheduler, int persistentTimeout,
        List<RealServer> realServers, boolean preservesSource) {

    public VirtualServer {
        realServers = List.copyOf(realServers);
    }

    public VirtualServer(String protocol, String address, int port, String scheduler, int persistentTimeout,
            List<RealServer> realServers) {
        this(protocol, address, port, scheduler, persistentTimeout, realServers, false);
    }

    /** A real server behind a virtual server. */
    public record RealServer(String address, int port, int weight) {

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    @Override
    public String toString() {
        return protocol + " " + address + ":" + port;
    }
}
