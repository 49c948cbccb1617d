package io.ksim.scheduler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ksim.scheduler.RandomClusters.Capacity;
import io.ksim.scheduler.RandomClusters.ContainerShape;
import io.ksim.scheduler.RandomClusters.NodeShape;
import io.ksim.scheduler.RandomClusters.PodShape;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.HostPort;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Resource;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The scheduling cycle's batched calls decide as upstream's node-by-node calls do, over random nodes and pods
 * ({@link RandomClusters}) with the default profile:
 * <ul>
 *   <li>Filter: running the filter plugins plugin by plugin over a range of nodes gives every node of the range
 *       the verdict RunFilterPlugins gives it alone (success, or the first rejecting plugin's status), with the
 *       plugins PreFilter skipped left out, and leaves the nodes outside the range alone;</li>
 *   <li>Score: after PreScore, every Score plugin it did not skip scores the nodes in one call exactly as
 *       scoring them one by one;</li>
 *   <li>NodeInfo: after any sequence of pods added, replaced and removed and of node updates, the amounts it
 *       keeps in its own fields equal its allocatable, requested and non-zero requested Resources, and those
 *       equal the sums over its pods.</li>
 * </ul>
 */
class BatchedFilterScoreProperties {

    /** What a verdict outside the filtered range holds before and after: batched filtering must not touch it. */
    private static final Status UNTOUCHED = Status.error("outside the filtered range");

    @Provide
    Arbitrary<List<NodeShape>> clusters() {
        return RandomClusters.clusters(RandomClusters.nodes(), 1, 12);
    }

    @Provide
    Arbitrary<PodShape> pods() {
        return RandomClusters.pods(0.15);
    }

    @Property
    void filteringABatchGivesEachNodeItsOwnRunFilterPluginsVerdict(@ForAll("clusters") List<NodeShape> cluster,
            @ForAll("pods") PodShape podShape, @ForAll @IntRange(max = 12) int skipFirst,
            @ForAll @IntRange(max = 12) int skipLast) {
        List<NodeInfo> nodes = RandomClusters.nodeInfos(cluster);
        Framework fw = RandomClusters.defaultProfile(nodes);
        Snapshot snapshot = Snapshot.of(nodes);
        PodInfo pod = PodInfo.of(RandomClusters.pod("incoming", podShape, nodes.size()));
        CycleState state = new CycleState();
        Framework.PreFilterOutcome pre = fw.runPreFilter(state, pod, snapshot);
        Assume.that(pre.status().isSuccess());
        NodeInfo[] array = snapshot.nodeArray();
        // the range leaves out some nodes at either end; shrinking widens it to all nodes
        int from = Math.min(skipFirst, array.length);
        int to = Math.max(from, array.length - skipLast);
        Status[] verdicts = new Status[array.length];
        java.util.Arrays.fill(verdicts, UNTOUCHED);
        FilterPlugin[] active = fw.filtersExcept(pre.skipped());
        fw.runFilterAll(state, pod, array, from, to, active, verdicts);
        for (int i = 0; i < array.length; i++) {
            if (i < from || i >= to) {
                assertSame(UNTOUCHED, verdicts[i], array[i].name() + " is outside [" + from + ", " + to + ")");
                continue;
            }
            Status alone = fw.runFilter(state, pod, array[i], pre.skipped());
            assertEquals(alone.isSuccess() ? null : alone, verdicts[i], array[i].name());
        }
    }

    @Property
    void scoringAllNodesInOneCallEqualsScoringThemOneByOne(@ForAll("clusters") List<NodeShape> cluster,
            @ForAll("pods") PodShape podShape) {
        List<NodeInfo> nodes = RandomClusters.nodeInfos(cluster);
        Framework fw = RandomClusters.defaultProfile(nodes);
        Snapshot snapshot = Snapshot.of(nodes);
        PodInfo pod = PodInfo.of(RandomClusters.pod("incoming", podShape, nodes.size()));
        CycleState state = new CycleState();
        Framework.PreFilterOutcome pre = fw.runPreFilter(state, pod, snapshot);
        Assume.that(pre.status().isSuccess());
        // the nodes that pass the filters, as upstream scores; all of them when none does (scores are still defined)
        List<NodeInfo> scored = new ArrayList<>();
        for (NodeInfo n : nodes) {
            if (fw.runFilter(state, pod, n, pre.skipped()).isSuccess()) {
                scored.add(n);
            }
        }
        if (scored.isEmpty()) {
            scored = nodes;
        }
        Set<String> skipped = fw.runPreScore(state, pod, scored, snapshot);
        for (Framework.WeightedScorePlugin wp : fw.scorePlugins()) {
            if (skipped.contains(wp.plugin().name())) {
                continue;
            }
            long[] oneByOne = new long[scored.size()];
            for (int i = 0; i < oneByOne.length; i++) {
                oneByOne[i] = wp.plugin().score(state, pod, scored.get(i));
            }
            long[] batch = new long[scored.size()];
            java.util.Arrays.fill(batch, Long.MIN_VALUE);
            wp.plugin().scoreAll(state, pod, scored, batch);
            assertArrayEquals(oneByOne, batch, wp.plugin().name());
        }
    }

    /** One change to a node: count a pod (replacing one of the same name), stop counting one, or update the node. */
    record Change(int kind, int pod, List<ContainerShape> containers, Capacity capacity) {
    }

    @Provide
    Arbitrary<NodeShape> node() {
        return RandomClusters.nodes();
    }

    @Provide
    Arbitrary<List<Change>> changes() {
        Arbitrary<Capacity> capacity = RandomClusters.nodes().map(NodeShape::capacity);
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4),
                RandomClusters.containers().list().ofMinSize(1).ofMaxSize(3), capacity).as(Change::new)
                .list().ofMaxSize(12);
    }

    @Property
    void nodeInfoKeepsItsOwnAmountsEqualToItsResources(@ForAll("node") NodeShape shape,
            @ForAll("changes") List<Change> changes) {
        NodeInfo info = RandomClusters.nodeInfo("node-000", shape);
        assertMirrorsResources(info);
        for (Change c : changes) {
            String name = "changed-" + c.pod();
            switch (c.kind()) {
                case 0 -> info.addPod(PodInfo.of(RandomClusters.pod(name,
                        new PodShape(List.of(), c.containers(), List.of(), null, null), 1)));
                case 1 -> info.removePod("default/" + name);
                default -> info.setNode(RandomClusters.node("node-000", new NodeShape(c.capacity(), shape.looks(),
                        List.of())));
            }
            assertMirrorsResources(info);
        }
        assertMirrorsResources(info.copy());
    }

    private static final String[] NAMES = {Resource.CPU, Resource.MEMORY, Resource.EPHEMERAL_STORAGE, Resource.PODS,
            RandomClusters.GPU};

    private static void assertMirrorsResources(NodeInfo info) {
        Resource alloc = info.allocatable();
        Resource requested = info.requested();
        Resource nonZero = info.nonZeroRequested();
        assertEquals(alloc.milliCpu, info.allocatableMilliCpu(), "allocatable cpu");
        assertEquals(alloc.memory, info.allocatableMemory(), "allocatable memory");
        assertEquals(alloc.ephemeralStorage, info.allocatableEphemeralStorage(), "allocatable ephemeral-storage");
        assertEquals(alloc.allowedPodNumber, info.allowedPodNumber(), "allocatable pods");
        assertEquals(requested.milliCpu, info.requestedMilliCpu(), "requested cpu");
        assertEquals(requested.memory, info.requestedMemory(), "requested memory");
        assertEquals(requested.ephemeralStorage, info.requestedEphemeralStorage(), "requested ephemeral-storage");
        assertEquals(nonZero.milliCpu, info.nonZeroRequestedMilliCpu(), "non-zero requested cpu");
        assertEquals(nonZero.memory, info.nonZeroRequestedMemory(), "non-zero requested memory");
        for (String name : NAMES) {
            int field = Resource.fieldOf(name);
            assertEquals(alloc.get(field, name), info.allocatable(field, name), "allocatable " + name);
            assertEquals(requested.get(field, name), info.requested(field, name), "requested " + name);
            assertEquals(nonZero.get(field, name), info.nonZeroRequested(field, name), "non-zero requested " + name);
        }
        // and the Resources are the sums over the pods counted, the host ports theirs
        Resource sum = new Resource();
        Resource nonZeroSum = new Resource();
        List<HostPort> ports = new ArrayList<>();
        for (PodInfo p : info.pods()) {
            sum.add(p.requests());
            nonZeroSum.add(p.nonZeroRequests());
            ports.addAll(HostPort.of(p.pod()));
        }
        for (String name : NAMES) {
            assertEquals(sum.get(name), requested.get(name), "requested " + name + " against the pods' sum");
            assertEquals(nonZeroSum.get(name), nonZero.get(name), "non-zero requested " + name + " against the pods' sum");
        }
        assertEquals(info.pods().size(), info.podCount(), "pod count");
        assertEquals(sorted(ports), sorted(info.usedPorts()), "host ports");
    }

    private static List<String> sorted(List<HostPort> ports) {
        return ports.stream().map(HostPort::toString).sorted().toList();
    }
}
