package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * A hostNetwork pod lives in its node's network namespace: whatever mix of hostNetwork and ordinary pods a
 * node starts, each hostNetwork pod's podIP is the node's InternalIP and the ordinary pods take the pod
 * CIDR's addresses from .2 in the order they started, as if the hostNetwork pods were not there.
 */
class HostNetworkPodIPProperties {

    @Property(tries = 25)
    void hostNetworkPodsTakeTheNodeIPAndNoCidrAddress(@ForAll @Size(min = 1, max = 12) List<Boolean> hostNetwork,
            @ForAll long seed) {
        TestCluster cluster = new TestCluster(seed);
        for (int i = 0; i < hostNetwork.size(); i++) {
            if (hostNetwork.get(i)) {
                cluster.createHostNetworkPod("p-" + i, "node-2", "nginx:1.25");
            } else {
                cluster.createPod("p-" + i, "node-2", "nginx:1.25", null);
            }
            cluster.runUntil(0.1 * (i + 1)); // one pod after the other: the allocation order is the start order
        }
        cluster.runUntil(3);
        int next = 2;
        for (int i = 0; i < hostNetwork.size(); i++) {
            String ip = cluster.pod("p-" + i).status().podIP();
            assertEquals(hostNetwork.get(i) ? "172.18.0.3" : "10.244.2." + next++, ip, "p-" + i + " of " + hostNetwork);
            assertEquals("172.18.0.3", cluster.pod("p-" + i).status().hostIP());
        }
    }
}
