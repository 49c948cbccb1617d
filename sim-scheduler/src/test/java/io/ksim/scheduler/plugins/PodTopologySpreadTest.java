package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Pod;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.meta.LabelSelector;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cases in the manner of upstream pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go and
 * scoring_test.go ("pod-a" in four nodes over two zones).
 */
class PodTopologySpreadTest {

    private static final String ZONE = "zone";
    private static final String NODE = "node";

    private static Pod spreading(String when, Integer minDomains, String... keysAndSkews) {
        List<TopologySpreadConstraint> cs = new ArrayList<>();
        for (int i = 0; i < keysAndSkews.length; i += 2) {
            cs.add(new TopologySpreadConstraint(Integer.parseInt(keysAndSkews[i + 1]), keysAndSkews[i], when,
                    LabelSelector.matchLabels(Map.of("foo", "")), minDomains, null, null, null));
        }
        return pod("p").label("foo", "").spec(b -> b.topologySpreadConstraints(cs)).build();
    }

    private static Pod foo(String name) {
        return pod(name).label("foo", "").build();
    }

    /** zone1: node-a (foo x2), node-b (foo x1); zone2: node-x (none), node-y (foo x3). */
    private static List<NodeInfo> cluster() {
        return list(
                nodeInfo(node("node-a").label(ZONE, "zone1").label(NODE, "node-a").build(), foo("a1"), foo("a2")),
                nodeInfo(node("node-b").label(ZONE, "zone1").label(NODE, "node-b").build(), foo("b1")),
                nodeInfo(node("node-x").label(ZONE, "zone2").label(NODE, "node-x").build()),
                nodeInfo(node("node-y").label(ZONE, "zone2").label(NODE, "node-y").build(), foo("y1"), foo("y2"), foo("y3")));
    }

    private static List<Boolean> fits(Pod pod, List<NodeInfo> nodes) {
        PodTopologySpread pl = new PodTopologySpread(p -> null);
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(pod);
        pl.preFilter(state, pi, Snapshot.of(nodes));
        List<Boolean> out = new ArrayList<>();
        for (NodeInfo n : nodes) {
            out.add(pl.filter(state, pi, n).isSuccess());
        }
        return out;
    }

    @Test
    void zoneSkewOne() {
        // zone1 has 3, zone2 has 3: min 3; placing in either gives skew 1
        assertEquals(List.of(true, true, true, true), fits(spreading("DoNotSchedule", null, ZONE, "1"), cluster()));
    }

    @Test
    void nodeSkewOne() {
        // per node 2, 1, 0, 3: min 0; only node-x keeps skew <= 1
        assertEquals(List.of(false, false, true, false), fits(spreading("DoNotSchedule", null, NODE, "1"), cluster()));
    }

    @Test
    void twoConstraintsMustBothHold() {
        assertEquals(List.of(false, false, true, false),
                fits(spreading("DoNotSchedule", null, ZONE, "1", NODE, "1"), cluster()));
    }

    @Test
    void minDomainsTreatsTheGlobalMinimumAsZero() {
        // 2 zones < minDomains 3: min counts as 0, so zone skew = 3 + 1 > 2 everywhere
        assertEquals(List.of(false, false, false, false), fits(spreading("DoNotSchedule", 3, ZONE, "2"), cluster()));
    }

    @Test
    void nodeWithoutTheKeyIsUnresolvable() {
        List<NodeInfo> nodes = cluster();
        nodes.add(nodeInfo(node("bare").build()));
        PodTopologySpread pl = new PodTopologySpread(p -> null);
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(spreading("DoNotSchedule", null, ZONE, "1"));
        pl.preFilter(state, pi, Snapshot.of(nodes));
        Status s = pl.filter(state, pi, nodes.get(4));
        assertEquals(List.of("node(s) didn't match pod topology spread constraints (missing required label)"), s.reasons());
        PodInfo skewed = PodInfo.of(spreading("DoNotSchedule", null, NODE, "1"));
        pl.preFilter(state, skewed, Snapshot.of(cluster()));
        assertEquals(List.of("node(s) didn't match pod topology spread constraints"),
                pl.filter(state, skewed, cluster().get(0)).reasons());
    }

    @Test
    void scoreFavoursEmptierDomains() {
        List<NodeInfo> nodes = cluster();
        long[] got = PluginTesting.scores(new PodTopologySpread(p -> null), spreading("ScheduleAnyway", null, NODE, "1"),
                nodes);
        // per-node counts 2, 1, 0, 3 times log(4 + 2) = 1.79: raw 4, 2, 0, 5; 100 * (5 + 0 - s) / 5
        assertArrayEquals(new long[] {20, 60, 100, 0}, got);
    }

    @Test
    void systemDefaultsSpreadPodsOfAWorkloadOverHostsAndZones() {
        String host = "kubernetes.io/hostname";
        String zone = "topology.kubernetes.io/zone";
        io.ksim.api.selector.LabelSelector rs = io.ksim.api.selector.LabelSelector.fromSet(Map.of("app", "web"));
        List<NodeInfo> nodes = list(
                nodeInfo(node("n1").zone("a").build(), pod("w1").label("app", "web").build(),
                        pod("w2").label("app", "web").build()),
                nodeInfo(node("n2").zone("a").build()),
                nodeInfo(node("n3").zone("b").build()));
        Pod incoming = pod("w3").label("app", "web").build();
        long[] got = PluginTesting.scores(new PodTopologySpread(p -> rs), incoming, nodes);
        // hostname (maxSkew 3, 3 hosts: log 5) and zone (maxSkew 5, 2 zones: log 4):
        // n1 = 2*1.609 + 2 + 2*1.386 + 4 = 12, n2 = 2 + 2.773 + 4 = 9, n3 = 2 + 4 = 6; 100 * (12 + 6 - s) / 12
        assertArrayEquals(new long[] {50, 75, 100}, got);
        // a pod that belongs to no workload gets no default spreading
        assertEquals(null, PluginTesting.scores(new PodTopologySpread(p -> io.ksim.api.selector.LabelSelector.fromSet(Map.of())),
                incoming, nodes));
        assertEquals(host, io.ksim.api.core.WellKnownLabels.HOSTNAME);
        assertEquals(zone, io.ksim.api.core.WellKnownLabels.TOPOLOGY_ZONE);
    }

    @Test
    void rememberedCountsFollowPodsAddedAndRemoved() {
        PodTopologySpread pl = new PodTopologySpread(p -> null);
        List<NodeInfo> nodes = cluster();
        PodInfo pi = PodInfo.of(spreading("DoNotSchedule", null, NODE, "1"));
        List<Boolean> before = new ArrayList<>();
        CycleState state = new CycleState();
        pl.preFilter(state, pi, Snapshot.of(nodes));
        for (NodeInfo n : nodes) {
            before.add(pl.filter(state, pi, n).isSuccess());
        }
        assertEquals(List.of(false, false, true, false), before);
        // two more matching pods on node-x: now node-b (1) is the emptiest with the global minimum 1
        nodes.get(2).addPod(PodInfo.of(foo("x1")));
        nodes.get(2).addPod(PodInfo.of(foo("x2")));
        nodes.get(0).removePod("default/a1");
        state = new CycleState();
        pl.preFilter(state, pi, Snapshot.of(nodes));
        List<Boolean> after = new ArrayList<>();
        for (NodeInfo n : nodes) {
            after.add(pl.filter(state, pi, n).isSuccess());
        }
        // counts 1, 1, 2, 3: min 1, skew = count + 1 - 1 <= 1 on node-a and node-b
        assertEquals(List.of(true, true, false, false), after);
    }
}
