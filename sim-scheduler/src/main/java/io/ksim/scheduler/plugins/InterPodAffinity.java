package io.ksim.scheduler.plugins;

import io.ksim.scheduler.framework.AffinityTerm;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pod affinity and anti-affinity (upstream interpodaffinity plugin).
 *
 * <p>PreFilter counts, per topology pair (key, value): existing pods whose required anti-affinity selects
 * the incoming pod; existing pods that match all the incoming pod's required affinity terms; existing pods
 * matching each of its required anti-affinity terms. Filter then rejects a node whose pairs have
 * (in this order) no pod to be with, a pod to stay away from, or an existing pod that wants this one away.
 * The first pod of a group that selects itself may go anywhere its affinity's topology keys exist.
 *
 * <p>Score: per topology pair, + weight of each preferred affinity term an existing pod matches, - weight
 * for preferred anti-affinity; + 1 (hardPodAffinityWeight) for each existing pod's required affinity term
 * the incoming pod matches; +/- weight of existing pods' preferred terms that select the incoming pod. A
 * node scores the sum over its pairs; normalized as 100 * (s - min) / (max - min), with min <= 0 <= max.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {

    public static final String NAME = "InterPodAffinity";
    public static final String ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
    public static final String ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
    public static final String ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    /** upstream's default hardPodAffinityWeight. */
    public static final int HARD_POD_AFFINITY_WEIGHT = 1;

    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    /** A topology domain: a node label key and its value. */
    record Pair(String key, String value) {
    }

    /** What PreFilter counted. */
    record FilterState(Map<Pair, Integer> existingAntiAffinity, Map<Pair, Integer> affinity,
            Map<Pair, Integer> antiAffinity, PodInfo pod, Snapshot snapshot) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClusterEvent> events() {
        return Set.of(ClusterEvent.ASSIGNED_POD_ADD, ClusterEvent.ASSIGNED_POD_UPDATE, ClusterEvent.ASSIGNED_POD_DELETE,
                ClusterEvent.NODE_ADD, ClusterEvent.NODE_UPDATE);
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        boolean incomingHasTerms = !pod.requiredAffinity().isEmpty() || !pod.requiredAntiAffinity().isEmpty();
        if (!incomingHasTerms && !snapshot.anyPodsWithRequiredAntiAffinity()) {
            return Status.SKIP;
        }
        Map<Pair, Integer> existingAnti = new HashMap<>();
        Map<Pair, Integer> affinity = new HashMap<>();
        Map<Pair, Integer> anti = new HashMap<>();
        for (NodeInfo node : snapshot.nodes()) {
            if (!incomingHasTerms && !node.hasPodsWithRequiredAntiAffinity()) {
                continue;
            }
            Map<String, String> labels = node.labels();
            for (PodInfo existing : node.pods()) {
                count(existingAnti, affinity, anti, pod, existing, labels, snapshot);
            }
        }
        if (!incomingHasTerms && existingAnti.isEmpty()) {
            return Status.SKIP;
        }
        state.write(PRE_FILTER_KEY, new FilterState(existingAnti, affinity, anti, pod, snapshot));
        return Status.SUCCESS;
    }

    /** Counts what {@code existing}, on a node with {@code labels}, means for the incoming {@code pod}. */
    private static void count(Map<Pair, Integer> existingAnti, Map<Pair, Integer> affinity, Map<Pair, Integer> anti,
            PodInfo pod, PodInfo existing, Map<String, String> labels, Snapshot snapshot) {
        for (AffinityTerm t : existing.requiredAntiAffinity()) {
            if (t.matches(pod.pod(), snapshot.namespaceLabels())) {
                increment(existingAnti, labels, t.topologyKey());
            }
        }
        if (!pod.requiredAffinity().isEmpty() && matchesAll(pod.requiredAffinity(), existing, snapshot)) {
            for (AffinityTerm t : pod.requiredAffinity()) {
                increment(affinity, labels, t.topologyKey());
            }
        }
        for (AffinityTerm t : pod.requiredAntiAffinity()) {
            if (t.matches(existing.pod(), snapshot.namespaceLabels())) {
                increment(anti, labels, t.topologyKey());
            }
        }
    }

    /** upstream AddPod (preFilterState.updateWithPod with +1): a nominated pod counts like an existing one. */
    @Override
    public Status addPod(CycleState state, PodInfo podToSchedule, PodInfo added, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY);
        if (s == null) {
            return Status.SUCCESS;
        }
        Map<Pair, Integer> existingAnti = new HashMap<>(s.existingAntiAffinity());
        Map<Pair, Integer> affinity = new HashMap<>(s.affinity());
        Map<Pair, Integer> anti = new HashMap<>(s.antiAffinity());
        count(existingAnti, affinity, anti, s.pod(), added, node.labels(), s.snapshot());
        state.write(PRE_FILTER_KEY, new FilterState(existingAnti, affinity, anti, s.pod(), s.snapshot()));
        return Status.SUCCESS;
    }

    private static boolean matchesAll(List<AffinityTerm> terms, PodInfo existing, Snapshot snapshot) {
        for (AffinityTerm t : terms) {
            if (!t.matches(existing.pod(), snapshot.namespaceLabels())) {
                return false;
            }
        }
        return true;
    }

    private static void increment(Map<Pair, Integer> counts, Map<String, String> labels, String key) {
        String value = labels.get(key);
        if (value != null) {
            counts.merge(new Pair(key, value), 1, Integer::sum);
        }
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        FilterState s = state.read(PRE_FILTER_KEY);
        if (s == null) {
            return Status.SUCCESS;
        }
        Map<String, String> labels = node.labels();
        if (!satisfiesPodAffinity(s, labels)) {
            return Status.unresolvable(ERR_REASON_AFFINITY);
        }
        for (AffinityTerm t : pod.requiredAntiAffinity()) {
            String v = labels.get(t.topologyKey());
            if (v != null && s.antiAffinity().getOrDefault(new Pair(t.topologyKey(), v), 0) > 0) {
                return Status.unschedulable(ERR_REASON_ANTI_AFFINITY);
            }
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (s.existingAntiAffinity().getOrDefault(new Pair(label.getKey(), label.getValue()), 0) > 0) {
                return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY);
            }
        }
        return Status.SUCCESS;
    }

    private static boolean satisfiesPodAffinity(FilterState s, Map<String, String> labels) {
        List<AffinityTerm> terms = s.pod().requiredAffinity();
        boolean podsExist = true;
        for (AffinityTerm t : terms) {
            String v = labels.get(t.topologyKey());
            if (v == null) {
                return false;
            }
            if (s.affinity().getOrDefault(new Pair(t.topologyKey(), v), 0) <= 0) {
                podsExist = false;
            }
        }
        if (podsExist) {
            return true;
        }
        // No pod anywhere matches yet: the first pod of a self-selecting group may start it.
        return s.affinity().isEmpty() && terms.stream()
                .allMatch(t -> t.matches(s.pod().pod(), s.snapshot().namespaceLabels()));
    }

    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        boolean incomingPreferred = !pod.preferredAffinity().isEmpty() || !pod.preferredAntiAffinity().isEmpty();
        if (!incomingPreferred && !snapshot.anyPodsWithAffinity()) {
            return Status.SKIP;
        }
        Map<String, Map<String, Long>> topologyScore = new TreeMap<>();
        for (NodeInfo node : snapshot.nodes()) {
            if (!incomingPreferred && !node.hasPodsWithAffinity()) {
                continue;
            }
            Map<String, String> labels = node.labels();
            for (PodInfo existing : node.pods()) {
                if (!incomingPreferred && !existing.hasAffinityTerms()) {
                    continue;
                }
                for (AffinityTerm t : pod.preferredAffinity()) {
                    add(topologyScore, t, existing, labels, t.weight(), snapshot);
                }
                for (AffinityTerm t : pod.preferredAntiAffinity()) {
                    add(topologyScore, t, existing, labels, -t.weight(), snapshot);
                }
                for (AffinityTerm t : existing.requiredAffinity()) {
                    add(topologyScore, t, pod, labels, HARD_POD_AFFINITY_WEIGHT, snapshot);
                }
                for (AffinityTerm t : existing.preferredAffinity()) {
                    add(topologyScore, t, pod, labels, t.weight(), snapshot);
                }
                for (AffinityTerm t : existing.preferredAntiAffinity()) {
                    add(topologyScore, t, pod, labels, -t.weight(), snapshot);
                }
            }
        }
        if (topologyScore.isEmpty()) {
            return Status.SKIP;
        }
        state.write(PRE_SCORE_KEY, topologyScore);
        return Status.SUCCESS;
    }

    /** Adds {@code weight} to the term's pair on {@code labels} if {@code podToCheck} matches the term. */
    private static void add(Map<String, Map<String, Long>> scores, AffinityTerm t, PodInfo podToCheck,
            Map<String, String> labels, long weight, Snapshot snapshot) {
        String v = labels.get(t.topologyKey());
        if (v != null && t.matches(podToCheck.pod(), snapshot.namespaceLabels())) {
            scores.computeIfAbsent(t.topologyKey(), k -> new TreeMap<>()).merge(v, weight, Long::sum);
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Map<String, Map<String, Long>> topologyScore = state.read(PRE_SCORE_KEY);
        if (topologyScore == null) {
            return 0;
        }
        long score = 0;
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, Map<String, Long>> e : topologyScore.entrySet()) {
            String v = labels.get(e.getKey());
            if (v != null) {
                score += e.getValue().getOrDefault(v, 0L);
            }
        }
        return score;
    }

    @Override
    public void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        if (state.read(PRE_SCORE_KEY) == null) {
            return;
        }
        // upstream starts from the extremes, so the range is the scores' own (raw {5, 10} -> {0, 100}); equal
        // scores leave no range and all become 0
        long max = Long.MIN_VALUE;
        long min = Long.MAX_VALUE;
        for (long s : scores) {
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        long diff = max - min;
        for (int i = 0; i < scores.length; i++) {
            double f = 0;
            if (diff > 0) {
                f = (double) MAX_NODE_SCORE * ((double) (scores[i] - min) / (double) diff);
            }
            scores[i] = (long) f;
        }
    }
}
