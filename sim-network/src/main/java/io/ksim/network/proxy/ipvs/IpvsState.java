package io.ksim.network.proxy.ipvs;

import io.ksim.network.proxy.ipvs.VirtualServer.RealServer;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * What kube-proxy programs on a node in ipvs mode: the IPVS table, the addresses of {@code kube-ipvs0}, and
 * the ipsets. {@link #ipvsadm()} prints the table as {@code ipvsadm -Ln} does (ipvsadm.c's formats, including
 * the padded last column); virtual servers are listed by protocol, address and port (the kernel lists them in
 * hash order). {@code lbNoNodeAccess} lists the load-balancer entries ({@code ip,proto:port}) whose source ranges
 * leave the node out, which the ipvs proxier blocks in KUBE-IPVS-OUT-FILTER.
 */
public record IpvsState(List<VirtualServer> virtualServers, List<String> kubeIpvs0Addresses,
        Map<String, SortedSet<String>> ipsets, List<String> lbNoNodeAccess) {

    public IpvsState {
        virtualServers = List.copyOf(virtualServers);
        kubeIpvs0Addresses = List.copyOf(kubeIpvs0Addresses);
        lbNoNodeAccess = List.copyOf(lbNoNodeAccess);
    }

    /** A table without load-balancer entries blocked from the node. */
    public IpvsState(List<VirtualServer> virtualServers, List<String> kubeIpvs0Addresses,
            Map<String, SortedSet<String>> ipsets) {
        this(virtualServers, kubeIpvs0Addresses, ipsets, List.of());
    }

    /** {@code ipvsadm -Ln}. */
    public String ipvsadm() {
        StringBuilder sb = new StringBuilder();
        sb.append("IP Virtual Server version 1.2.1 (size=4096)\n");
        sb.append("Prot LocalAddress:Port Scheduler Flags\n");
        sb.append("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        for (VirtualServer vs : virtualServers) {
            sb.append(String.format("%-4s %s:%d %s", vs.protocol(), vs.address(), vs.port(), vs.scheduler()));
            if (vs.persistentTimeout() > 0) {
                sb.append(" persistent ").append(vs.persistentTimeout());
            }
            sb.append('\n');
            for (RealServer rs : vs.realServers()) {
                sb.append(String.format("  -> %-28s %-7s %-6d %-10d %-10d%n", rs.toString(), "Masq", rs.weight(), 0, 0)
                        .replace(System.lineSeparator(), "\n"));
            }
        }
        return sb.toString();
    }

    /** {@code ip -4 addr show kube-ipvs0}'s address lines: every service IP as a /32. */
    public String kubeIpvs0() {
        StringBuilder sb = new StringBuilder("kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN\n");
        for (String ip : kubeIpvs0Addresses) {
            sb.append("    inet ").append(ip).append("/32 scope global kube-ipvs0\n");
            sb.append("       valid_lft forever preferred_lft forever\n");
        }
        return sb.toString();
    }

    /** The virtual server for an address and port, or null. */
    public VirtualServer find(String protocol, String address, int port) {
        for (VirtualServer vs : virtualServers) {
            if (vs.protocol().equals(protocol) && vs.address().equals(address) && vs.port() == port) {
                return vs;
            }
        }
        return null;
    }
}
