package io.ksim.controller.garbagecollector;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.Finalizers;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * The garbage collector's view of ownership (upstream GraphBuilder's uidToNode): a directed graph over object
 * UIDs with an edge from each owner to each of its dependents, as the dependents' {@code ownerReferences}
 * name them. An owner that was never observed is a vertex without a {@link Node}: a "virtual" owner whose
 * existence the collector checks against the API server. JGraphT's default graph keeps insertion order, so
 * dependents come out in the order they were observed.
 */
final class OwnerGraph {

    /** An observed object: where it lives and what its metadata says about ownership and deletion. */
    record Node(ResourceType<?> type, String namespace, String name, String uid, List<OwnerReference> owners,
            boolean beingDeleted, List<String> finalizers) {

        static Node of(ResourceType<?> type, KubeObject obj) {
            return new Node(type, obj.metadata().namespace(), obj.metadata().name(), obj.metadata().uid(),
                    obj.metadata().ownerReferences(), obj.metadata().isBeingDeleted(), obj.metadata().finalizers());
        }

        /** Deleted in the foreground: waiting for its blocking dependents to go (isDeletingDependents). */
        boolean deletingDependents() {
            return beingDeleted && finalizers.contains(Finalizers.FOREGROUND_DELETION);
        }

        boolean orphaning() {
            return beingDeleted && finalizers.contains(Finalizers.ORPHAN);
        }
    }

    private final Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    // Lookups by uid only; never iterated.
    private final Map<String, Node> nodes = new HashMap<>();

    Node node(String uid) {
        return nodes.get(uid);
    }

    /** Records {@code node} and its owner edges; returns the owner UIDs no one has observed yet. */
    List<String> put(Node node) {
        Node old = nodes.put(node.uid(), node);
        graph.addVertex(node.uid());
        if (old != null) {
            for (OwnerReference ref : old.owners()) {
                graph.removeEdge(ref.uid(), node.uid());
            }
        }
        List<String> unknownOwners = new ArrayList<>();
        for (OwnerReference ref : node.owners()) {
            if (!graph.containsVertex(ref.uid())) {
                graph.addVertex(ref.uid());
            }
            if (!nodes.containsKey(ref.uid())) {
                unknownOwners.add(ref.uid());
            }
            graph.addEdge(ref.uid(), node.uid());
        }
        return unknownOwners;
    }

    /** Forgets an object; its vertex stays while dependents still point at it. */
    void remove(String uid) {
        Node old = nodes.remove(uid);
        if (old == null || !graph.containsVertex(uid)) {
            return;
        }
        for (OwnerReference ref : old.owners()) {
            graph.removeEdge(ref.uid(), uid);
            pruneVirtual(ref.uid());
        }
        pruneVirtual(uid);
    }

    private void pruneVirtual(String uid) {
        if (!nodes.containsKey(uid) && graph.containsVertex(uid) && graph.outDegreeOf(uid) == 0) {
            graph.removeVertex(uid);
        }
    }

    /** The UIDs of the objects that name {@code uid} as an owner, in observation order. */
    List<String> dependents(String uid) {
        if (!graph.containsVertex(uid)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (DefaultEdge e : graph.outgoingEdgesOf(uid)) {
            out.add(graph.getEdgeTarget(e));
        }
        return out;
    }

    /** The UIDs {@code uid} names as owners. */
    List<String> owners(String uid) {
        Node n = nodes.get(uid);
        return n == null ? List.of() : n.owners().stream().map(OwnerReference::uid).toList();
    }
}
