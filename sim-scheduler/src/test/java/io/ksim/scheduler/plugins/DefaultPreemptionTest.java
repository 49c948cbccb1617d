package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Pod;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.scheduler.TestObjects;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Victim selection and node choice, in the manner of upstream
 * pkg/scheduler/framework/plugins/defaultpreemption/default_preemption_test.go (TestSelectNodesForPreemption,
 * TestDryRunPreemption's PodDisruptionBudget cases, TestPickOneNodeForPreemption).
 */
class DefaultPreemptionTest {

    private static final Framework FW = DefaultProfile.build(new DefaultProfile.Context(null, () -> 1, i -> 0,
            p -> null, null), ScoringStrategy.DEFAULT);

    private static PodInfo p(String name, int priority, String cpu, long startSecond) {
        return p(name, Map.of(), priority, cpu, startSecond);
    }

    private static PodInfo p(String name, Map<String, String> labels, int priority, String cpu, long startSecond) {
        TestObjects.PodBuilder b = pod(name);
        labels.forEach(b::label);
        Pod pod = b.container(cpu, "1Mi").build();
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

    /** A pod its kubelet has not started yet (no status.startTime), created at {@code createdSecond}. */
    private static PodInfo notStarted(String name, int priority, long createdSecond) {
        Pod pod = pod(name).container("1m", "1Mi").build();
        pod = pod.withMetadata(pod.metadata().toBuilder().creationTimestamp(Instant.ofEpochSecond(createdSecond)).build());
        return PodInfo.of(pod.withStatus(pod.status().toBuilder().startTime(null).build()), priority);
    }

    /** util.GetPodStartTime: no status.startTime means now, so such a pod is the least important of its priority. */
    @Test
    void aPodNotYetStartedIsLessImportantThanAStartedOneOfItsPriority() {
        List<PodInfo> pods = new java.util.ArrayList<>(List.of(notStarted("early-created", 5, 0), p("started", 5, "1m",
                100), p("low", 1, "1m", 0)));
        pods.sort(DefaultPreemption.MORE_IMPORTANT);
        assertEquals(List.of("started", "early-created", "low"), pods.stream().map(x -> x.pod().metadata().name()).toList());
    }

    /** pickOneNodeForPreemption's "latest start time": a most important victim not yet started counts as now. */
    @Test
    void pickPrefersTheCandidateWhoseMostImportantVictimHasNotStarted() {
        assertEquals("n2", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 50)),
                cand("n2", notStarted("b", 10, 0)))).node());
        // among its most important victims the earliest start counts: a started one beats "now"
        assertEquals("n2", DefaultPreemption.pick(List.of(cand("n1", p("a", 10, "1m", 50), notStarted("b", 10, 0)),
                cand("n2", p("c", 10, "1m", 60), notStarted("d", 10, 0)))).node());
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

    // ---- PodDisruptionBudgets -------------------------------------------------------------------------

    private static final Map<String, String> FOO = Map.of("app", "foo");

    private static PodDisruptionBudget pdb(String namespace, LabelSelector selector, int allowed, String... disrupted) {
        TreeMap<String, Instant> d = new TreeMap<>();
        for (String name : disrupted) {
            d.put(name, Instant.EPOCH);
        }
        return new PodDisruptionBudget(ObjectMeta.of(namespace, "pdb"),
                new PodDisruptionBudget.PodDisruptionBudgetSpec(null, selector, null, null))
                .withStatus(new PodDisruptionBudget.PodDisruptionBudgetStatus(null, d, allowed, 0, 0, 0, null));
    }

    private static PodDisruptionBudget fooPdb(int allowed, String... disrupted) {
        return pdb("default", LabelSelector.matchLabels(FOO), allowed, disrupted);
    }

    private static DefaultPreemption.Candidate victims(PodInfo preemptor, NodeInfo node, PodDisruptionBudget... pdbs) {
        Object out = DefaultPreemption.selectVictims(FW, preemptor, node, Snapshot.of(List.of(node)), List.of(pdbs),
                List.of());
        return (DefaultPreemption.Candidate) out;
    }

    private static List<String> names(DefaultPreemption.Candidate c) {
        return c.victims().stream().map(v -> v.pod().metadata().name()).toList();
    }

    /** upstream's node1 of "preemption with violation of ... pdb": two mid-priority app=foo pods that both must go. */
    private static NodeInfo twoFoo(PodInfo... more) {
        NodeInfo node = n("node1", p("p1.1", FOO, 50, "400m", 1), p("p1.2", FOO, 50, "400m", 2));
        for (PodInfo pi : more) {
            node.addPod(pi);
        }
        return node;
    }

    @Test
    void violationOfTheSameBudgetCountsOnce() {
        // upstream "preemption with violation of same pdb": one disruption allowed, two victims of the budget
        DefaultPreemption.Candidate c = victims(p("p", 100, "1", 0), twoFoo(), fooPdb(1));
        assertEquals(List.of("p1.1", "p1.2"), names(c));
        assertEquals(1, c.numPdbViolations());
    }

    @Test
    void aVictimOutsideDisruptedPodsStillUsesTheBudget() {
        // upstream "... the victim doesn't belong to DisruptedPods"
        DefaultPreemption.Candidate c = victims(p("p", 100, "1", 0), twoFoo(), fooPdb(1, "p2"));
        assertEquals(1, c.numPdbViolations());
    }

    @Test
    void aVictimInDisruptedPodsUsesNothing() {
        // upstream "... the victim belongs to DisruptedPods"
        DefaultPreemption.Candidate c = victims(p("p", 100, "1", 0), twoFoo(), fooPdb(1, "p1.2"));
        assertEquals(List.of("p1.1", "p1.2"), names(c));
        assertEquals(0, c.numPdbViolations());
    }

    @Test
    void aVictimInDisruptedPodsIsNonViolating() {
        // upstream "... the victim which belongs to DisruptedPods is treated as 'nonViolating'" (three victims)
        NodeInfo node = n("node1", p("p1.1", FOO, 50, "300m", 1), p("p1.2", FOO, 50, "300m", 2),
                p("p1.3", FOO, 50, "300m", 3));
        DefaultPreemption.Candidate c = victims(p("p", 100, "1", 0), node, fooPdb(1, "p1.3"));
        assertEquals(List.of("p1.1", "p1.2", "p1.3"), names(c));
        assertEquals(1, c.numPdbViolations());
    }

    @Test
    void budgetBreakingPodsAreReprievedFirst() {
        // the pod needs room for one of two equal pods; "a" is protected (0 disruptions allowed), so "b" goes
        // although "a" started later and would otherwise be the less important one
        NodeInfo node = n("n1", p("b", 10, "500m", 1), p("a", FOO, 10, "500m", 2));
        DefaultPreemption.Candidate c = victims(p("x", 100, "500m", 0), node, fooPdb(0));
        assertEquals(List.of("b"), names(c));
        assertEquals(0, c.numPdbViolations());
        DefaultPreemption.Candidate unprotected = victims(p("x", 100, "500m", 0), node);
        assertEquals(List.of("a"), names(unprotected));
    }

    @Test
    void victimsStaySortedMostImportantFirstAcrossBothGroups() {
        NodeInfo node = n("n1", p("low", FOO, 1, "500m", 1), p("mid", 5, "500m", 2));
        DefaultPreemption.Candidate c = victims(p("x", 100, "1", 0), node, fooPdb(0));
        assertEquals(List.of("mid", "low"), names(c));
        assertEquals(1, c.numPdbViolations());
    }

    @Test
    void budgetsOfOtherNamespacesEmptySelectorsAndUnlabelledPodsMatchNothing() {
        PodInfo a = p("a", FOO, 1, "1m", 0);
        PodInfo bare = p("bare", 1, "1m", 0);
        List<PodInfo> pods = List.of(a, bare);
        assertEquals(List.of(a), PdbViolations.split(pods, List.of(fooPdb(0))).violating());
        assertEquals(List.of(), PdbViolations.split(pods, List.of(pdb("other", LabelSelector.matchLabels(FOO), 0)))
                .violating());
        assertEquals(List.of(), PdbViolations.split(pods, List.of(pdb("default", null, 0))).violating());
        assertEquals(List.of(), PdbViolations.split(pods,
                List.of(pdb("default", new LabelSelector(new TreeMap<>(), List.of()), 0))).violating());
        assertEquals(pods, PdbViolations.split(pods, List.of(pdb("default", null, 0))).nonViolating());
    }

    @Test
    void theNodeNeedingABudgetBreakingVictimLosesToOneThatDoesNot() {
        // n1's only victim has the lower priority but is protected by a budget that allows no disruption;
        // n2's victim has a higher priority and no budget: PDB violations come first, so n2 is chosen
        PodInfo preemptor = p("x", 100, "1", 0);
        NodeInfo n1 = n("n1", p("cheap", FOO, 1, "1", 1));
        NodeInfo n2 = n("n2", p("dear", 50, "1", 1));
        Snapshot snap = Snapshot.of(List.of(n1, n2));
        java.util.function.Function<String, List<PodInfo>> none = name -> List.of();
        Map<String, Status> statuses = new LinkedHashMap<>();
        List<DefaultPreemption.Candidate> cands = DefaultPreemption.dryRun(FW, preemptor, List.of(n1, n2), 0, 2, snap,
                List.of(fooPdb(0)), none, statuses);
        assertEquals(List.of("n2", "n1"), cands.stream().map(DefaultPreemption.Candidate::node).toList());
        assertEquals("n2", DefaultPreemption.pick(cands).node());
        // without the budget the lower victim priority wins
        List<DefaultPreemption.Candidate> free = DefaultPreemption.dryRun(FW, preemptor, List.of(n1, n2), 0, 2, snap,
                List.of(), none, statuses);
        assertEquals("n1", DefaultPreemption.pick(free).node());
    }

    @Test
    void dryRunLooksPastNumCandidatesUntilABudgetKeepingNodeIsFound() {
        // upstream "preemption looks past numCandidates until a non-PDB violating node is found":
        // numCandidates 2, offset 4 => node5 (pdb), node1 (pdb), node2 (pdb, over capacity), node3 (no pdb): stop
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Map<String, String> labels = i == 3 || i == 4 ? Map.of() : FOO;
            nodes.add(n("node" + i, p("p" + i, labels, 50, "1", i)));
        }
        Map<String, Status> statuses = new LinkedHashMap<>();
        List<DefaultPreemption.Candidate> cands = DefaultPreemption.dryRun(FW, p("p", 100, "1", 0), nodes, 4, 2,
                Snapshot.of(nodes), List.of(fooPdb(0)), n -> List.of(), statuses);
        assertEquals(List.of("node3", "node5", "node1"), cands.stream().map(DefaultPreemption.Candidate::node).toList());
        assertEquals(List.of(0, 1, 1), cands.stream().map(DefaultPreemption.Candidate::numPdbViolations).toList());
        assertTrue(statuses.isEmpty());
    }

    @Test
    void pickPrefersFewerBudgetViolationsBeforeEverythingElse() {
        DefaultPreemption.Candidate violating = new DefaultPreemption.Candidate("n1", List.of(p("a", 1, "1m", 0)), 1);
        DefaultPreemption.Candidate keeping = new DefaultPreemption.Candidate("n2",
                List.of(p("b", 10, "1m", 0), p("c", 10, "1m", 0)), 0);
        assertEquals("n2", DefaultPreemption.pick(List.of(violating, keeping)).node());
    }

    @Test
    void theDryRunCountsPodsNominatedToTheNode() {
        // evicting "low" frees the whole node, but a pod of higher priority waits for 600m of it
        NodeInfo node = n("n1", p("low", 1, "600m", 1));
        PodInfo waiting = p("waiting", 200, "600m", 0);
        Object out = DefaultPreemption.selectVictims(FW, p("x", 100, "500m", 0), node, Snapshot.of(List.of(node)),
                List.of(), List.of(waiting));
        assertEquals(List.of("Insufficient cpu"), ((Status) out).reasons());
        // one of lower priority than the preemptor does not count
        Object lower = DefaultPreemption.selectVictims(FW, p("x", 100, "500m", 0), node, Snapshot.of(List.of(node)),
                List.of(), List.of(p("waiting", 50, "600m", 0)));
        assertEquals(List.of("low"), names((DefaultPreemption.Candidate) lower));
    }
}
