package io.ksim.scheduler.cache;

import io.ksim.api.core.Node;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scheduler's view of nodes and the pods on them (upstream internal/cache), including assumed pods:
 * a pod the scheduler has decided to bind counts on its node at once, so the next cycle sees its
 * resources before the binding comes back through the informer. When the bound pod is observed the
 * assumption is confirmed; if binding fails it is forgotten.
 *
 * <p>Pods that name a node the cache does not know yet wait aside and are counted when the node appears.
 */
public final class SchedulerCache {

    /** Where a pod is counted, and whether only by assumption. */
    private record PodState(PodInfo pod, String node, boolean assumed) {
    }

    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final NodeTree tree = new NodeTree();
    private final Map<String, PodState> pods = new HashMap<>();
    /** Pods bound to nodes not (yet) in the cache, by node name. */
    private final Map<String, Map<String, PodInfo>> waiting = new HashMap<>();
    /** Image name to the number of nodes reporting it. */
    private final Map<String, Integer> imageNodes = new HashMap<>();
    /** The last snapshot; rebuilt only when nodes come, go or change zone (NodeInfos are shared). */
    private Snapshot snapshot;
    private Function<String, Map<String, String>> snapshotLabels;
    /** Counted pods (on known nodes or waiting) with any pod affinity term, and with required anti-affinity. */
    private int podsWithAffinity;
    private int podsWithRequiredAntiAffinity;

    public int nodeCount() {
        return nodes.size();
    }

    public NodeInfo node(String name) {
        return nodes.get(name);
    }

    public int nodesWithImage(String image) {
        return imageNodes.getOrDefault(image, 0);
    }

    public void addNode(Node node) {
        NodeInfo existing = nodes.get(node.metadata().name());
        if (existing != null) {
            updateNode(existing.node(), node);
            return;
        }
        NodeInfo info = new NodeInfo(node);
        nodes.put(node.metadata().name(), info);
        tree.add(node);
        countImages(info, 1);
        Map<String, PodInfo> parked = waiting.remove(node.metadata().name());
        if (parked != null) {
            parked.values().forEach(info::addPod);
        }
        snapshot = null;
    }

    public void updateNode(Node oldNode, Node newNode) {
        NodeInfo info = nodes.get(newNode.metadata().name());
        if (info == null) {
            addNode(newNode);
            return;
        }
        countImages(info, -1);
        tree.update(info.node(), newNode);
        info.setNode(newNode);
        countImages(info, 1);
        snapshot = null;
    }

    public void removeNode(Node node) {
        NodeInfo info = nodes.remove(node.metadata().name());
        if (info == null) {
            return;
        }
        tree.remove(info.node());
        countImages(info, -1);
        Map<String, PodInfo> parked = new LinkedHashMap<>();
        info.pods().forEach(p -> parked.put(p.key(), p));
        if (!parked.isEmpty()) {
            waiting.put(node.metadata().name(), parked);
        }
        snapshot = null;
    }

    private void countImages(NodeInfo info, int delta) {
        // Each distinct name counts once per node, as upstream counts nodes per image name.
        for (String image : info.imageSizes().keySet()) {
            imageNodes.merge(image, delta, Integer::sum);
            if (imageNodes.get(image) <= 0) {
                imageNodes.remove(image);
            }
        }
    }

    /** Counts a pod the scheduler is about to bind to {@code nodeName}. */
    public void assumePod(PodInfo pod, String nodeName) {
        if (pods.containsKey(pod.key())) {
            throw new IllegalStateException("pod " + pod.key() + " is already in the cache");
        }
        place(pod, nodeName);
        pods.put(pod.key(), new PodState(pod, nodeName, true));
    }

    /** Undoes {@link #assumePod} after a failed binding. */
    public void forgetPod(String key) {
        PodState st = pods.get(key);
        if (st != null && st.assumed()) {
            pods.remove(key);
            unplace(st.pod(), st.node());
        }
    }

    public boolean isAssumed(String key) {
        PodState st = pods.get(key);
        return st != null && st.assumed();
    }

    /** A pod observed bound (or changed while bound): counted on its node, confirming an assumption. */
    public void addOrUpdatePod(PodInfo pod, String nodeName) {
        PodState old = pods.get(pod.key());
        if (old != null) {
            unplace(old.pod(), old.node());
        }
        place(pod, nodeName);
        pods.put(pod.key(), new PodState(pod, nodeName, false));
    }

    public void removePod(String key) {
        PodState old = pods.remove(key);
        if (old != null) {
            unplace(old.pod(), old.node());
        }
    }

    /** The node a pod is counted on, or null. */
    public String nodeOf(String key) {
        PodState st = pods.get(key);
        return st == null ? null : st.node();
    }

    private void place(PodInfo pod, String nodeName) {
        countAffinity(pod, 1);
        NodeInfo info = nodes.get(nodeName);
        if (info != null) {
            info.addPod(pod);
        } else {
            waiting.computeIfAbsent(nodeName, n -> new LinkedHashMap<>()).put(pod.key(), pod);
        }
    }

    private void countAffinity(PodInfo pod, int delta) {
        if (pod.hasAffinityTerms()) {
            podsWithAffinity += delta;
        }
        if (pod.hasRequiredAntiAffinity()) {
            podsWithRequiredAntiAffinity += delta;
        }
    }

    private void unplace(PodInfo pod, String nodeName) {
        countAffinity(pod, -1);
        String key = pod.key();
        NodeInfo info = nodes.get(nodeName);
        if (info != null) {
            info.removePod(key);
        } else {
            Map<String, PodInfo> parked = waiting.get(nodeName);
            if (parked != null) {
                parked.remove(key);
                if (parked.isEmpty()) {
                    waiting.remove(nodeName);
                }
            }
        }
    }

    /** The nodes in node-tree order; the NodeInfos are live (see {@link Snapshot}). */
    public Snapshot snapshot(Function<String, Map<String, String>> namespaceLabels) {
        if (snapshot == null || snapshotLabels != namespaceLabels) {
            List<NodeInfo> list = new ArrayList<>(nodes.size());
            for (String name : tree.list()) {
                list.add(nodes.get(name));
            }
            snapshot = new Snapshot(list, namespaceLabels, () -> podsWithAffinity, () -> podsWithRequiredAntiAffinity);
            snapshotLabels = namespaceLabels;
        }
        return snapshot;
    }
}
