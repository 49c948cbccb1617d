package io.ksim.scheduler.framework;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * One (hostIP, protocol, hostPort) a pod claims on its node (upstream framework.HostPortInfo). An absent
 * IP is 0.0.0.0 and an absent protocol TCP, as upstream sanitizes them; 0.0.0.0 conflicts with every IP.
 */
public record HostPort(String ip, String protocol, int port) {

    public static final String ANY_IP = "0.0.0.0";

    /** The host ports of {@code pod}'s containers; container ports without a hostPort are skipped. */
    public static List<HostPort> of(Pod pod) {
        List<HostPort> out = new ArrayList<>();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                if (p.hostPort() == null || p.hostPort() <= 0) {
                    continue;
                }
                String ip = p.hostIP() == null || p.hostIP().isEmpty() ? ANY_IP : p.hostIP();
                String protocol = p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
                out.add(new HostPort(ip, protocol, p.hostPort()));
            }
        }
        return out;
    }

    /** Whether the two claims collide (upstream HostPortInfo.CheckConflict). */
    public boolean conflicts(HostPort other) {
        if (port != other.port || !protocol.equals(other.protocol)) {
            return false;
        }
        return ip.equals(ANY_IP) || other.ip.equals(ANY_IP) || ip.equals(other.ip);
    }
}
