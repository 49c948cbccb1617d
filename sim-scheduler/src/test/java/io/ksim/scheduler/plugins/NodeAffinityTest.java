package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static io.ksim.scheduler.plugins.PluginTesting.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Node;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PreferredSchedulingTerm;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases in the manner of upstream pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go. */
class NodeAffinityTest {

    private static NodeSelectorRequirement req(String key, String op, String... values) {
        return new NodeSelectorRequirement(key, op, List.of(values));
    }

    private static Pod requiring(NodeSelectorTerm... terms) {
        Affinity a = new Affinity(new io.ksim.api.core.NodeAffinity(new NodeSelector(List.of(terms)), null), null, null);
        return pod("p").spec(b -> b.affinity(a)).build();
    }

    private static NodeSelectorTerm term(NodeSelectorRequirement... exprs) {
        return new NodeSelectorTerm(List.of(exprs), null);
    }

    private static final Node NODE = node("node-1").label("foo", "bar").label("gpus", "4").build();

    static Stream<Arguments> filter() {
        return Stream.of(
                Arguments.of(requiring(term(req("foo", "In", "bar", "value2"))), true),
                Arguments.of(requiring(term(req("foo", "In", "value1"))), false),
                Arguments.of(requiring(term(req("foo", "NotIn", "value1"))), true),
                Arguments.of(requiring(term(req("kernel", "NotIn", "value1"))), true),
                Arguments.of(requiring(term(req("foo", "Exists"))), true),
                Arguments.of(requiring(term(req("foo", "DoesNotExist"))), false),
                Arguments.of(requiring(term(req("gpus", "Gt", "3"))), true),
                Arguments.of(requiring(term(req("gpus", "Gt", "4"))), false),
                Arguments.of(requiring(term(req("gpus", "Lt", "5"))), true),
                Arguments.of(requiring(term(req("foo", "Gt", "1"))), false),
                // terms are ORed, expressions within a term ANDed; an empty term matches nothing
                Arguments.of(requiring(term(req("foo", "In", "x")), term(req("foo", "Exists"))), true),
                Arguments.of(requiring(term(req("foo", "Exists"), req("gpus", "Lt", "2"))), false),
                Arguments.of(requiring(new NodeSelectorTerm(null, null)), false),
                Arguments.of(requiring(new NodeSelectorTerm(null, List.of(req("metadata.name", "In", "node-1")))), true),
                Arguments.of(requiring(new NodeSelectorTerm(null, List.of(req("metadata.name", "In", "node-2")))), false),
                Arguments.of(pod("p").spec(b -> b.nodeSelector(new java.util.TreeMap<>(Map.of("foo", "bar")))).build(), true),
                Arguments.of(pod("p").spec(b -> b.nodeSelector(new java.util.TreeMap<>(Map.of("foo", "baz")))).build(), false),
                Arguments.of(pod("p").build(), true));
    }

    @ParameterizedTest
    @MethodSource
    void filter(Pod pod, boolean fits) {
        Status s = new NodeAffinity().filter(new CycleState(), PodInfo.of(pod), nodeInfo(NODE));
        assertEquals(fits, s.isSuccess());
        if (!fits) {
            assertEquals(List.of("node(s) didn't match Pod's node affinity/selector"), s.reasons());
        }
    }

    @org.junit.jupiter.api.Test
    void preferredTermsAreSummedAndNormalized() {
        Affinity a = new Affinity(new io.ksim.api.core.NodeAffinity(null, List.of(
                new PreferredSchedulingTerm(2, term(req("foo", "In", "bar"))),
                new PreferredSchedulingTerm(4, term(req("key", "In", "value"))),
                new PreferredSchedulingTerm(5, term(req("az", "In", "az1"))))), null, null);
        Pod p = pod("p").spec(b -> b.affinity(a)).build();
        long[] got = scores(new NodeAffinity(), p, list(
                nodeInfo(node("n1").label("foo", "bar").build()),
                nodeInfo(node("n2").label("key", "value").build()),
                nodeInfo(node("n3").label("foo", "bar").label("key", "value").label("az", "az1").build()),
                nodeInfo(node("n4").build())));
        // raw 2, 4, 11, 0 -> 100 * raw / 11
        assertArrayEquals(new long[] {18, 36, 100, 0}, got);
    }

    private static NodeSelectorTerm fields(NodeSelectorRequirement... fields) {
        return new NodeSelectorTerm(null, List.of(fields));
    }

    private static NodeSelectorRequirement name(String op, String... nodes) {
        return req("metadata.name", op, nodes);
    }

    /** upstream TestNodeAffinity's PreFilter results: the node names pinned, or null for all nodes. */
    static Stream<Arguments> preFilterNodeNames() {
        return Stream.of(
                // "Pod with matchFields using In operator that matches the existing node"
                Arguments.of(requiring(fields(name("In", "node1"))), java.util.Set.of("node1")),
                // "Pod with two terms: matchFields does not match, but matchExpressions matches"
                Arguments.of(requiring(fields(name("In", "node2")), term(req("foo", "In", "bar"))), null),
                // "Pod with one term: matchFields does not match, but matchExpressions matches"
                Arguments.of(requiring(new NodeSelectorTerm(List.of(req("foo", "In", "bar")),
                        List.of(name("In", "node2")))), java.util.Set.of("node2")),
                // "Pod with two terms of node.Name affinity"
                Arguments.of(requiring(fields(name("In", "node1")), fields(name("In", "node2"))),
                        java.util.Set.of("node1", "node2")),
                // requirements of one term are intersected, terms united
                Arguments.of(requiring(fields(name("In", "a", "b"), name("In", "b", "c")), fields(name("In", "d"))),
                        java.util.Set.of("b", "d")),
                // NotIn pins nothing
                Arguments.of(requiring(fields(name("NotIn", "node1"))), null),
                Arguments.of(requiring(term(req("foo", "Exists"))), null),
                Arguments.of(pod("p").spec(b -> b.nodeSelector(new java.util.TreeMap<>(Map.of("foo", "bar")))).build(),
                        null));
    }

    @ParameterizedTest
    @MethodSource
    void preFilterNodeNames(Pod pod, java.util.Set<String> want) {
        NodeAffinity plugin = new NodeAffinity();
        CycleState state = new CycleState();
        Status s = plugin.preFilter(state, PodInfo.of(pod), io.ksim.scheduler.framework.Snapshot.of(List.of()));
        assertEquals(io.ksim.scheduler.framework.Code.SUCCESS, s.code());
        assertEquals(want, plugin.preFilterNodeNames(state));
    }

    @org.junit.jupiter.api.Test
    void conflictingNameRequirementsAreUnresolvableAtPreFilter() {
        // upstream "Pod with two conflicting mach field requirements"
        Status s = new NodeAffinity().preFilter(new CycleState(),
                PodInfo.of(requiring(fields(name("In", "node1"), name("In", "node2")))),
                io.ksim.scheduler.framework.Snapshot.of(List.of()));
        assertEquals(io.ksim.scheduler.framework.Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
        assertEquals(List.of("pod affinity terms conflict"), s.reasons());
    }

    @org.junit.jupiter.api.Test
    void aPodWithoutNodeConstraintsIsSkipped() {
        assertEquals(io.ksim.scheduler.framework.Code.SKIP, new NodeAffinity().preFilter(new CycleState(),
                PodInfo.of(pod("p").build()), io.ksim.scheduler.framework.Snapshot.of(List.of())).code());
    }
}
