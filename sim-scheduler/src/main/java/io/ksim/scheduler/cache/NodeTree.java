package io.ksim.scheduler.cache;

import io.ksim.api.core.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node names grouped by zone, listed round robin across zones (upstream cache.nodeTree): with zones a
 * (n1, n3) and b (n2), the list is n1, n2, n3. Zones keep the order they first appeared in, nodes the
 * order they were added, so consecutive indices alternate zones as upstream's snapshot does.
 *
 * <p>A zone is upstream's key: region and zone labels joined by ":\u0000:", both possibly empty.
 */
final class NodeTree {

    private final Map<String, List<String>> zones = new LinkedHashMap<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();
    private int size;

    static String zoneKey(Node node) {
        Map<String, String> labels = node.metadata().labels();
        String region = labels.getOrDefault("topology.kubernetes.io/region", "");
        String zone = labels.getOrDefault("topology.kubernetes.io/zone", "");
        return region + ":\u0000:" + zone;
    }

    void add(Node node) {
        if (names.add(node.metadata().name())) {
            zones.computeIfAbsent(zoneKey(node), z -> new ArrayList<>()).add(node.metadata().name());
            size++;
        }
    }

    void remove(Node node) {
        String key = zoneKey(node);
        List<String> zone = zones.get(key);
        if (zone != null && zone.remove(node.metadata().name())) {
            names.remove(node.metadata().name());
            size--;
            if (zone.isEmpty()) {
                zones.remove(key);
            }
        }
    }

    /** Moves a node whose zone labels changed. */
    void update(Node oldNode, Node newNode) {
        if (!zoneKey(oldNode).equals(zoneKey(newNode))) {
            remove(oldNode);
            add(newNode);
        }
    }

    int size() {
        return size;
    }

    /** All names, round robin over zones. */
    List<String> list() {
        List<String> out = new ArrayList<>(size);
        List<List<String>> lists = new ArrayList<>(zones.values());
        for (int i = 0; out.size() < size; i++) {
            for (List<String> zone : lists) {
                if (i < zone.size()) {
                    out.add(zone.get(i));
                }
            }
        }
        return out;
    }
}
