package io.ksim.scheduler.plugins;

import io.ksim.api.core.Pod;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.selector.LabelSelector;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Topology spread constraints (upstream podtopologyspread plugin).
 *
 * <p>Filter (DoNotSchedule constraints): over the nodes that have every constraint's key and pass its
 * inclusion policies, count matching pods per domain. A node without the key is rejected as unresolvable;
 * otherwise {@code count(domain) + (1 if the pod matches its own selector) - min over domains} must not
 * exceed maxSkew, where the minimum is 0 while fewer than minDomains domains exist.
 *
 * <p>Score (ScheduleAnyway constraints, or the system defaults for a pod that has none and belongs to a
 * Service, ReplicaSet or StatefulSet): per constraint, {@code count * log(domains + 2) + maxSkew - 1},
 * summed and rounded; normalized as {@code 100 * (max + min - s) / max}, nodes missing a key getting 0.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "PodTopologySpread";
    public static final String ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
    public static final String ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + " (missing required label)";

    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    /** The selector of the workloads a pod belongs to (upstream helper.DefaultSelector), or null. */
    private final Function<Pod, LabelSelector> defaultSelector;
    private final SpreadConstraint.CountMemo counts = new SpreadConstraint.CountMemo();

    public PodTopologySpread(Function<Pod, LabelSelector> defaultSelector) {
        this.defaultSelector = defaultSelector;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.ASSIGNED_POD_ADD, ClusterEvent.ASSIGNED_POD_UPDATE, ClusterEvent.ASSIGNED_POD_DELETE,
                ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE, ClusterEvent.NODE_DELETE);
    }

    record FilterState(List<SpreadConstraint> constraints, List<Map<String, Integer>> counts, long[] minMatch) {
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        List<SpreadConstraint> constraints = SpreadConstraint.of(pod.pod(), TopologySpreadConstraint.DO_NOT_SCHEDULE);
        if (constraints.isEmpty()) {
            return Status.SKIP;
        }
        List<Map<String, Integer>> counts = new ArrayList<>();
        constraints.forEach(c -> counts.add(new HashMap<>()));
        String ns = pod.pod().metadata().namespace();
        for (NodeInfo node : snapshot.nodes()) {
            Map<String, String> labels = node.labels();
            if (!SpreadConstraint.hasAllKeys(labels, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                SpreadConstraint c = constraints.get(i);
                if (!c.includes(pod, node.node())) {
                    continue;
                }
                counts.get(i).merge(labels.get(c.topologyKey()), this.counts.count(node, c.selector(), ns),
                        Integer::sum);
            }
        }
        state.write(PRE_FILTER_KEY, new FilterState(constraints, counts, minMatch(constraints, counts)));
        return Status.SUCCESS;
    }

    /** The smallest count over each constraint's domains; 0 while there are fewer domains than minDomains. */
    private static long[] minMatch(List<SpreadConstraint> constraints, List<Map<String, Integer>> counts) {
        long[] minMatch = new long[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            long min = Integer.MAX_VALUE;
            for (int v : counts.get(i).values()) {
                min = Math.min(min, v);
            }
            if (counts.get(i).size() < constraints.get(i).minDomains()) {
                min = 0;
            }
            minMatch[i] = min;
        }
        return minMatch;
    }

    /**
     * upstream AddPod (preFilterState.updateWithPod with +1): a pod nominated to {@code node} counts in the
     * node's domain for each constraint that selects it, if it is in the incoming pod's namespace and the node
     * has every topology key and passes the constraint's inclusion policies.
     */
    @Override
    public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY);
        if (s == null || !podToSchedule.pod().metadata().namespace().equals(added.pod().metadata().namespace())
                || !SpreadConstraint.hasAllKeys(node.labels(), s.constraints())) {
            return Status.SUCCESS;
        }
        List<Map<String, Integer>> counts = new ArrayList<>(s.counts().size());
        for (int i = 0; i < s.constraints().size(); i++) {
            SpreadConstraint c = s.constraints().get(i);
            Map<String, Integer> domainCounts = s.counts().get(i);
            if (c.selector().matches(added.pod().metadata().labels()) && c.includes(podToSchedule, node.node())) {
                domainCounts = new HashMap<>(domainCounts);
                domainCounts.merge(node.labels().get(c.topologyKey()), 1, Integer::sum);
            }
            counts.add(domainCounts);
        }
        state.write(PRE_FILTER_KEY, new FilterState(s.constraints(), counts, minMatch(s.constraints(), counts)));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY);
        if (s == null) {
            return Status.SUCCESS;
        }
        Map<String, String> labels = node.labels();
        for (int i = 0; i < s.constraints().size(); i++) {
            SpreadConstraint c = s.constraints().get(i);
            String value = labels.get(c.topologyKey());
            if (value == null) {
                return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
            }
            int self = c.selector().matches(pod.pod().metadata().labels()) ? 1 : 0;
            long skew = (long) s.counts().get(i).getOrDefault(value, 0) + self - s.minMatch()[i];
            if (skew > c.maxSkew()) {
                return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
            }
        }
        return Status.SUCCESS;
    }

    record ScoreState(List<SpreadConstraint> constraints, Set<String> ignoredNodes, List<Map<String, Long>> counts,
            double[] weights) {
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        if (snapshot.nodes().isEmpty()) {
            return Status.SKIP;
        }
        boolean own = !pod.pod().spec().topologySpreadConstraints().isEmpty();
        List<SpreadConstraint> constraints = own
                ? SpreadConstraint.of(pod.pod(), TopologySpreadConstraint.SCHEDULE_ANYWAY)
                : SpreadConstraint.systemDefaults(defaultSelector.apply(pod.pod()));
        if (constraints.isEmpty()) {
            return Status.SKIP;
        }
        // Only the pod's own constraints require every key; system defaults still spread over hostnames on
        // nodes without a zone label.
        boolean requireAll = own;
        Set<String> ignored = new HashSet<>();
        List<Map<String, Long>> counts = new ArrayList<>();
        constraints.forEach(c -> counts.add(new HashMap<>()));
        for (NodeInfo node : feasible) {
            Map<String, String> labels = node.labels();
            if (requireAll && !SpreadConstraint.hasAllKeys(labels, constraints)) {
                ignored.add(node.name());
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                String key = constraints.get(i).topologyKey();
                if (!key.equals(WellKnownLabels.HOSTNAME)) {
                    counts.get(i).putIfAbsent(labels.get(key), 0L);
                }
            }
        }
        double[] weights = new double[constraints.size()];
        for (int i = 0; i < constraints.size(); i++) {
            int size = constraints.get(i).topologyKey().equals(WellKnownLabels.HOSTNAME)
                    ? feasible.size() - ignored.size() : counts.get(i).size();
            weights[i] = Math.log(size + 2);
        }
        String ns = pod.pod().metadata().namespace();
        for (NodeInfo node : snapshot.nodes()) {
            Map<String, String> labels = node.labels();
            if (requireAll && !SpreadConstraint.hasAllKeys(labels, constraints)) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                SpreadConstraint c = constraints.get(i);
                if (!c.includes(pod, node.node())) {
                    continue;
                }
                String value = labels.get(c.topologyKey());
                if (value == null || !counts.get(i).containsKey(value)) {
                    continue;
                }
                counts.get(i).merge(value, (long) this.counts.count(node, c.selector(), ns), Long::sum);
            }
        }
        state.write(PRE_SCORE_KEY, new ScoreState(constraints, ignored, counts, weights));
        return Status.SUCCESS;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        ScoreState s = state.read(PRE_SCORE_KEY);
        if (s == null || s.ignoredNodes().contains(node.name())) {
            return 0;
        }
        Map<String, String> labels = node.labels();
        double score = 0;
        for (int i = 0; i < s.constraints().size(); i++) {
            SpreadConstraint c = s.constraints().get(i);
            String value = labels.get(c.topologyKey());
            if (value == null) {
                continue;
            }
            long count = c.topologyKey().equals(WellKnownLabels.HOSTNAME)
                    ? counts.count(node, c.selector(), pod.pod().metadata().namespace())
                    : s.counts().get(i).getOrDefault(value, 0L);
            score += count * s.weights()[i] + (c.maxSkew() - 1);
        }
        return Math.round(score);
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        ScoreState s = state.read(PRE_SCORE_KEY);
        if (s == null) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = 0;
        boolean[] ignored = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (s.ignoredNodes().contains(nodes.get(i).name())) {
                ignored[i] = true;
                continue;
            }
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        for (int i = 0; i < scores.length; i++) {
            if (ignored[i]) {
                scores[i] = 0;
            } else if (max == 0) {
                scores[i] = MAX_NODE_SCORE;
            } else {
                scores[i] = MAX_NODE_SCORE * (max + min - scores[i]) / max;
            }
        }
    }
}
