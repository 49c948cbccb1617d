package io.ksim.controller.nodelifecycle;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Taint;
import io.ksim.api.core.TaintEffect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The taints the node lifecycle controller owns (upstream k8s.io/api/core/v1 well_known_taints.go and the
 * nodeConditionToTaintKeyStatusMap of node_lifecycle_controller.go): NoSchedule taints that follow the node's
 * conditions and {@code spec.unschedulable}, and the NoExecute not-ready/unreachable taints that taint-based
 * eviction acts on.
 */
public final class NodeTaints {

    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

    /** Condition type -> (status -> taint key) for the NoSchedule taints that mirror conditions. */
    private static final Map<String, Map<String, String>> CONDITION_TAINTS = Map.of(
            NodeCondition.READY, Map.of(ConditionStatus.FALSE, NOT_READY, ConditionStatus.UNKNOWN, UNREACHABLE),
            NodeCondition.MEMORY_PRESSURE, Map.of(ConditionStatus.TRUE, MEMORY_PRESSURE),
            NodeCondition.DISK_PRESSURE, Map.of(ConditionStatus.TRUE, DISK_PRESSURE),
            NodeCondition.NETWORK_UNAVAILABLE, Map.of(ConditionStatus.TRUE, NETWORK_UNAVAILABLE),
            NodeCondition.PID_PRESSURE, Map.of(ConditionStatus.TRUE, PID_PRESSURE));

    /** The NoSchedule keys this controller manages; other NoSchedule taints are the user's. */
    static final Set<String> NO_SCHEDULE_KEYS = Set.of(NOT_READY, UNREACHABLE, UNSCHEDULABLE, MEMORY_PRESSURE,
            DISK_PRESSURE, PID_PRESSURE, NETWORK_UNAVAILABLE);

    private NodeTaints() {
    }

    /** The NoSchedule taints the node's conditions and cordon call for, in a stable order. */
    static List<Taint> desiredNoSchedule(Node node) {
        List<Taint> taints = new ArrayList<>();
        for (NodeCondition c : node.status().conditions()) {
            Map<String, String> byStatus = CONDITION_TAINTS.get(c.type());
            if (byStatus != null && byStatus.containsKey(c.status())) {
                taints.add(Taint.of(byStatus.get(c.status()), null, TaintEffect.NO_SCHEDULE));
            }
        }
        if (node.spec().isUnschedulable()) {
            taints.add(Taint.of(UNSCHEDULABLE, null, TaintEffect.NO_SCHEDULE));
        }
        taints.sort(java.util.Comparator.comparing(Taint::key));
        return taints;
    }

    /**
     * The node's taints with the managed NoSchedule ones replaced by {@code desired}; the same list when
     * nothing changes.
     */
    static List<Taint> withNoSchedule(List<Taint> current, List<Taint> desired) {
        List<Taint> result = new ArrayList<>();
        for (Taint t : current) {
            boolean managed = TaintEffect.NO_SCHEDULE.equals(t.effect()) && NO_SCHEDULE_KEYS.contains(t.key());
            if (!managed || desired.stream().anyMatch(d -> d.matches(t))) {
                result.add(t);
            }
        }
        for (Taint d : desired) {
            if (result.stream().noneMatch(d::matches)) {
                result.add(d);
            }
        }
        return result;
    }

    public static Taint noExecute(String key, Instant timeAdded) {
        return new Taint(key, null, TaintEffect.NO_EXECUTE, timeAdded);
    }

    static boolean hasNoExecute(Node node, String key) {
        return node.spec().taints().stream()
                .anyMatch(t -> key.equals(t.key()) && TaintEffect.NO_EXECUTE.equals(t.effect()));
    }

    /** The taints with {@code add} (if absent) and without the NoExecute taints keyed {@code remove}. */
    static List<Taint> swapNoExecute(List<Taint> current, Taint add, Set<String> remove) {
        List<Taint> result = new ArrayList<>();
        for (Taint t : current) {
            if (!(TaintEffect.NO_EXECUTE.equals(t.effect()) && remove.contains(t.key()))) {
                result.add(t);
            }
        }
        if (add != null && result.stream().noneMatch(add::matches)) {
            result.add(add);
        }
        return result;
    }
}
