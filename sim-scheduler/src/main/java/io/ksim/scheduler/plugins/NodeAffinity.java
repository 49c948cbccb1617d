package io.ksim.scheduler.plugins;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Node;
import io.ksim.api.core.NodeSelector;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PreferredSchedulingTerm;
import io.ksim.scheduler.framework.ClusterEvent;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreFilterPlugin;
import io.ksim.scheduler.framework.PreScorePlugin;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code spec.nodeSelector} and node affinity (upstream nodeaffinity plugin).
 *
 * <p>Filter: every nodeSelector label must be on the node with that value, and, if the pod has required
 * node affinity, one of its terms must match ({@code node(s) didn't match Pod's node affinity/selector}).
 * PreFilter: when every required term pins node names ({@code metadata.name In [...]}, as a DaemonSet's pods
 * do), only those nodes are filtered (upstream's PreFilterResult); terms pinning no common name are
 * {@value #ERR_REASON_CONFLICT}.
 * Score: the sum of the weights of the preferred terms the node matches, normalized so the best node
 * gets 100.
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "NodeAffinity";
    public static final String ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
    /** upstream errReasonConflict: the required terms pin node names that no node can have at once. */
    public static final String ERR_REASON_CONFLICT = "pod affinity terms conflict";
    static final String METADATA_NAME = "metadata.name";
    private static final String STATE_KEY = "PreFilter" + NAME;
    /** Written when PreFilter ran but pins no names. */
    private static final Set<String> NO_NAMES = java.util.Collections.unmodifiableSet(new TreeSet<>());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        Pod p = pod.pod();
        NodeSelector required = required(p);
        if (p.spec().nodeSelector().isEmpty() && required == null) {
            return Status.SKIP;
        }
        Set<String> names = required == null ? null : pinnedNodeNames(required);
        if (names != null && names.isEmpty()) {
            return Status.unresolvable(ERR_REASON_CONFLICT);
        }
        state.write(STATE_KEY, names == null ? NO_NAMES : names);
        return Status.SUCCESS;
    }

    @Override
    public Set<String> preFilterNodeNames(CycleState state) {
        Set<String> names = state.read(STATE_KEY);
        return names == null || names == NO_NAMES ? null : names;
    }

    /**
     * The node names the required terms pin with {@code metadata.name In [...]} match fields, or null when
     * some term does not pin names (terms are ORed, so then every node may match). Within a term the name
     * requirements are ANDed (intersected); across terms the names are united. An empty set means the
     * terms conflict. Example: terms [name In (a, b) AND name In (b, c)] OR [name In (d)] pin {b, d}.
     */
    static Set<String> pinnedNodeNames(NodeSelector required) {
        if (required.nodeSelectorTerms().isEmpty()) {
            return null;
        }
        Set<String> union = new TreeSet<>();
        for (NodeSelectorTerm term : required.nodeSelectorTerms()) {
            Set<String> termNames = null;
            for (NodeSelectorRequirement r : term.matchFields()) {
                if (METADATA_NAME.equals(r.key()) && io.ksim.api.core.NodeSelectorOperator.IN.equals(r.operator())) {
                    if (termNames == null) {
                        termNames = new TreeSet<>(r.values());
                    } else {
                        termNames.retainAll(r.values());
                    }
                }
            }
            if (termNames == null) {
                return null;
            }
            union.addAll(termNames);
        }
        return union;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        return requiredMatches(pod.pod(), node.node()) ? Status.SUCCESS : Status.unresolvable(ERR_REASON_POD);
    }

    /** Whether {@code node} satisfies the pod's nodeSelector and required node affinity (upstream GetRequiredNodeAffinity.Match). */
    public static boolean requiredMatches(Pod pod, Node node) {
        NodeSelector required = required(pod);
        if (pod.spec().nodeSelector().isEmpty() && required == null) {
            // nothing to match: PodTopologySpread asks this for every node of the cluster in every cycle, and
            // reaching the node's labels cost a cache miss or two per node
            return true;
        }
        Map<String, String> labels = node.metadata().labels();
        for (Map.Entry<String, String> e : pod.spec().nodeSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return required == null || NodeSelectors.matches(required, node);
    }

    private static NodeSelector required(Pod pod) {
        Affinity a = pod.spec().affinity();
        return a == null || a.nodeAffinity() == null ? null
                : a.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
    }

    private static List<PreferredSchedulingTerm> preferred(Pod pod) {
        Affinity a = pod.spec().affinity();
        return a == null || a.nodeAffinity() == null ? List.of()
                : a.nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution();
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        return preferred(pod.pod()).isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        long sum = 0;
        for (PreferredSchedulingTerm t : preferred(pod.pod())) {
            if (t.weight() != 0 && NodeSelectors.matches(t.preference(), node.node())) {
                sum += t.weight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        NormalizeScore.defaultNormalize(scores, false);
    }
}
