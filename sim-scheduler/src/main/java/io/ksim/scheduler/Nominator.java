package io.ksim.scheduler;

import io.ksim.scheduler.framework.PodInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods preemption nominated to nodes (upstream's nominator in the scheduling queue): which node each
 * pod waits for, and per node the waiting pods in nomination order. A pod leaves it when it is bound,
 * deleted, nominated elsewhere, or placed on another node.
 */
final class Nominator {

    private final Map<String, String> nodeOfPod = new HashMap<>();
    private final Map<String, LinkedHashMap<String, PodInfo>> podsOfNode = new HashMap<>();

    void nominate(PodInfo pod, String node) {
        clear(pod.key());
        nodeOfPod.put(pod.key(), node);
        podsOfNode.computeIfAbsent(node, n -> new LinkedHashMap<>()).put(pod.key(), pod);
    }

    void clear(String podKey) {
        String node = nodeOfPod.remove(podKey);
        if (node != null) {
            Map<String, PodInfo> pods = podsOfNode.get(node);
            pods.remove(podKey);
            if (pods.isEmpty()) {
                podsOfNode.remove(node);
            }
        }
    }

    /** Whether any pod is nominated to any node. */
    boolean any() {
        return !podsOfNode.isEmpty();
    }

    /** The pods nominated to {@code node}, in nomination order. */
    List<PodInfo> nominatedTo(String node) {
        if (podsOfNode.isEmpty()) {
            // the common case: nothing is nominated, and every node of every cycle asks
            return List.of();
        }
        Map<String, PodInfo> pods = podsOfNode.get(node);
        return pods == null ? List.of() : List.copyOf(pods.values());
    }
}
