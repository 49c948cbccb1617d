package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Pod;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Victim selection and node choice, in the manner of upstream
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go (TestSelectNodesForPreemption,
 * TestPickOneNodeForPreemption).
 */
class DefaultPreemptionTest {

    private static final Framework FW = DefaultProfile.build(new DefaultProfile.Context(null, () -> 1, i -> 0,
            p -> null, null), ScoringStrategy.DEFAULT);

    private static PodInfo p(String name, int priority, String cpu, long startSecond) {
        Pod pod = pod(name).container(cpu, "1Mi").build();
        pod = pod.withStatus(pod.status().toBuilder().startTime(Instant.ofEpochSecond(startSecond)).build());
        return PodInfo.of(pod, priority);
    }

    private static NodeInfo n(String name, PodInfo... pods) {
        NodeInfo ni = nodeInfo(node(name).cpu("1").memory("4Gi").build());
        for (PodInfo pi : pods) {
            ni.addPod(pi);
        }
        return ni;
    }

    private static DefaultPreemption.Candidate victims(PodInfo preemptor, NodeInfo node) {
        Object out = DefaultPreemption.selectVictims(FW, preemptor, node, Snapshot.of(List.of(node)));
        return out instanceof DefaultPreemption.Candidate c ? c : null;
    }

    @Test
    void lowerPriorityPodsAreReprievedWhenThePodFitsWithoutThem() {
        PodInfo preemptor = p("high", 100, "500m", 0);
        NodeInfo node = n("n1", p("a", 10, "400m", 1), p("b", 5, "400m", 2), p("c", 1, "100m", 3));
        // removing everything frees 900m; adding back "a" (most important) leaves 600m free, "b" would leave 200m
        DefaultPreemption.Candidate c = victims(preemptor, node);
        assertEquals(List.of("default/b"), c.victims().stream().map(PodInfo::key).toList());
    }

    @Test
    void equalOrHigherPriorityPodsAreNeverVictims() {
        Object out = DefaultPreemption.selectVictims(FW, p("x", 5, "500m", 0), n("n1", p("a", 5, "900m", 1)),
                Snapshot.of(List.of(n("n1", p("a", 5, "900m", 1)))));
        assertEquals(List.of("No preemption victims found for incoming pod"), ((Status) out).reasons());
    }

    @Test
    void notFittingEvenWithoutVictimsReportsTheFilter() {
        NodeInfo node = n("n1", p("a", 1, "100m", 1));
        Object out = DefaultPreemption.selectVictims(FW, p("x", 5, "2", 0), node, Snapshot.of(List.of(node)));
        assertEquals(List.of("Insufficient cpu"), ((Status) out).reasons());
    }

    private static DefaultPreemption.Candidate cand(String node, PodInfo... victims) {
        return new DefaultPreemption.Candidate(node, List.of(victims));
    }

    @Test
    void pickPrefersLowestHighestVictimPriorityThenSumThenCountThenLatestStart() {
        assertEquals("n2", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 0)),
                cand("n2", p("b", 5, "1m", 0), p("c", 5, "1m", 0)))).node());
        assertEquals("n1", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 0), p("b", 1, "1m", 0)),
                cand("n2", p("c", 10, "1m", 0), p("d", 5, "1m", 0)))).node());
        assertEquals("n2", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 0), p("b", 0, "1m", 0)),
                cand("n2", p("c", 10, "1m", 0)))).node());
        assertEquals("n2", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 100)),
                cand("n2", p("b", 10, "1m", 200)))).node());
        assertEquals("n1", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 100)),
                cand("n2", p("b", 10, "1m", 100)))).node());
    }
}
