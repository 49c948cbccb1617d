package io.ksim.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The nodes a scheduling cycle sees, in the order upstream's node tree lists them (round robin over
 * zones), with name lookup and the namespace labels affinity terms need (upstream framework
 * SharedLister). A cycle runs at one virtual instant on one thread, so the snapshot can share the cache's
 * NodeInfos instead of copying them.
 */
public final class Snapshot {

    private final List<NodeInfo> nodes;
    /** The same nodes as an array, for the scheduling cycle's batched filters (never handed out to change). */
    private final NodeInfo[] nodeArray;
    private final Map<String, NodeInfo> byName;
    private final Function<String, Map<String, String>> namespaceLabels;
    private final IntSupplier podsWithAffinity;
    private final IntSupplier podsWithRequiredAntiAffinity;

    /**
     * @param podsWithAffinity             how many counted pods have any pod (anti-)affinity term
     * @param podsWithRequiredAntiAffinity how many have required anti-affinity terms
     */
    public Snapshot(List<NodeInfo> nodes, Function<String, Map<String, String>> namespaceLabels,
            IntSupplier podsWithAffinity, IntSupplier podsWithRequiredAntiAffinity) {
        this.nodes = List.copyOf(nodes);
        this.nodeArray = this.nodes.toArray(NodeInfo[]::new);
        this.byName = new HashMap<>();
        for (NodeInfo n : this.nodes) {
            byName.put(n.name(), n);
        }
        this.namespaceLabels = namespaceLabels;
        this.podsWithAffinity = podsWithAffinity;
        this.podsWithRequiredAntiAffinity = podsWithRequiredAntiAffinity;
    }

    /** A snapshot that counts pods with affinity by looking at its nodes. */
    public Snapshot(List<NodeInfo> nodes, Function<String, Map<String, String>> namespaceLabels) {
        this(nodes, namespaceLabels, null, null);
    }

    /**
     * Whether any pod on any node has pod (anti-)affinity terms; lets InterPodAffinity skip its scan of all
     * nodes, as upstream's HavePodsWithAffinityList does.
     */
    public boolean anyPodsWithAffinity() {
        if (podsWithAffinity != null) {
            return podsWithAffinity.getAsInt() > 0;
        }
        return nodes.stream().anyMatch(NodeInfo::hasPodsWithAffinity);
    }

    /** Whether any pod on any node has required anti-affinity terms. */
    public boolean anyPodsWithRequiredAntiAffinity() {
        if (podsWithRequiredAntiAffinity != null) {
            return podsWithRequiredAntiAffinity.getAsInt() > 0;
        }
        return nodes.stream().anyMatch(NodeInfo::hasPodsWithRequiredAntiAffinity);
    }

    /** A snapshot of these nodes where no namespace has labels; for tests. */
    public static Snapshot of(List<NodeInfo> nodes) {
        return new Snapshot(nodes, ns -> Map.of());
    }

    /** All nodes in node-tree order. */
    public List<NodeInfo> nodes() {
        return nodes;
    }

    /** All nodes in node-tree order, as an array the caller must not change. */
    public NodeInfo[] nodeArray() {
        return nodeArray;
    }

    /** The node called {@code name}, or null. */
    public NodeInfo get(String name) {
        return byName.get(name);
    }

    public Function<String, Map<String, String>> namespaceLabels() {
        return namespaceLabels;
    }

    /** The same snapshot with one node replaced by {@code replacement} (preemption's what-if). */
    public Snapshot with(NodeInfo replacement) {
        List<NodeInfo> out = new ArrayList<>(nodes.size());
        for (NodeInfo n : nodes) {
            out.add(n.name().equals(replacement.name()) ? replacement : n);
        }
        return new Snapshot(out, namespaceLabels, podsWithAffinity, podsWithRequiredAntiAffinity);
    }
}
