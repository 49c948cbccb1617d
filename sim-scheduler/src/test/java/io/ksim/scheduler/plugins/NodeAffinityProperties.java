package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.Pod;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * NodeAffinity's PreFilterResult over random required terms (metadata.name In / NotIn fields and label
 * expressions over four nodes): the node names PreFilter returns never leave out a node the Filter accepts,
 * and terms PreFilter finds conflicting are accepted by no node.
 */
class NodeAffinityProperties {

    private static final List<String> NAMES = List.of("n1", "n2", "n3", "n4");

    private static List<String> someNames(SplittableRandom r) {
        List<String> out = new ArrayList<>();
        for (String n : NAMES) {
            if (r.nextInt(3) == 0) {
                out.add(n);
            }
        }
        return out.isEmpty() ? List.of(NAMES.get(r.nextInt(NAMES.size()))) : out;
    }

    private static Pod randomPod(SplittableRandom r) {
        List<NodeSelectorTerm> terms = new ArrayList<>();
        int numTerms = 1 + r.nextInt(3);
        for (int t = 0; t < numTerms; t++) {
            List<NodeSelectorRequirement> fields = new ArrayList<>();
            List<NodeSelectorRequirement> exprs = new ArrayList<>();
            int numFields = r.nextInt(3);
            for (int f = 0; f < numFields; f++) {
                fields.add(new NodeSelectorRequirement("metadata.name", r.nextInt(4) == 0 ? "NotIn" : "In",
                        someNames(r)));
            }
            if (r.nextBoolean()) {
                exprs.add(new NodeSelectorRequirement("disk", "In", List.of(r.nextBoolean() ? "ssd" : "hdd")));
            }
            terms.add(new NodeSelectorTerm(exprs, fields));
        }
        Affinity a = new Affinity(new io.ksim.api.core.NodeAffinity(new NodeSelector(terms), null), null, null);
        return pod("p").spec(b -> b.affinity(a)).build();
    }

    @Property(tries = 300)
    void preFilterNeverLeavesOutANodeTheFilterAccepts(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<NodeInfo> nodes = new ArrayList<>();
        for (String n : NAMES) {
            nodes.add(nodeInfo(node(n).label("disk", r.nextBoolean() ? "ssd" : "hdd").build()));
        }
        PodInfo pi = PodInfo.of(randomPod(r));
        NodeAffinity plugin = new NodeAffinity();
        CycleState state = new CycleState();
        Status pre = plugin.preFilter(state, pi, Snapshot.of(nodes));
        for (NodeInfo n : nodes) {
            boolean accepted = plugin.filter(state, pi, n).isSuccess();
            if (!pre.isSuccess()) {
                assertFalse(accepted, n.name() + " accepted although PreFilter found the terms conflicting: " + pi.pod());
                continue;
            }
            Set<String> names = plugin.preFilterNodeNames(state);
            if (accepted) {
                assertTrue(names == null || names.contains(n.name()), n.name() + " left out by " + names + ": " + pi.pod());
            }
        }
    }
}
