package io.ksim.network.walk;

/**
 * A new connection's first packet as a node sees it: source and destination, protocol, and whether it comes
 * from the node itself (a hostNetwork process: iptables' {@code --src-type LOCAL}) rather than from a pod or
 * another machine.
 */
public record Packet(String srcIP, String dstIP, int dstPort, String protocol, boolean fromHost) {

    public static Packet tcp(String srcIP, String dstIP, int dstPort) {
        return new Packet(srcIP, dstIP, dstPort, "TCP", false);
    }
}
