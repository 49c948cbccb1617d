package io.ksim.controller.daemon;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Node;
import io.ksim.api.core.NodeAffinity;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Taint;
import io.ksim.api.core.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a DaemonSet's pod belongs (upstream pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod
 * and pkg/controller/daemon/util): a node runs the pod when the pod's nodeSelector and required node affinity
 * match it and every NoSchedule/NoExecute taint is tolerated; a pod already there keeps running unless a
 * NoExecute taint is untolerated. The pod tolerates, besides its own tolerations, the taints the DaemonSet
 * controller adds to every daemon pod, so daemons run on cordoned and not-ready nodes. The pod is pinned to
 * its node with a required node affinity on the field {@code metadata.name}, not with {@code nodeName}, so
 * the scheduler still binds it.
 */
public final class DaemonPlacement {

    /** The tolerations upstream AddOrUpdateDaemonPodTolerations adds to every daemon pod. */
    static final List<Toleration> DAEMON_TOLERATIONS = List.of(
            new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", null),
            new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", null),
            new Toleration("node.kubernetes.io/disk-pressure", "Exists", null, "NoSchedule", null),
            new Toleration("node.kubernetes.io/memory-pressure", "Exists", null, "NoSchedule", null),
            new Toleration("node.kubernetes.io/pid-pressure", "Exists", null, "NoSchedule", null),
            new Toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule", null));
    /** Added too for host-network pods. */
    static final Toleration NETWORK_UNAVAILABLE =
            new Toleration("node.kubernetes.io/network-unavailable", "Exists", null, "NoSchedule", null);

    /** The field the pinning affinity names. */
    static final String NODE_FIELD = "metadata.name";

    private DaemonPlacement() {
    }

    /** The pod's tolerations plus the daemon tolerations it lacks. */
    static List<Toleration> withDaemonTolerations(PodSpec spec) {
        List<Toleration> out = new ArrayList<>(spec.tolerations());
        List<Toleration> add = new ArrayList<>(DAEMON_TOLERATIONS);
        if (spec.usesHostNetwork()) {
            add.add(NETWORK_UNAVAILABLE);
        }
        for (Toleration t : add) {
            out.removeIf(o -> t.key().equals(o.key()) && t.effect().equals(o.effect()));
            out.add(t);
        }
        return out;
    }

    /** Whether the daemon pod should be created on the node (upstream's shouldRun). */
    public static boolean shouldRun(PodSpec spec, Node node) {
        return fitsNodeName(spec, node) && fitsSelectorAndAffinity(spec, node)
                && tolerated(withDaemonTolerations(spec), node, false);
    }

    /** Whether a daemon pod on the node may stay (upstream's shouldContinueRunning). */
    public static boolean shouldContinueRunning(PodSpec spec, Node node) {
        return fitsNodeName(spec, node) && fitsSelectorAndAffinity(spec, node)
                && tolerated(withDaemonTolerations(spec), node, true);
    }

    private static boolean fitsNodeName(PodSpec spec, Node node) {
        return spec.nodeName() == null || spec.nodeName().isEmpty() || spec.nodeName().equals(node.metadata().name());
    }

    private static boolean fitsSelectorAndAffinity(PodSpec spec, Node node) {
        Map<String, String> labels = node.metadata().labels();
        for (Map.Entry<String, String> e : spec.nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        Affinity affinity = spec.affinity();
        if (affinity == null || affinity.nodeAffinity() == null
                || affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        for (NodeSelectorTerm term : affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution()
                .nodeSelectorTerms()) {
            if (termMatches(term, node)) {
                return true;
            }
        }
        return false;
    }

    /** Upstream nodeaffinity: the expressions and fields of a term are ANDed; an empty term matches nothing. */
    static boolean termMatches(NodeSelectorTerm term, Node node) {
        if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement r : term.matchExpressions()) {
            if (!requirementMatches(r, node.metadata().labels().get(r.key()))) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : term.matchFields()) {
            if (!NODE_FIELD.equals(r.key()) || !requirementMatches(r, node.metadata().name())) {
                return false;
            }
        }
        return true;
    }

    private static boolean requirementMatches(NodeSelectorRequirement r, String value) {
        return switch (r.operator()) {
            case "In" -> value != null && r.values().contains(value);
            case "NotIn" -> value == null || !r.values().contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> compare(r, value);
            default -> false;
        };
    }

    private static boolean compare(NodeSelectorRequirement r, String value) {
        if (value == null || r.values().size() != 1) {
            return false;
        }
        try {
            long have = Long.parseLong(value);
            long want = Long.parseLong(r.values().get(0));
            return r.operator().equals("Gt") ? have > want : have < want;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Every NoExecute taint (and, unless {@code noExecuteOnly}, NoSchedule taint) is tolerated. */
    private static boolean tolerated(List<Toleration> tolerations, Node node, boolean noExecuteOnly) {
        for (Taint taint : node.spec().taints()) {
            boolean counts = "NoExecute".equals(taint.effect()) || (!noExecuteOnly && "NoSchedule".equals(taint.effect()));
            if (counts && tolerations.stream().noneMatch(t -> t.toleratesTaint(taint))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pod's affinity pinned to {@code nodeName} (upstream ReplaceDaemonSetPodNodeNameNodeAffinity): every
     * required term keeps its label expressions and gets {@code metadata.name In [nodeName]} as its only
     * field expression; without required terms there is one term with just that field expression.
     */
    static Affinity pinned(Affinity affinity, String nodeName) {
        NodeSelectorRequirement field = new NodeSelectorRequirement(NODE_FIELD, "In", List.of(nodeName));
        NodeAffinity na = affinity == null ? null : affinity.nodeAffinity();
        NodeSelector required = na == null ? null : na.requiredDuringSchedulingIgnoredDuringExecution();
        List<NodeSelectorTerm> terms = new ArrayList<>();
        if (required == null || required.nodeSelectorTerms().isEmpty()) {
            terms.add(new NodeSelectorTerm(null, List.of(field)));
        } else {
            for (NodeSelectorTerm t : required.nodeSelectorTerms()) {
                terms.add(new NodeSelectorTerm(t.matchExpressions(), List.of(field)));
            }
        }
        NodeAffinity pinnedAffinity = new NodeAffinity(new NodeSelector(terms),
                na == null ? null : na.preferredDuringSchedulingIgnoredDuringExecution());
        return new Affinity(pinnedAffinity, affinity == null ? null : affinity.podAffinity(),
                affinity == null ? null : affinity.podAntiAffinity());
    }

    /** The node a daemon pod is bound or pinned to (upstream GetTargetNodeName), or null. */
    static String targetNode(PodSpec spec) {
        if (spec.nodeName() != null && !spec.nodeName().isEmpty()) {
            return spec.nodeName();
        }
        Affinity a = spec.affinity();
        if (a == null || a.nodeAffinity() == null || a.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution() == null) {
            return null;
        }
        for (NodeSelectorTerm t : a.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution().nodeSelectorTerms()) {
            for (NodeSelectorRequirement r : t.matchFields()) {
                if (NODE_FIELD.equals(r.key()) && "In".equals(r.operator()) && r.values().size() == 1) {
                    return r.values().get(0);
                }
            }
        }
        return null;
    }
}
