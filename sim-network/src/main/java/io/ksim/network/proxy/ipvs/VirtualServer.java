package io.ksim.network.proxy.ipvs;

import java.util.List;

/**
 * An IPVS virtual server: protocol, address and port, scheduler, persistence timeout (0 = none, ClientIP
 * affinity sets it) and its real servers (Masq forwarding, weight 1 as kube-proxy sets them).
 */
public record VirtualServer(String protocol, String address, int port, String scheduler, int persistentTimeout,
        List<RealServer> realServers) {

    public VirtualServer {
        realServers = List.copyOf(realServers);
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
