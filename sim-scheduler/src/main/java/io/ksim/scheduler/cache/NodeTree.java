package io.ksim.scheduler.cache;

import io.ksim.api.core.Node;
import io.ksim.api.core.WellKnownLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node names grouped by zone, listed round robin across zones (upstream cache.nodeTree): with zones a
 * (n1, n3) and b (n2), the list is n1, n2, n3. Zones keep the order they first appeared in, nodes the
 * order they were added, so consecutive indices alternate zones as upstream's snapshot does.
 *
 * <p>A zone is upstream's key (component-helpers GetZoneKey): region and zone joined by ":\u0000:", each read
 * from the deprecated failure-domain.beta.kubernetes.io label when the node has it, else from the
 * topology.kubernetes.io one; "" when both are empty.
 */
final class NodeTree {

    private final Map<String, List<String>> zones = new LinkedHashMap<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();
    private int size;


    static String zoneKey(Node node) {
        Map<String, String> labels = node.metadata().labels();
        // the beta label wins whenever present, even empty, as upstream's map lookup does
        String zone = labels.containsKey(WellKnownLabels.FAILURE_DOMAIN_BETA_ZONE) ? labels.get(WellKnownLabels.FAILURE_DOMAIN_BETA_ZONE)
                : labels.getOrDefault(WellKnownLabels.TOPOLOGY_ZONE, "");
        String region = labels.containsKey(WellKnownLabels.FAILURE_DOMAIN_BETA_REGION)
                ? labels.get(WellKnownLabels.FAILURE_DOMAIN_BETA_REGION) : labels.getOrDefault(WellKnownLabels.TOPOLOGY_REGION, "");
        if (region.isEmpty() && zone.isEmpty()) {
            return "";
        }
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
