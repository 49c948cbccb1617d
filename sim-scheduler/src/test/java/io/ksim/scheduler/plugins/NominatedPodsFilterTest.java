package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinity;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.meta.LabelSelector;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The framework's RunFilterPluginsWithNominatedPods with the PreFilter plugins' AddPod (upstream
 * framework/runtime/framework.go addGENominatedPods; interpodaffinity and podtopologyspread updateWithPod):
 * a pod nominated to a node with at least the incoming pod's priority counts in the NodeInfo and in the
 * InterPodAffinity and PodTopologySpread PreFilter state.
 */
class NominatedPodsFilterTest {

    private static final Framework FW = DefaultProfile.build(new DefaultProfile.Context(null, () -> 1, i -> 0,
            p -> null, null), ScoringStrategy.DEFAULT);
    private static final String HOST = "kubernetes.io/hostname";

    private static PodAffinityTerm term(String app) {
        return new PodAffinityTerm(LabelSelector.matchLabels(Map.of("app", app)), null, HOST, null, null, null);
    }

    private static Status filter(Pod incoming, NodeInfo node, List<NodeInfo> all, PodInfo... nominated) {
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(incoming, 10);
        Framework.PreFilterOutcome pre = FW.runPreFilter(state, pi, Snapshot.of(all));
        assertTrue(pre.status().isSuccess(), pre.status().message());
        return FW.runFilterWithNominatedPods(state, pi, node, FW.filtersExcept(pre.skipped()), pre.skipped(),
                List.of(nominated));
    }

    private static PodInfo nominated(String name, String app, int priority) {
        return PodInfo.of(pod(name).label("app", app).build(), priority);
    }

    @Test
    void aNominatedPodCountsForTheIncomingPodsAntiAffinity() {
        Pod web = pod("web").label("app", "web").spec(b -> b.affinity(new Affinity(null, null,
                new PodAntiAffinity(List.of(term("db")), null)))).build();
        NodeInfo n1 = nodeInfo(node("n1").cpu("4").memory("4Gi").build());
        List<NodeInfo> all = List.of(n1);
        assertTrue(filter(web, n1, all).isSuccess());
        Status s = filter(web, n1, all, nominated("db", "db", 10));
        assertEquals(List.of("node(s) didn't match pod anti-affinity rules"), s.reasons());
        assertEquals("InterPodAffinity", s.plugin());
        // a nominated pod of lower priority does not count
        assertTrue(filter(web, n1, all, nominated("db", "db", 9)).isSuccess());
    }

    @Test
    void affinityToANominatedPodAloneIsNotEnough() {
        // the filters run again without the nominated pods: the pod it wants to be with is not there yet
        Pod web = pod("web").label("app", "web").spec(b -> b.affinity(new Affinity(null,
                new PodAffinity(List.of(term("db")), null), null))).build();
        NodeInfo n1 = nodeInfo(node("n1").cpu("4").memory("4Gi").build(), pod("other-db").label("app", "db").build());
        NodeInfo n2 = nodeInfo(node("n2").cpu("4").memory("4Gi").build());
        List<NodeInfo> all = List.of(n1, n2);
        assertTrue(filter(web, n1, all, nominated("db", "db", 20)).isSuccess());
        Status s = filter(web, n2, all, nominated("db", "db", 20));
        assertEquals(List.of("node(s) didn't match pod affinity rules"), s.reasons());
    }

    @Test
    void aNominatedPodCountsInItsSpreadDomain() {
        TopologySpreadConstraint c = new TopologySpreadConstraint(1, HOST, TopologySpreadConstraint.DO_NOT_SCHEDULE,
                LabelSelector.matchLabels(Map.of("app", "web")), null, null, null, null);
        Pod web = pod("web").label("app", "web").spec(b -> b.topologySpreadConstraints(List.of(c))).build();
        NodeInfo n1 = nodeInfo(node("n1").cpu("4").memory("4Gi").build());
        NodeInfo n2 = nodeInfo(node("n2").cpu("4").memory("4Gi").build());
        List<NodeInfo> all = List.of(n1, n2);
        // n1 would hold the nominated replica and this one: skew 2 - 0 > 1
        Status s = filter(web, n1, all, nominated("web-0", "web", 10));
        assertEquals(List.of("node(s) didn't match pod topology spread constraints"), s.reasons());
        assertTrue(filter(web, n2, all).isSuccess());
        // a pod of another namespace or another app does not count
        assertTrue(filter(web, n1, all, PodInfo.of(pod("web-0").namespace("other").label("app", "web").build(), 10))
                .isSuccess());
        assertTrue(filter(web, n1, all, nominated("db-0", "db", 10)).isSuccess());
    }

    @Test
    void theCyclesStateIsLeftAsItWas() {
        Pod web = pod("web").label("app", "web").spec(b -> b.affinity(new Affinity(null, null,
                new PodAntiAffinity(List.of(term("db")), null)))).build();
        NodeInfo n1 = nodeInfo(node("n1").cpu("4").memory("4Gi").build());
        NodeInfo n2 = nodeInfo(node("n2").cpu("4").memory("4Gi").build());
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(web, 10);
        Framework.PreFilterOutcome pre = FW.runPreFilter(state, pi, Snapshot.of(List.of(n1, n2)));
        var active = FW.filtersExcept(pre.skipped());
        assertEquals(false, FW.runFilterWithNominatedPods(state, pi, n1, active, pre.skipped(),
                List.of(nominated("db", "db", 10))).isSuccess());
        // n2, in another hostname domain, is not affected by what was counted for n1
        assertTrue(FW.runFilter(state, pi, n2, active).isSuccess());
        assertTrue(FW.runFilter(state, pi, n1, active).isSuccess());
    }
}
