package io.ksim.scheduler.plugins;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.selector.Operator;
import io.ksim.api.selector.Requirement;
import io.ksim.api.selector.SelectorException;
import io.ksim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A topology spread constraint as the plugin uses it (upstream podtopologyspread.topologySpreadConstraint):
 * the selector already extended with {@code matchLabelKeys} (the pod's values for those keys), minDomains
 * defaulted to 1, and the node inclusion policies defaulted (affinity Honor, taints Ignore).
 */
record SpreadConstraint(int maxSkew, String topologyKey, int minDomains, LabelSelector selector,
        boolean honorNodeAffinity, boolean honorNodeTaints) {


    /** The pod's constraints with {@code whenUnsatisfiable == action}. */
    static List<SpreadConstraint> of(Pod pod, String action) {
        List<SpreadConstraint> out = new ArrayList<>();
        for (TopologySpreadConstraint c : pod.spec().topologySpreadConstraints()) {
            if (!action.equals(c.whenUnsatisfiable())) {
                continue;
            }
            LabelSelector selector = parse(c.labelSelector());
            for (String key : c.matchLabelKeys()) {
                String value = pod.metadata().labels().get(key);
                if (value != null) {
                    selector = selector.add(Requirement.of(key, Operator.IN, List.of(value)));
                }
            }
            out.add(new SpreadConstraint(c.maxSkew(), c.topologyKey(), c.minDomains() == null ? 1 : c.minDomains(),
                    selector, !TopologySpreadConstraint.NODE_INCLUSION_POLICY_IGNORE.equals(c.nodeAffinityPolicy()),
                    TopologySpreadConstraint.NODE_INCLUSION_POLICY_HONOR.equals(c.nodeTaintsPolicy())));
        }
        return out;
    }

    /** upstream's system default constraints (zone maxSkew 5, hostname maxSkew 3, ScheduleAnyway). */
    static List<SpreadConstraint> systemDefaults(LabelSelector selector) {
        if (selector == null || selector.isEmpty() || selector.isNothing()) {
            return List.of();
        }
        return List.of(new SpreadConstraint(3, WellKnownLabels.HOSTNAME, 1, selector, true, false),
                new SpreadConstraint(5, WellKnownLabels.TOPOLOGY_ZONE, 1, selector, true, false));
    }

    private static LabelSelector parse(io.ksim.api.meta.LabelSelector s) {
        if (s == null) {
            return LabelSelector.nothing();
        }
        try {
            return LabelSelector.fromLabelSelector(s.matchLabels(), s.matchExpressions());
        } catch (SelectorException invalid) {
            return LabelSelector.nothing();
        }
    }

    /** Whether the node counts for this constraint under its inclusion policies. */
    boolean includes(PodInfo pod, Node node) {
        if (honorNodeAffinity && !NodeAffinity.requiredMatches(pod.pod(), node)) {
            return false;
        }
        return !honorNodeTaints || Tolerations.firstUntolerated(node.spec().taints(), pod.pod().spec().tolerations(),
                Tolerations::doNotSchedule) == null;
    }

    /** Whether the node has every constraint's topology key. */
    static boolean hasAllKeys(Map<String, String> labels, List<SpreadConstraint> constraints) {
        for (SpreadConstraint c : constraints) {
            if (!labels.containsKey(c.topologyKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per-node counts of matching pods remembered across cycles: replicas of one workload share a selector,
     * so the next replica's cycle only recounts the nodes whose pods changed. Keyed by selector and
     * namespace, then by NodeInfo identity with the node's generation.
     */
    static final class CountMemo {
        private static final int MAX_SELECTORS = 256;
        private final java.util.Map<MemoKey, java.util.IdentityHashMap<io.ksim.scheduler.framework.NodeInfo, long[]>> memo =
                new java.util.HashMap<>();
        /**
         * Canonical strings of the selectors seen lately, by identity: a cycle asks about the same selector
         * object for every node, and printing it each time cost more than the counting it saves.
         */
        private final java.util.IdentityHashMap<LabelSelector, String> printed = new java.util.IdentityHashMap<>();

        /** The canonical string is "" for both everything and nothing: {@code nothing} tells them apart. */
        private record MemoKey(String namespace, String selector, boolean nothing) {
        }

        int count(io.ksim.scheduler.framework.NodeInfo node, LabelSelector selector, String namespace) {
            String text = printed.get(selector);
            if (text == null) {
                if (printed.size() >= MAX_SELECTORS) {
                    printed.clear();
                }
                text = selector.toString();
                printed.put(selector, text);
            }
            MemoKey key = new MemoKey(namespace, text, selector.isNothing());
            var perNode = memo.get(key);
            if (perNode == null) {
                if (memo.size() >= MAX_SELECTORS) {
                    memo.clear();
                }
                perNode = new java.util.IdentityHashMap<>();
                memo.put(key, perNode);
            }
            long[] hit = perNode.get(node);
            if (hit != null && hit[0] == node.generation()) {
                return (int) hit[1];
            }
            int n = countMatching(node.pods(), selector, namespace);
            perNode.put(node, new long[] {node.generation(), n});
            return n;
        }
    }

    /** Pods on a node in {@code namespace}, not being deleted, that the selector selects (upstream countPodsMatchSelector). */
    static int countMatching(Iterable<PodInfo> pods, LabelSelector selector, String namespace) {
        if (selector.isNothing()) {
            return 0;
        }
        int n = 0;
        for (PodInfo p : pods) {
            if (p.pod().metadata().deletionTimestamp() == null && namespace.equals(p.pod().metadata().namespace())
                    && selector.matches(p.pod().metadata().labels())) {
                n++;
            }
        }
        return n;
    }
}
