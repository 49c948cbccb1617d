package io.ksim.scheduler.plugins;

import io.ksim.api.core.PreemptionPolicy;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.scheduler.framework.Code;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.FitError;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PostFilterPlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Preemption when no node fits (upstream defaultpreemption with framework/preemption's Evaluator).
 *
 * <p>Nodes rejected as unresolvable are "Preemption is not helpful for scheduling". On the others, from a
 * random offset, a dry run removes every lower-priority pod and checks the filters; if the pod then fits,
 * victims are reprieved one by one, most important first, as long as the pod still fits: first those whose
 * eviction would break a PodDisruptionBudget, then the others. The dry run stops once it has enough
 * candidates and at least one of them breaks no budget. The candidate chosen has, in order: the fewest
 * budget-breaking victims, the lowest highest-victim priority, the lowest sum of victim priorities, the
 * fewest victims, the latest start among its most important victims, else the first found (budget-keeping
 * candidates are listed first). Its victims get DisruptionTarget=True and are deleted gracefully; the pod is
 * nominated to the node. Budgets are best effort, as upstream: a budget-breaking victim is still evicted
 * when nothing else makes room.
 *
 * <p>When nothing can be done, the status message is {@code preemption: } followed by a FitError message
 * over the preemption statuses, e.g. {@code preemption: 0/3 nodes are available: 3 No preemption victims
 * found for incoming pod.}, and the pod's nomination is taken back; a pod not eligible to preempt keeps it.
 */
public final class DefaultPreemption implements PostFilterPlugin {

    public static final String NAME = "DefaultPreemption";
    public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    public static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    public static final String NEVER = "not eligible due to preemptionPolicy=Never.";
    public static final String TERMINATING_ON_NOMINATED = "not eligible due to a terminating pod on the nominated node.";
    /** upstream's defaults: at least 10% of the potential nodes, and at least 100, are tried. */
    static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
    static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;

    /** What preemption needs from the scheduler around it. */
    public interface Handle {
        Framework framework();

        SplittableRandom random();

        /** Marks {@code victim} DisruptionTarget and deletes it gracefully. */
        void evict(PodInfo victim, PodInfo preemptor, String node);

        /** Takes back the nomination of lower-priority pods nominated to {@code node}: they may no longer fit. */
        void clearLowerPriorityNominations(PodInfo preemptor, String node);

        /** Every PodDisruptionBudget the scheduler's informer holds, in all namespaces. */
        List<PodDisruptionBudget> podDisruptionBudgets();

        /** The pods preemption has nominated to {@code node} (the dry run counts those of at least equal priority). */
        List<PodInfo> nominatedPods(String node);
    }

    private final Supplier<Handle> handle;

    public DefaultPreemption(Supplier<Handle> handle) {
        this.handle = handle;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * A node where preemption would work, the pods it would evict there (most important first), and how many
     * of them break a PodDisruptionBudget (upstream extenderv1.Victims).
     */
    record Candidate(String node, List<PodInfo> victims, int numPdbViolations) {
        Candidate(String node, List<PodInfo> victims) {
            this(node, victims, 0);
        }
    }

    @Override
    public Result postFilter(CycleState state, PodInfo pod, Snapshot snapshot, Map<String, Status> nodeStatuses) {
        if (PreemptionPolicy.NEVER.equals(pod.pod().spec().preemptionPolicy())) {
            return new Result(null, Status.unschedulable("preemption: " + NEVER));
        }
        String nominatedNode = pod.pod().status().nominatedNodeName();
        if (nominatedNode != null && !nominatedNode.isEmpty() && terminatingVictimOn(pod, snapshot.get(nominatedNode),
                nodeStatuses.get(nominatedNode))) {
            return new Result(null, Status.unschedulable("preemption: " + TERMINATING_ON_NOMINATED));
        }
        Handle h = handle.get();
        Map<String, Status> preemptionStatuses = new LinkedHashMap<>();
        List<NodeInfo> potential = new ArrayList<>();
        for (NodeInfo n : snapshot.nodes()) {
            Status st = nodeStatuses.get(n.name());
            if (st != null && st.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
                preemptionStatuses.put(n.name(), Status.unresolvable(NOT_HELPFUL));
            } else {
                potential.add(n);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        if (!potential.isEmpty()) {
            int num = Math.min(potential.size(), Math.max(potential.size() * MIN_CANDIDATE_NODES_PERCENTAGE / 100,
                    MIN_CANDIDATE_NODES_ABSOLUTE));
            int offset = h.random().nextInt(potential.size());
            candidates = dryRun(h.framework(), pod, potential, offset, num, snapshot, h.podDisruptionBudgets(),
                    h::nominatedPods, preemptionStatuses);
        }
        if (candidates.isEmpty()) {
            // upstream returns a result with no nominated node, which takes back an earlier nomination of the pod
            // (and findCandidates clears status.nominatedNodeName when no node is even worth a dry run)
            FitError fit = new FitError(snapshot.nodes().size(), preemptionStatuses, "", "");
            return new Result("", Status.unschedulable("preemption: " + fit.message()));
        }
        Candidate best = pick(candidates);
        for (PodInfo victim : best.victims()) {
            h.evict(victim, pod, best.node());
        }
        h.clearLowerPriorityNominations(pod, best.node());
        return new Result(best.node(), Status.SUCCESS);
    }

    /**
     * upstream PodEligibleToPreemptOthers: a pod whose nominated node still has a lower-priority pod being
     * deleted by an earlier preemption waits for it rather than preempting again, unless the filters now find
     * that node unresolvable.
     */
    static boolean terminatingVictimOn(PodInfo pod, NodeInfo nominated, Status nominatedStatus) {
        if (nominated == null
                || (nominatedStatus != null && nominatedStatus.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE)) {
            return false;
        }
        for (PodInfo p : nominated.pods()) {
            if (p.priority() < pod.priority() && p.pod().metadata().deletionTimestamp() != null
                    && preemptedByScheduler(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean preemptedByScheduler(PodInfo p) {
        for (io.ksim.api.core.PodCondition c : p.pod().status().conditions()) {
            if ("DisruptionTarget".equals(c.type()) && c.isTrue()
                    && io.ksim.api.core.PodCondition.REASON_PREEMPTION_BY_SCHEDULER.equals(c.reason())) {
                return true;
            }
        }
        return false;
    }

    /**
     * upstream DryRunPreemption: the nodes from {@code offset} on, until {@code num} candidates are found and
     * one of them breaks no budget; budget-keeping candidates first, each group in the order found and at
     * most {@code num} long. Nodes that will not do get their status in {@code statuses}. Example (upstream's
     * "looks past numCandidates until a non-PDB violating node is found"): num 2, nodes 5, 1, 2 need a
     * budget-breaking victim and node 3 does not: 5 and 1 are kept, 2 is dropped, the run stops after 3.
     */
    static List<Candidate> dryRun(Framework fw, PodInfo pod, List<NodeInfo> potential, int offset, int num,
            Snapshot snapshot, List<PodDisruptionBudget> pdbs, Function<String, List<PodInfo>> nominated,
            Map<String, Status> statuses) {
        List<Candidate> nonViolating = new ArrayList<>();
        List<Candidate> violating = new ArrayList<>();
        for (int i = 0; i < potential.size(); i++) {
            if (!nonViolating.isEmpty() && nonViolating.size() + violating.size() >= num) {
                break;
            }
            NodeInfo n = potential.get((offset + i) % potential.size());
            Object out = selectVictims(fw, pod, n, snapshot, pdbs, nominated.apply(n.name()));
            if (out instanceof Candidate c) {
                List<Candidate> group = c.numPdbViolations() == 0 ? nonViolating : violating;
                // each of upstream's two candidate lists holds at most num; a candidate past that is dropped
                if (group.size() < num) {
                    group.add(c);
                }
            } else {
                statuses.put(n.name(), (Status) out);
            }
        }
        List<Candidate> all = new ArrayList<>(nonViolating);
        all.addAll(violating);
        return all;
    }

    /** {@link #selectVictims(Framework, PodInfo, NodeInfo, Snapshot, List, List)} with no budgets or nominations. */
    static Object selectVictims(Framework fw, PodInfo pod, NodeInfo node, Snapshot snapshot) {
        return selectVictims(fw, pod, node, snapshot, List.of(), List.of());
    }

    /**
     * upstream SelectVictimsOnNode: a Candidate, or the Status saying why this node will not do. Every fit is
     * checked with the pods nominated to the node counted (upstream RunFilterPluginsWithNominatedPods).
     */
    static Object selectVictims(Framework fw, PodInfo pod, NodeInfo node, Snapshot snapshot,
            List<PodDisruptionBudget> pdbs, List<PodInfo> nominated) {
        NodeInfo copy = node.copy();
        List<PodInfo> potential = new ArrayList<>();
        for (PodInfo p : node.pods()) {
            if (p.priority() < pod.priority()) {
                potential.add(p);
            }
        }
        if (potential.isEmpty()) {
            return Status.unresolvable(NO_VICTIMS);
        }
        potential.forEach(p -> copy.removePod(p.key()));
        Snapshot what = snapshot.with(copy);
        Status fits = fits(fw, pod, copy, what, nominated);
        if (!fits.isSuccess()) {
            return fits;
        }
        potential.sort(MORE_IMPORTANT);
        PdbViolations split = PdbViolations.split(potential, pdbs);
        List<PodInfo> victims = new ArrayList<>();
        int numViolating = 0;
        for (PodInfo p : split.violating()) {
            if (!reprieve(fw, pod, p, copy, what, nominated, victims)) {
                numViolating++;
            }
        }
        for (PodInfo p : split.nonViolating()) {
            reprieve(fw, pod, p, copy, what, nominated, victims);
        }
        if (!split.violating().isEmpty() && !split.nonViolating().isEmpty()) {
            victims.sort(MORE_IMPORTANT);
        }
        return new Candidate(node.name(), victims, numViolating);
    }

    /** Puts {@code p} back on the node; if the pod no longer fits, takes it off again as a victim. */
    private static boolean reprieve(Framework fw, PodInfo pod, PodInfo p, NodeInfo copy, Snapshot what,
            List<PodInfo> nominated, List<PodInfo> victims) {
        copy.addPod(p);
        if (fits(fw, pod, copy, what, nominated).isSuccess()) {
            return true;
        }
        copy.removePod(p.key());
        victims.add(p);
        return false;
    }

    private static Status fits(Framework fw, PodInfo pod, NodeInfo node, Snapshot snapshot, List<PodInfo> nominated) {
        CycleState state = new CycleState();
        Framework.PreFilterOutcome pre = fw.runPreFilter(state, pod, snapshot);
        if (!pre.status().isSuccess()) {
            return pre.status();
        }
        return fw.runFilterWithNominatedPods(state, pod, node, fw.filtersExcept(pre.skipped()), pre.skipped(),
                nominated);
    }

    /**
     * Orders start times as upstream's GetPodStartTime does, where a pod without status.startTime (assumed or
     * bound, not yet started by its kubelet) counts as starting now: null sorts after every start time, since
     * ksim's start times are never later than its clock.
     */
    private static final Comparator<Instant> START_TIME = Comparator.nullsLast(Comparator.naturalOrder());

    /**
     * upstream MoreImportantPod: higher priority first, then the one that started earlier (a pod not yet
     * started last); ties, which upstream leaves to its unstable sort and its clock, go by key.
     */
    static final Comparator<PodInfo> MORE_IMPORTANT = Comparator
            .comparingInt((PodInfo p) -> -p.priority())
            .thenComparing(DefaultPreemption::startTime, START_TIME)
            .thenComparing(PodInfo::key);

    /** status.startTime, or null for "now" (see {@link #START_TIME}). */
    static Instant startTime(PodInfo p) {
        return p.pod().status().startTime();
    }

    /** upstream pickOneNodeForPreemption with its default criteria; ties go to the earlier candidate. */
    static Candidate pick(List<Candidate> candidates) {
        Comparator<Candidate> order = Comparator
                .comparingInt(Candidate::numPdbViolations)
                .thenComparingLong(DefaultPreemption::highestPriority)
                .thenComparingLong(DefaultPreemption::prioritySum)
                .thenComparingInt(c -> c.victims().size())
                .thenComparing(DefaultPreemption::earliestStartOfMostImportant, START_TIME.reversed());
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (order.compare(c, best) < 0) {
                best = c;
            }
        }
        return best;
    }

    private static long highestPriority(Candidate c) {
        return c.victims().isEmpty() ? Long.MIN_VALUE : c.victims().get(0).priority();
    }

    private static long prioritySum(Candidate c) {
        long sum = 0;
        for (PodInfo v : c.victims()) {
            // upstream shifts each priority by MaxInt32+1 so that negative priorities still add up positively
            sum += (long) v.priority() + Integer.MAX_VALUE + 1;
        }
        return sum;
    }

    /**
     * upstream GetEarliestPodStartTime: the earliest start among the victims of the highest priority, null
     * ("now") when none of them has started, or when there are no victims.
     */
    private static Instant earliestStartOfMostImportant(Candidate c) {
        if (c.victims().isEmpty()) {
            return null;
        }
        long top = c.victims().get(0).priority();
        Instant earliest = null;
        for (PodInfo v : c.victims()) {
            if (v.priority() == top && START_TIME.compare(startTime(v), earliest) < 0) {
                earliest = startTime(v);
            }
        }
        return earliest;
    }
}
