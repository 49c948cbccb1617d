package io.ksim.network.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import io.ksim.network.proxy.ipvs.IpvsConfig;
import io.ksim.network.proxy.ipvs.IpvsProxier;
import io.ksim.network.proxy.ipvs.IpvsProxierTest;
import io.ksim.network.proxy.ipvs.IpvsState;
import io.ksim.network.walk.WalkResult.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Walks through the IPVS table of IpvsProxierTest's small cluster, one per scheduler. */
class IpvsWalkerTest {

    private final Kernel kernel = Kernel.builder().seed(1).build();

    private IpvsWalker walker(String scheduler) {
        IpvsState state = new IpvsProxier(new IpvsConfig("node-1", List.of("172.18.0.3"), scheduler))
                .sync(IpvsProxierTest.cluster());
        return new IpvsWalker(state, "172.18.0.3", "10.244.0.0/16", kernel);
    }

    @Test
    void roundRobinAlternatesAndIsOneLookup() {
        IpvsWalker w = walker("rr");
        List<String> backends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WalkResult r = w.walk(new Packet("10.244.1.9", "10.96.0.10", 53, "UDP", false));
            assertEquals(1, r.rulesEvaluated());
            assertEquals("10.244.1.9", r.sourceSeenByBackend());
            backends.add(r.backend());
        }
        assertEquals(List.of("10.244.0.2:53", "10.244.0.3:53", "10.244.0.2:53", "10.244.0.3:53"), backends);
    }

    @Test
    void sourceHashingKeepsAClientOnOneServer() {
        IpvsWalker w = walker("sh");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            seen.add(w.walk(new Packet("10.244.1.9", "10.96.0.10", 53, "UDP", false)).backend());
        }
        assertEquals(1, seen.size());
        Set<String> clients = new HashSet<>();
        for (int c = 1; c < 60; c++) {
            clients.add(w.walk(new Packet("10.244.1." + c, "10.96.0.10", 53, "UDP", false)).backend());
        }
        assertEquals(2, clients.size(), "different clients hash to both servers");
    }

    @Test
    void leastConnectionSpreadsNewConnections() {
        IpvsWalker w = walker("lc");
        String a = w.walk(new Packet("10.244.1.9", "10.96.0.10", 53, "TCP", false)).backend();
        String b = w.walk(new Packet("10.244.1.10", "10.96.0.10", 53, "TCP", false)).backend();
        assertTrue(!a.equals(b));
    }

    @Test
    void persistenceNodePortPolicyAndMissingServices() {
        IpvsWalker w = walker("rr");
        String first = w.walk(Packet.tcp("10.244.1.9", "10.104.0.189", 80)).backend();
        assertEquals(first, w.walk(Packet.tcp("10.244.1.9", "10.104.0.189", 80)).backend());
        WalkResult local = w.walk(Packet.tcp("203.0.113.7", "172.18.0.3", 30080));
        assertEquals("10.244.1.5:80", local.backend(), "Local policy: only this node's endpoint");
        assertEquals("203.0.113.7", local.sourceSeenByBackend());
        WalkResult external = w.walk(Packet.tcp("203.0.113.7", "10.96.0.1", 443));
        assertEquals("172.18.0.3", external.sourceSeenByBackend(), "masqueraded from outside the cluster CIDR");
        assertEquals(Outcome.NOT_INTERCEPTED, w.walk(Packet.tcp("10.244.1.9", "10.96.7.7", 80)).outcome());
    }
}
