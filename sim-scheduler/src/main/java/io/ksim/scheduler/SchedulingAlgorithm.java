package io.ksim.scheduler;

import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FilterPlugin;
import io.ksim.scheduler.framework.FitError;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One pod's trip through PreFilter, Filter, PreScore, Score and host selection (upstream
 * schedule_one.go: schedulePod, findNodesThatFitPod, prioritizeNodes, selectHost).
 *
 * <p>Nodes are visited from a start index that rotates across cycles, and the search stops once
 * {@link #numFeasibleNodesToFind} feasible nodes are found. A single feasible node is taken without
 * scoring. Among the best-scored nodes one is chosen uniformly by reservoir sampling with the scheduler's
 * random stream, visiting them in the order they were found.
 */
public final class SchedulingAlgorithm {

    /** upstream minFeasibleNodesToFind. */
    public static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    /** upstream minFeasibleNodesPercentageToFind. */
    public static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
    /** upstream DefaultPercentageOfNodesToScore base of the adaptive formula. */
    public static final int ADAPTIVE_BASE_PERCENTAGE = 50;
    /** upstream ErrNoNodesAvailable. */
    public static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    private final Framework framework;
    private final SplittableRandom random;
    /** 0 means upstream's adaptive default. */
    private final int percentageOfNodesToScore;
    private int nextStartNodeIndex;
    /** The pods nominated to a node by preemption (upstream's nominator); never null. */
    private final Function<String, List<PodInfo>> nominatedPods;
    /**
     * Whether any pod is nominated anywhere; when none is, the search does not ask node by node (the lookup
     * reached each node's name, a cache line of its own on large clusters).
     */
    private final java.util.function.BooleanSupplier anyNominated;
    /**
     * One Score plugin's scores of the feasible nodes, reused from plugin to plugin and cycle to cycle (as
     * long as the number of feasible nodes stays the same): only their int copies are kept for explanations.
     */
    private long[] scratch = new long[0];
    /** The filters' verdicts about the nodes of a cycle, indexed as the nodes; reused from cycle to cycle. */
    private Status[] verdicts = new Status[0];
    /** The smallest filter batch (see {@link #findFeasible}). */
    private static final int MIN_BATCH = 32;

    public SchedulingAlgorithm(Framework framework, SplittableRandom random, int percentageOfNodesToScore) {
        this(framework, random, percentageOfNodesToScore, node -> List.of(), () -> false);
    }

    public SchedulingAlgorithm(Framework framework, SplittableRandom random, int percentageOfNodesToScore,
            Function<String, List<PodInfo>> nominatedPods) {
        this(framework, random, percentageOfNodesToScore, nominatedPods, () -> true);
    }

    /** {@code anyNominated} must be true whenever {@code nominatedPods} gives a non-empty list for some node. */
    public SchedulingAlgorithm(Framework framework, SplittableRandom random, int percentageOfNodesToScore,
            Function<String, List<PodInfo>> nominatedPods, java.util.function.BooleanSupplier anyNominated) {
        this.framework = framework;
        this.random = random;
        this.percentageOfNodesToScore = percentageOfNodesToScore;
        this.nominatedPods = nominatedPods;
        this.anyNominated = anyNominated;
    }

    /** The outcome of one attempt: a node, or a FitError / error status; and its explanation. */
    public record Result(String node, FitError fitError, Status error, CycleState state, SchedulingDecision decision,
            int evaluatedNodes, int feasibleNodes, String firstRejection) {
    }

    public int nextStartNodeIndex() {
        return nextStartNodeIndex;
    }

    /**
     * upstream numFeasibleNodesToFind: all nodes below 100 or at 100%; otherwise the percentage (by default
     * 50 - nodes/125, at least 5) of the nodes, at least 100. Example: 5000 nodes -> 10% -> 500.
     */
    public static int numFeasibleNodesToFind(int percentage, int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) {
            return numAllNodes;
        }
        int p = percentage;
        if (p <= 0) {
            p = ADAPTIVE_BASE_PERCENTAGE - numAllNodes / 125;
            if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
                p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
            }
        }
        int num = (int) ((long) numAllNodes * p / 100);
        return Math.max(num, MIN_FEASIBLE_NODES_TO_FIND);
    }

    public Result schedule(PodInfo pod, Snapshot snapshot, long nanos, int attempt) {
        List<NodeInfo> all = snapshot.nodes();
        CycleState state = new CycleState();
        if (all.isEmpty()) {
            Status err = Status.unresolvable(NO_NODES_AVAILABLE);
            return new Result(null, null, err, state,
                    new SchedulingDecision(pod.key(), nanos, attempt, null, NO_NODES_AVAILABLE, 0, List.of()), 0, 0, null);
        }
        Framework.PreFilterOutcome pre = framework.runPreFilter(state, pod, snapshot);
        if (!pre.status().isSuccess()) {
            Status rejection = pre.status();
            if (!rejection.isRejected()) {
                return failure(pod, state, nanos, attempt, all, null, rejection, Map.of());
            }
            Map<String, Status> statuses = new LinkedHashMap<>();
            for (NodeInfo n : all) {
                statuses.put(n.name(), rejection);
            }
            FitError fit = new FitError(all.size(), statuses, pre.narrowedBy(), rejection.message(), "");
            return failure(pod, state, nanos, attempt, all, fit, null, statuses);
        }
        List<NodeInfo> feasible = new ArrayList<>(Math.min(all.size(),
                numFeasibleNodesToFind(percentageOfNodesToScore, all.size())));
        Map<String, Status> statuses = new LinkedHashMap<>();
        int processed = 0;
        NodeInfo nominated = snapshot.get(pod.pod().status().nominatedNodeName() == null ? ""
                : pod.pod().status().nominatedNodeName());
        boolean nominatedRejected = false;
        if (nominated != null) {
            // upstream evaluates the node preemption nominated first (evaluateNominatedNode), without moving the
            // start index; if it fits, the search ends there
            Map<String, Status> first = new LinkedHashMap<>();
            processed = findFeasible(state, pod, new NodeInfo[] {nominated}, pre.skipped(), feasible, first);
            nominatedRejected = !first.isEmpty();
        }
        Map<String, Status> outside = Map.of();
        if (feasible.isEmpty()) {
            NodeInfo[] candidates = snapshot.nodeArray();
            if (pre.nodeNames() != null) {
                List<NodeInfo> narrowed = new ArrayList<>(pre.nodeNames().size());
                outside = new LinkedHashMap<>();
                narrow(all, pre, narrowed, outside);
                candidates = narrowed.toArray(NodeInfo[]::new);
            }
            processed = findFeasible(state, pod, candidates, pre.skipped(), feasible, statuses);
            // upstream findNodesThatFitPod: the index moves by the feasible nodes plus the nodes with a status in
            // the diagnosis, which still holds the nominated node's rejection if the search did not reach it
            int counted = feasible.size() + statuses.size()
                    + (nominatedRejected && !statuses.containsKey(nominated.name()) ? 1 : 0);
            nextStartNodeIndex = (nextStartNodeIndex + counted) % all.size();
        }
        if (feasible.isEmpty()) {
            statuses.putAll(outside);
            FitError fit = new FitError(all.size(), statuses, pre.narrowedBy(), "", "");
            return failure(pod, state, nanos, attempt, all, fit, null, statuses);
        }
        String firstRejection = firstRejection(statuses);
        statuses.putAll(outside);
        Scores scores = null;
        String chosen;
        String summary;
        if (feasible.size() == 1) {
            chosen = feasible.get(0).name();
            summary = "only feasible node of " + processed + " examined";
        } else {
            scores = prioritize(state, pod, feasible, snapshot);
            int best = selectHost(scores.totals, random);
            chosen = feasible.get(best).name();
            summary = "score " + scores.totals[best] + " of " + feasible.size() + " feasible nodes";
        }
        Scores kept = scores;
        SchedulingDecision d = new SchedulingDecision(pod.key(), nanos, attempt, chosen, summary, all.size(),
                () -> verdicts(all, statuses, feasible, kept));
        return new Result(chosen, null, null, state, d, processed, feasible.size(), firstRejection);
    }

    /**
     * upstream findNodesThatFitPod with a PreFilterResult: only the named nodes are filtered, in node-tree
     * order; every other node counts as UnschedulableAndUnresolvable
     * {@code node(s) didn't satisfy plugin(s) [NodeAffinity]}, attributed to the narrowing plugin.
     */
    private static void narrow(List<NodeInfo> all, Framework.PreFilterOutcome pre, List<NodeInfo> candidates,
            Map<String, Status> outside) {
        Status rejected = Status.unresolvable("node(s) didn't satisfy plugin(s) [" + String.join(" ", pre.narrowedBy())
                + "]").withPlugin(pre.narrowedBy().first());
        for (NodeInfo n : all) {
            if (pre.nodeNames().contains(n.name())) {
                candidates.add(n);
            } else {
                outside.put(n.name(), rejected);
            }
        }
    }

    private static String firstRejection(Map<String, Status> statuses) {
        for (Map.Entry<String, Status> e : statuses.entrySet()) {
            return e.getKey() + ": " + e.getValue().message();
        }
        return null;
    }

    /**
     * Filters {@code all} from the start index (the caller moves the index on).
     *
     * <p>The nodes are filtered in batches, plugin by plugin ({@link Framework#runFilterAll}), in the order
     * upstream visits them one by one. A batch is a run of consecutive nodes (it ends where the rotation wraps
     * around) as long as the number of feasible nodes still missing, but at least {@link #MIN_BATCH}; results
     * past the last feasible node needed are dropped unseen, so what is processed, found feasible and rejected
     * is exactly what the node-by-node search gives. A node with nominated pods is filtered again on its own
     * with them ({@link Framework#runFilterWithNominatedPods}).
     */
    private int findFeasible(CycleState state, PodInfo pod, NodeInfo[] all, Set<String> skipped,
            List<NodeInfo> feasible, Map<String, Status> statuses) {
        FilterPlugin[] active = framework.filtersExcept(skipped);
        int n = all.length;
        if (n == 0) {
            return 0;
        }
        if (verdicts.length < n) {
            verdicts = new Status[n];
        }
        int toFind = numFeasibleNodesToFind(percentageOfNodesToScore, n);
        int processed = 0;
        int visited = 0;
        int index = nextStartNodeIndex % n;
        boolean nominations = anyNominated.getAsBoolean();
        while (visited < n && feasible.size() < toFind) {
            int from = index;
            int to = Math.min(n, from + Math.min(n - visited, Math.max(toFind - feasible.size(), MIN_BATCH)));
            visited += to - from;
            index = to == n ? 0 : to;
            framework.runFilterAll(state, pod, all, from, to, active, verdicts);
            for (int i = from; i < to && feasible.size() < toFind; i++) {
                NodeInfo node = all[i];
                processed++;
                Status s = verdicts[i];
                List<PodInfo> nominated = nominations ? nominatedPods.apply(node.name()) : List.of();
                if (!nominated.isEmpty()) {
                    s = framework.runFilterWithNominatedPods(state, pod, node, active, skipped, nominated);
                    s = s.isSuccess() ? null : s;
                }
                if (s == null) {
                    feasible.add(node);
                } else {
                    statuses.put(node.name(), s);
                }
            }
        }
        return processed;
    }

    /** What scoring kept: per plugin (profile order) the raw and normalized score of each feasible node. */
    private record Scores(List<Framework.WeightedScorePlugin> plugins, List<int[]> raw, List<int[]> normalized,
            long[] totals) {
    }

    private Scores prioritize(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        Set<String> skipped = framework.runPreScore(state, pod, feasible, snapshot);
        int n = feasible.size();
        long[] totals = new long[n];
        List<Framework.WeightedScorePlugin> used = new ArrayList<>();
        List<int[]> raws = new ArrayList<>();
        List<int[]> norms = new ArrayList<>();
        for (Framework.WeightedScorePlugin wp : framework.scorePlugins()) {
            if (skipped.contains(wp.plugin().name())) {
                continue;
            }
            if (scratch.length != n) {
                scratch = new long[n];
            }
            long[] scores = scratch;
            wp.plugin().scoreAll(state, pod, feasible, scores);
            int[] raw = toInts(scores);
            wp.plugin().normalize(state, pod, feasible, scores);
            long weight = wp.weight();
            boolean unchanged = true;
            for (int i = 0; i < n; i++) {
                totals[i] += scores[i] * weight;
                unchanged &= raw[i] == scores[i];
            }
            used.add(wp);
            raws.add(raw);
            // most plugins' scores are already 0..100 and normalizing leaves them as they are: share the copy
            norms.add(unchanged ? raw : toInts(scores));
        }
        return new Scores(used, raws, norms, totals);
    }

    private static int[] toInts(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, a[i]));
        }
        return out;
    }

    /**
     * upstream selectHost: the index of a highest total, chosen uniformly among ties by reservoir
     * sampling: the k-th tie replaces the choice when {@code random.nextInt(k) == 0}.
     */
    public static int selectHost(long[] totals, SplittableRandom random) {
        int selected = 0;
        long max = totals[0];
        int ties = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > max) {
                max = totals[i];
                selected = i;
                ties = 1;
            } else if (totals[i] == max) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    selected = i;
                }
            }
        }
        return selected;
    }

    private static List<NodeVerdict> verdicts(List<NodeInfo> all, Map<String, Status> statuses, List<NodeInfo> feasible,
            Scores scores) {
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < feasible.size(); i++) {
            index.put(feasible.get(i).name(), i);
        }
        List<NodeVerdict> out = new ArrayList<>(all.size());
        for (NodeInfo n : all) {
            Status s = statuses.get(n.name());
            Integer i = index.get(n.name());
            if (s != null) {
                out.add(new NodeVerdict(n.name(), s, true, List.of(), 0));
            } else if (i != null && scores != null) {
                List<PluginScore> ps = new ArrayList<>(scores.plugins().size());
                for (int p = 0; p < scores.plugins().size(); p++) {
                    Framework.WeightedScorePlugin wp = scores.plugins().get(p);
                    ps.add(new PluginScore(wp.plugin().name(), scores.raw().get(p)[i], scores.normalized().get(p)[i],
                            wp.weight()));
                }
                out.add(new NodeVerdict(n.name(), null, true, ps, scores.totals()[i]));
            } else if (i != null) {
                out.add(new NodeVerdict(n.name(), null, true, List.of(), 0));
            } else {
                out.add(new NodeVerdict(n.name(), null, false, List.of(), 0));
            }
        }
        return out;
    }

    private static Result failure(PodInfo pod, CycleState state, long nanos, int attempt, List<NodeInfo> all,
            FitError fit, Status error, Map<String, Status> statuses) {
        String msg = fit != null ? fit.message() : error.message();
        SchedulingDecision d = new SchedulingDecision(pod.key(), nanos, attempt, null, msg, all.size(),
                () -> verdicts(all, statuses, List.of(), null));
        return new Result(null, fit, error, state, d, statuses.size(), 0, firstRejection(statuses));
    }
}
