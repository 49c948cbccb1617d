package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static io.ksim.scheduler.plugins.PluginTesting.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinity;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.WeightedPodAffinityTerm;
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
 * Cases in the manner of upstream pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go and
 * scoring_test.go.
 */
class InterPodAffinityTest {

    static PodAffinityTerm term(String key, String value, String topologyKey) {
        return new PodAffinityTerm(LabelSelector.matchLabels(Map.of(key, value)), null, topologyKey, null, null, null);
    }

    static Pod withAffinity(String name, Map<String, String> labels, List<PodAffinityTerm> affinity,
            List<PodAffinityTerm> anti) {
        Affinity a = new Affinity(null, affinity.isEmpty() ? null : new PodAffinity(affinity, null),
                anti.isEmpty() ? null : new PodAntiAffinity(anti, null));
        var b = pod(name).spec(s -> s.affinity(a));
        labels.forEach(b::label);
        return b.build();
    }

    private static List<Status> filterAll(Pod incoming, List<NodeInfo> nodes) {
        InterPodAffinity pl = new InterPodAffinity();
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(incoming);
        Status pre = pl.preFilter(state, pi, Snapshot.of(nodes));
        List<Status> out = new ArrayList<>();
        for (NodeInfo n : nodes) {
            out.add(pre.isSkip() ? Status.SUCCESS : pl.filter(state, pi, n));
        }
        return out;
    }

    private static final String ZONE = "topology.kubernetes.io/zone";

    @Test
    void requiredAffinityNeedsAMatchingPodInTheDomain() {
        Pod incoming = withAffinity("in", Map.of(), List.of(term("service", "securityscan", ZONE)), List.of());
        Pod existing = pod("e").label("service", "securityscan").build();
        List<NodeInfo> nodes = list(nodeInfo(node("n1").zone("a").build(), existing),
                nodeInfo(node("n2").zone("a").build()), nodeInfo(node("n3").zone("b").build()),
                nodeInfo(node("n4").build()));
        List<Status> got = filterAll(incoming, nodes);
        assertEquals(true, got.get(0).isSuccess());
        assertEquals(true, got.get(1).isSuccess(), "same zone as the matching pod");
        assertEquals(List.of("node(s) didn't match pod affinity rules"), got.get(2).reasons());
        assertEquals(io.ksim.scheduler.framework.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, got.get(2).code());
        assertEquals(false, got.get(3).isSuccess(), "node without the topology key");
    }

    @Test
    void firstPodOfASelfSelectingGroupMayGoAnywhereWithTheKey() {
        Pod incoming = withAffinity("in", Map.of("app", "db"), List.of(term("app", "db", ZONE)), List.of());
        List<Status> got = filterAll(incoming, list(nodeInfo(node("n1").zone("a").build()), nodeInfo(node("n2").build())));
        assertEquals(true, got.get(0).isSuccess());
        assertEquals(false, got.get(1).isSuccess());
    }

    @Test
    void requiredAntiAffinityBothWays() {
        String host = "kubernetes.io/hostname";
        Pod incoming = withAffinity("in", Map.of("app", "web"), List.of(), List.of(term("app", "web", host)));
        Pod sameApp = pod("w").label("app", "web").build();
        Pod guard = withAffinity("g", Map.of("app", "guard"), List.of(), List.of(term("app", "web", host)));
        List<Status> got = filterAll(incoming, list(nodeInfo(node("n1").build(), sameApp),
                nodeInfo(node("n2").build(), guard), nodeInfo(node("n3").build())));
        assertEquals(List.of("node(s) didn't match pod anti-affinity rules"), got.get(0).reasons());
        assertEquals(List.of("node(s) didn't satisfy existing pods anti-affinity rules"), got.get(1).reasons());
        assertEquals(true, got.get(2).isSuccess());
        // an incoming pod with no terms is still kept away from the guard
        List<Status> plain = filterAll(pod("plain").label("app", "web").build(),
                list(nodeInfo(node("n2").build(), guard), nodeInfo(node("n3").build())));
        assertEquals(false, plain.get(0).isSuccess());
        assertEquals(true, plain.get(1).isSuccess());
    }

    @Test
    void namespacesDefaultToThePodsOwn() {
        Pod incoming = withAffinity("in", Map.of(), List.of(), List.of(term("app", "web", "kubernetes.io/hostname")));
        Pod otherNs = pod("w").namespace("other").label("app", "web").build();
        assertEquals(true, filterAll(incoming, list(nodeInfo(node("n1").build(), otherNs))).get(0).isSuccess());
    }

    @Test
    void preferredTermsScoreByTopologyAndNormalizeFromZero() {
        String zone = ZONE;
        Affinity a = new Affinity(null,
                new PodAffinity(null, List.of(new WeightedPodAffinityTerm(5, term("security", "S1", zone)))),
                new PodAntiAffinity(null, List.of(new WeightedPodAffinityTerm(3, term("security", "S2", zone)))));
        Pod incoming = pod("in").spec(s -> s.affinity(a)).build();
        List<NodeInfo> nodes = list(
                nodeInfo(node("n1").zone("a").build(), pod("x").label("security", "S1").build()),
                nodeInfo(node("n2").zone("a").build()),
                nodeInfo(node("n3").zone("b").build(), pod("y").label("security", "S2").build()),
                nodeInfo(node("n4").zone("c").build()));
        // raw: zone a +5, zone b -3, zone c 0 -> min -3, max 5: 100*(s+3)/8
        assertArrayEquals(new long[] {100, 100, 0, 37}, scores(new InterPodAffinity(), incoming, nodes));
    }

    @Test
    void existingPodsRequiredAffinityAttractsWithHardWeight() {
        Pod existing = withAffinity("e", Map.of(), List.of(term("app", "web", "kubernetes.io/hostname")), List.of());
        Pod incoming = pod("in").label("app", "web").build();
        long[] got = scores(new InterPodAffinity(), incoming,
                list(nodeInfo(node("n1").build(), existing), nodeInfo(node("n2").build())));
        assertArrayEquals(new long[] {100, 0}, got);
    }
    private static Pod preferring(int weight, boolean anti) {
        List<WeightedPodAffinityTerm> terms = List.of(new WeightedPodAffinityTerm(weight, term("app", "db", ZONE)));
        Affinity a = new Affinity(null, anti ? null : new PodAffinity(null, terms), anti ? new PodAntiAffinity(null, terms)
                : null);
        return pod("in").spec(s -> s.affinity(a)).build();
    }

    /** {@code counts[i]} pods labelled app=db on node n{i}, each node in its own zone. */
    private static List<NodeInfo> zonesWithDbPods(int... counts) {
        List<NodeInfo> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            List<Pod> pods = new ArrayList<>();
            for (int j = 0; j < counts[i]; j++) {
                pods.add(pod("db-" + i + "-" + j).label("app", "db").build());
            }
            out.add(nodeInfo(node("n" + i).zone("z" + i).build(), pods.toArray(Pod[]::new)));
        }
        return out;
    }

    /** upstream scoring.go starts min at MaxInt64 and max at MinInt64: raw {5, 10} spans 0..100, not 50..100. */
    @Test
    void normalizeSpansTheLowestToTheHighestPositiveScore() {
        assertArrayEquals(new long[] {0, 100}, scores(new InterPodAffinity(), preferring(5, false), zonesWithDbPods(1, 2)));
    }

    /** raw {-3, -1} spans 0..100 too (a zero start for max would give 0 and 66). */
    @Test
    void normalizeSpansTheLowestToTheHighestNegativeScore() {
        assertArrayEquals(new long[] {0, 100}, scores(new InterPodAffinity(), preferring(1, true), zonesWithDbPods(3, 1)));
    }

    /** max == min: every node gets 0, as upstream does when maxMinDiff is 0 (not 100). */
    @Test
    void equalRawScoresNormalizeToZero() {
        assertArrayEquals(new long[] {0, 0}, scores(new InterPodAffinity(), preferring(4, false), zonesWithDbPods(1, 1)));
    }
}
