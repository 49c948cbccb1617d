package io.ksim.network.walk;

/** One node's kube-proxy data path, as a packet walk: iptables rules or the IPVS table. */
public interface PacketWalker {

    WalkResult walk(Packet packet);
}
