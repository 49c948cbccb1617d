package io.ksim.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The nodes a scheduling cycle sees, in the order upstream's node tree lists them (round robin over
 * zones), with name lookup and the namespace labels affinity terms need (upstream framework
 * SharedLister). A cycle runs at one virtual instant on one thread, so the snapshot can share the cache's
 * NodeInfos instead of copying them.
 */
public final class Snapshot {

    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byName;
    private final Function<String, Map<String, String>> namespaceLabels;

    public Snapshot(List<NodeInfo> nodes, Function<String, Map<String, String>> namespaceLabels) {
        this.nodes = List.copyOf(nodes);
        this.byName = new HashMap<>();
        for (NodeInfo n : this.nodes) {
            byName.put(n.name(), n);
        }
        this.namespaceLabels = namespaceLabels;
    }

    /** A snapshot of these nodes where no namespace has labels; for tests. */
    public static Snapshot of(List<NodeInfo> nodes) {
        return new Snapshot(nodes, ns -> Map.of());
    }

    /** All nodes in node-tree order. */
    public List<NodeInfo> nodes() {
        return nodes;
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
        return new Snapshot(out, namespaceLabels);
    }
}
