package io.ksim.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ksim.scheduler.RandomClusters.PodShape;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The scheduling algorithm's batched search (nodes filtered in batches plugin by plugin, feasible nodes scored
 * plugin by plugin) places a sequence of pods on a random cluster of 1 to 300 nodes exactly as upstream's node
 * by node search does: the same node, the same number of feasible and evaluated nodes, the same status for
 * every node the search rejected, the same nodes examined and the same totals for the scored ones, and the
 * same start index for the next pod. With 100 nodes or more the search stops at numFeasibleNodesToFind
 * (percentageOfNodesToScore adaptive, 10%, 50% or 100%); the property checks that both the stopped and the
 * complete search ran.
 */
class FindNodesThatFitPodProperties {

    @Provide
    Arbitrary<RandomClusters.Cluster> clusters() {
        return RandomClusters.clustersOfKinds(RandomClusters.roomyNodes(), 300);
    }

    @Provide
    Arbitrary<List<PodShape>> pods() {
        // small pods: on large clusters enough nodes fit for the search to stop early
        return RandomClusters.pods(0.05, RandomClusters.containers(1000, 2000, 0.05)).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> percentages() {
        return Arbitraries.of(0, 10, 10, 50, 100);
    }

    @Property
    void batchedSearchPlacesPodsAsTheNodeByNodeSearch(@ForAll("clusters") RandomClusters.Cluster cluster,
            @ForAll("pods") List<PodShape> pods, @ForAll("percentages") int percentage, @ForAll int seed) {
        List<NodeInfo> nodes = RandomClusters.nodeInfos(cluster);
        Framework fw = RandomClusters.defaultProfile(nodes);
        Snapshot snapshot = Snapshot.of(nodes);
        SchedulingAlgorithm batched = new SchedulingAlgorithm(fw, new SplittableRandom(seed), percentage);
        NodeByNode reference = new NodeByNode(fw, new SplittableRandom(seed), percentage);
        for (int i = 0; i < pods.size(); i++) {
            PodInfo pod = PodInfo.of(RandomClusters.pod("pod-" + i, pods.get(i), nodes.size()));
            Outcome expected = reference.schedule(pod, snapshot);
            SchedulingAlgorithm.Result actual = batched.schedule(pod, snapshot, 0, 1);
            String which = pod.key() + " on " + nodes.size() + " nodes";
            assertEquals(expected.node(), actual.node(), which + ": node");
            assertEquals(expected.feasible(), actual.feasibleNodes(), which + ": feasible nodes");
            assertEquals(expected.evaluated(), actual.evaluatedNodes(), which + ": evaluated nodes");
            assertEquals(reference.nextStartNodeIndex, batched.nextStartNodeIndex(), which + ": nextStartNodeIndex");
            if (actual.node() == null) {
                assertNotNull(actual.fitError(), which + ": " + actual.error());
                assertEquals(List.copyOf(expected.statuses().entrySet()),
                        List.copyOf(actual.fitError().nodeStatuses().entrySet()), which + ": statuses");
            } else {
                assertSameVerdicts(expected, actual, which);
                nodes.stream().filter(n -> n.name().equals(actual.node())).findFirst().orElseThrow().addPod(pod);
            }
            Statistics.label("search").collect(expected.evaluated() < nodes.size() ? "stopped early"
                    : "every node");
        }
        Statistics.label("search").coverage(c -> {
            c.check("stopped early").count(n -> n > 0);
            c.check("every node").count(n -> n > 0);
        });
    }

    /** The explanation of a placed pod: each node's rejection, whether it was examined, its total if scored. */
    private static void assertSameVerdicts(Outcome expected, SchedulingAlgorithm.Result actual, String which) {
        Map.Entry<String, Status> first = expected.statuses().entrySet().stream().findFirst().orElse(null);
        assertEquals(first == null ? null : first.getKey() + ": " + first.getValue().message(), actual.firstRejection(),
                which + ": first rejection");
        for (NodeVerdict v : actual.decision().nodes()) {
            assertEquals(expected.statuses().get(v.node()), v.rejection(), which + ": " + v.node() + " rejection");
            assertEquals(expected.examined().contains(v.node()), v.examined(), which + ": " + v.node() + " examined");
            // a node not scored (rejected, not examined, or the only feasible one) shows a total of 0
            Long total = expected.totals().get(v.node());
            assertEquals(total == null ? 0L : total, v.totalScore(), which + ": " + v.node() + " total score");
        }
    }

    /**
     * What the node-by-node search concluded: the node (null if none fits), the feasible and evaluated counts,
     * each rejected node's status in the order examined, the nodes examined, and the totals of the scored nodes
     * (empty when a single feasible node was taken without scoring).
     */
    record Outcome(String node, int feasible, int evaluated, Map<String, Status> statuses, Set<String> examined,
            Map<String, Long> totals) {
    }

    /**
     * A small reference of upstream v1.32's one-pod scheduling (pkg/scheduler/schedule_one.go) run node by node,
     * the way ksim models it. schedulePod: findNodesThatFitPod runs RunPreFilterPlugins (a rejection there is
     * every node's status); findNodesThatPassFilters with a single worker visits
     * {@code nodes[(nextStartNodeIndex + i) % n]} one at a time through RunFilterPlugins
     * ({@link Framework#runFilter}) and stops once numFeasibleNodesToFind nodes are feasible, after which
     * nextStartNodeIndex moves by the feasible nodes plus the nodes with a status. One feasible node is taken
     * without scoring. Otherwise prioritizeNodes: RunPreScorePlugins, then each Score plugin PreScore did not skip
     * scores the nodes one at a time ({@code score}), NormalizeScore, times its weight, summed per node; and
     * selectHost: the highest total, ties broken by reservoir sampling ({@code rand.Intn(cntOfMaxScore) == 0})
     * in the order the nodes were found, ksim's simplification of upstream's heap order.
     */
    static final class NodeByNode {
        private final Framework fw;
        private final SplittableRandom random;
        private final int percentage;
        int nextStartNodeIndex;

        NodeByNode(Framework fw, SplittableRandom random, int percentage) {
            this.fw = fw;
            this.random = random;
            this.percentage = percentage;
        }

        Outcome schedule(PodInfo pod, Snapshot snapshot) {
            List<NodeInfo> all = snapshot.nodes();
            CycleState state = new CycleState();
            Map<String, Status> statuses = new LinkedHashMap<>();
            Set<String> examined = new LinkedHashSet<>();
            Framework.PreFilterOutcome pre = fw.runPreFilter(state, pod, snapshot);
            if (!pre.status().isSuccess()) {
                for (NodeInfo n : all) {
                    statuses.put(n.name(), pre.status());
                }
                return new Outcome(null, 0, statuses.size(), statuses, examined, Map.of());
            }
            int toFind = numFeasibleNodesToFind(all.size());
            List<NodeInfo> feasible = new ArrayList<>();
            for (int i = 0; i < all.size() && feasible.size() < toFind; i++) {
                NodeInfo node = all.get((nextStartNodeIndex + i) % all.size());
                examined.add(node.name());
                Status s = fw.runFilter(state, pod, node, pre.skipped());
                if (s.isSuccess()) {
                    feasible.add(node);
                } else {
                    statuses.put(node.name(), s);
                }
            }
            int processed = feasible.size() + statuses.size();
            nextStartNodeIndex = (nextStartNodeIndex + processed) % all.size();
            if (feasible.isEmpty()) {
                return new Outcome(null, 0, statuses.size(), statuses, examined, Map.of());
            }
            if (feasible.size() == 1) {
                return new Outcome(feasible.get(0).name(), 1, processed, statuses, examined, Map.of());
            }
            long[] totals = prioritizeNodes(state, pod, feasible, snapshot);
            Map<String, Long> byNode = new LinkedHashMap<>();
            for (int i = 0; i < feasible.size(); i++) {
                byNode.put(feasible.get(i).name(), totals[i]);
            }
            return new Outcome(feasible.get(selectHost(totals)).name(), feasible.size(), processed, statuses, examined,
                    byNode);
        }

        /** upstream numFeasibleNodesToFind, written out again here. */
        private int numFeasibleNodesToFind(int numAllNodes) {
            if (numAllNodes < 100 || percentage >= 100) {
                return numAllNodes;
            }
            int p = percentage > 0 ? percentage : Math.max(50 - numAllNodes / 125, 5);
            return Math.max(numAllNodes * p / 100, 100);
        }

        private long[] prioritizeNodes(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
            Set<String> skipped = fw.runPreScore(state, pod, feasible, snapshot);
            long[] totals = new long[feasible.size()];
            for (Framework.WeightedScorePlugin wp : fw.scorePlugins()) {
                if (skipped.contains(wp.plugin().name())) {
                    continue;
                }
                long[] scores = new long[feasible.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = wp.plugin().score(state, pod, feasible.get(i));
                }
                wp.plugin().normalize(state, pod, feasible, scores);
                for (int i = 0; i < scores.length; i++) {
                    totals[i] += scores[i] * wp.weight();
                }
            }
            return totals;
        }

        private int selectHost(long[] totals) {
            int selected = 0;
            int cntOfMaxScore = 1;
            for (int i = 1; i < totals.length; i++) {
                if (totals[i] > totals[selected]) {
                    selected = i;
                    cntOfMaxScore = 1;
                } else if (totals[i] == totals[selected]) {
                    cntOfMaxScore++;
                    if (random.nextInt(cntOfMaxScore) == 0) {
                        selected = i;
                    }
                }
            }
            return selected;
        }
    }
}
