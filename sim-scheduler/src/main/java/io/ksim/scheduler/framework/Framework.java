package io.ksim.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scheduling profile's plugins, wired to their extension points (upstream frameworkImpl). Plugins are
 * registered once, as upstream's MultiPoint does: each lands on every extension point whose interface it
 * implements, in registration order, and a Score plugin carries its weight.
 *
 * <p>The run methods call the plugins of one extension point in order and stop at the first one that
 * does not succeed, attributing its status to it (PreFilter goes on past an Unschedulable one, as upstream);
 * Skip results are collected so the matching Filter or Score is not called.
 */
public final class Framework {

    /** A Score plugin and its weight in the profile. */
    public record WeightedScorePlugin(ScorePlugin plugin, int weight) {
    }

    private final String profileName;
    private final Map<String, Plugin> plugins = new LinkedHashMap<>();
    private final List<PreFilterPlugin> preFilters = new ArrayList<>();
    private final List<FilterPlugin> filters = new ArrayList<>();
    private final List<PostFilterPlugin> postFilters = new ArrayList<>();
    private final List<PreScorePlugin> preScores = new ArrayList<>();
    private final List<WeightedScorePlugin> scores = new ArrayList<>();
    private final List<ReservePlugin> reserves = new ArrayList<>();
    private final List<PermitPlugin> permits = new ArrayList<>();
    private final List<PreBindPlugin> preBinds = new ArrayList<>();
    private final List<BindPlugin> binds = new ArrayList<>();

    public Framework(String profileName) {
        this.profileName = profileName;
    }

    public String profileName() {
        return profileName;
    }

    /** Registers {@code plugin} at every extension point it implements; {@code weight} matters for Score only. */
    public Framework add(Plugin plugin, int weight) {
        if (plugins.putIfAbsent(plugin.name(), plugin) != null) {
            throw new IllegalArgumentException("plugin " + plugin.name() + " already registered");
        }
        if (plugin instanceof PreFilterPlugin p) {
            preFilters.add(p);
        }
        if (plugin instanceof FilterPlugin p) {
            filters.add(p);
        }
        if (plugin instanceof PostFilterPlugin p) {
            postFilters.add(p);
        }
        if (plugin instanceof PreScorePlugin p) {
            preScores.add(p);
        }
        if (plugin instanceof ScorePlugin p) {
            if (weight <= 0) {
                throw new IllegalArgumentException("score plugin " + plugin.name() + " needs a positive weight");
            }
            scores.add(new WeightedScorePlugin(p, weight));
        }
        if (plugin instanceof ReservePlugin p) {
            reserves.add(p);
        }
        if (plugin instanceof PermitPlugin p) {
            permits.add(p);
        }
        if (plugin instanceof PreBindPlugin p) {
            preBinds.add(p);
        }
        if (plugin instanceof BindPlugin p) {
            binds.add(p);
        }
        return this;
    }

    public Framework add(Plugin plugin) {
        return add(plugin, plugin instanceof ScorePlugin ? 1 : 0);
    }

    /** The registered plugins by name, in registration order. */
    public Map<String, Plugin> plugins() {
        return Collections.unmodifiableMap(plugins);
    }

    public List<FilterPlugin> filterPlugins() {
        return Collections.unmodifiableList(filters);
    }

    public List<WeightedScorePlugin> scorePlugins() {
        return Collections.unmodifiableList(scores);
    }

    public boolean hasPostFilterPlugins() {
        return !postFilters.isEmpty();
    }

    /** Whether a pod rejected by {@code plugin} may fit after {@code event} (its EventsToRegister). */
    public boolean interested(String plugin, ClusterEvent event) {
        Plugin p = plugins.get(plugin);
        return p == null || p.events().contains(event);
    }

    /**
     * The result of PreFilter: the rejection (or success), the plugins that asked to be skipped, and
     * the nodes worth filtering (null for all) with the plugins that narrowed them, sorted (upstream's
     * PreFilterResult and the plugins "with nodes").
     */
    public record PreFilterOutcome(Status status, Set<String> skipped, Set<String> nodeNames,
            java.util.SortedSet<String> narrowedBy) {
        public PreFilterOutcome(Status status, Set<String> skipped) {
            this(status, skipped, null, new java.util.TreeSet<>());
        }
    }

    /**
     * upstream RunPreFilterPlugins (1.30 and later). Every plugin runs unless one is UnschedulableAndUnresolvable,
     * which ends PreFilter at once (preemption cannot help); an Unschedulable one is remembered and the next
     * plugins still run, so that their state is there for preemption's dry run, and the last Unschedulable
     * status is the result. An error ends PreFilter as {@code running PreFilter plugin "X": ...}. Plugins that
     * return node names narrow the nodes; if nothing is left the result is UnschedulableAndUnresolvable
     * {@code node(s) didn't satisfy plugin X} (or {@code plugin(s) [X Y] simultaneously}).
     */
    public PreFilterOutcome runPreFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
        Set<String> skipped = new java.util.HashSet<>();
        Set<String> nodeNames = null;
        java.util.SortedSet<String> narrowedBy = new java.util.TreeSet<>();
        Status unschedulable = null;
        for (PreFilterPlugin p : preFilters) {
            Status s = p.preFilter(state, pod, snapshot);
            if (s.isSkip()) {
                skipped.add(p.name());
                continue;
            } else if (!s.isSuccess()) {
                if (s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
                    // no narrowedBy: upstream names only this plugin in the diagnosis then
                    return new PreFilterOutcome(s.withPlugin(p.name()), skipped);
                }
                if (s.code() == Code.UNSCHEDULABLE) {
                    unschedulable = s.withPlugin(p.name());
                    continue;
                }
                return new PreFilterOutcome(Status.error("running PreFilter plugin \"" + p.name() + "\": "
                        + s.message()).withPlugin(p.name()), skipped);
            }
            Set<String> names = p.preFilterNodeNames(state);
            if (names == null) {
                continue;
            }
            narrowedBy.add(p.name());
            if (nodeNames == null) {
                nodeNames = new java.util.HashSet<>(names);
            } else {
                nodeNames.retainAll(names);
            }
            if (nodeNames.isEmpty()) {
                // upstream: "node(s) didn't satisfy plugin X", or "plugin(s) [X Y] simultaneously" for several
                String msg = narrowedBy.size() == 1 ? "node(s) didn't satisfy plugin " + narrowedBy.first()
                        : "node(s) didn't satisfy plugin(s) [" + String.join(" ", narrowedBy) + "] simultaneously";
                return new PreFilterOutcome(Status.unresolvable(msg).withPlugin(p.name()), skipped, nodeNames,
                        narrowedBy);
            }
        }
        if (unschedulable == null && nodeNames != null && noneIn(nodeNames, snapshot)) {
            // Upstream drops the names that are not in the snapshot (a local volume's node that was deleted),
            // filters no node at all and counts every node as absent, so its message is the one histogram line
            // "N node(s) didn't satisfy plugin(s) [X]". ksim's search needs a node to filter: PreFilter reports
            // that same line itself, unresolvable as upstream's absent nodes are.
            String reason = snapshot.nodes().size() + " node(s) didn't satisfy plugin(s) [" + String.join(" ", narrowedBy)
                    + "]";
            return new PreFilterOutcome(Status.unresolvable(reason).withPlugin(narrowedBy.first()), skipped, nodeNames,
                    narrowedBy);
        }
        return new PreFilterOutcome(unschedulable == null ? Status.SUCCESS : unschedulable, skipped, nodeNames,
                narrowedBy);
    }

    private static boolean noneIn(Set<String> nodeNames, Snapshot snapshot) {
        for (String n : nodeNames) {
            if (snapshot.get(n) != null) {
                return false;
            }
        }
        return true;
    }

    /** Runs the filters on one node; the first rejection wins, attributed to its plugin. */
    public Status runFilter(CycleState state, PodInfo pod, NodeInfo node, Set<String> skipped) {
        return runFilter(state, pod, node, filtersExcept(skipped));
    }

    /**
     * The filter plugins PreFilter did not skip, in profile order; computed once per cycle. An array, not a
     * list: it is walked on every node of the cycle, and a list's element needs a cast to the interface.
     */
    public FilterPlugin[] filtersExcept(Set<String> skipped) {
        if (skipped.isEmpty()) {
            return filters.toArray(FilterPlugin[]::new);
        }
        List<FilterPlugin> out = new ArrayList<>(filters.size());
        for (FilterPlugin p : filters) {
            if (!skipped.contains(p.name())) {
                out.add(p);
            }
        }
        return out.toArray(FilterPlugin[]::new);
    }

    /** Runs {@code active} (see {@link #filtersExcept}) on one node; the first rejection wins. */
    public Status runFilter(CycleState state, PodInfo pod, NodeInfo node, FilterPlugin[] active) {
        for (FilterPlugin p : active) {
            Status s = p.filter(state, pod, node);
            if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        return Status.SUCCESS;
    }

    /**
     * Runs {@code active} (see {@link #filtersExcept}) on {@code nodes[from..to)} plugin by plugin: afterwards
     * {@code verdicts[i]} is null where node i passed every filter, else the first rejection in profile order,
     * attributed to its plugin, as {@link #runFilter} node by node would give. Plugin by plugin, each plugin
     * reads the pod once for all the nodes and its own loop is compiled for it alone; the filters are
     * independent of each other, as upstream's parallel Filter calls require.
     */
    public void runFilterAll(CycleState state, PodInfo pod, NodeInfo[] nodes, int from, int to, FilterPlugin[] active,
            Status[] verdicts) {
        java.util.Arrays.fill(verdicts, from, to, null);
        for (FilterPlugin p : active) {
            p.filterAll(state, pod, nodes, from, to, verdicts);
        }
    }

    /**
     * upstream RunFilterPluginsWithNominatedPods: the pods nominated to the node with at least this pod's
     * priority count as if they were there (in the NodeInfo and, through the PreFilter plugins' AddPod, in
     * their state), so that a lower-priority pod does not take the room preemption freed for them; if some
     * were added and the node passes, the filters run again without them (affinity to a nominated pod must
     * not be relied on). {@code active} are the filters of {@code filtersExcept(skipped)}.
     */
    public Status runFilterWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node, FilterPlugin[] active,
            Set<String> skipped, List<PodInfo> nominated) {
        NodeInfo with = null;
        CycleState withState = null;
        for (PodInfo p : nominated) {
            if (p.priority() < pod.priority() || p.key().equals(pod.key())) {
                continue;
            }
            if (with == null) {
                with = node.copy();
                withState = state.copy();
            }
            with.addPod(p);
            Status s = runPreFilterAddPod(withState, pod, p, with, skipped);
            if (!s.isSuccess()) {
                return s;
            }
        }
        if (with != null) {
            Status s = runFilter(withState, pod, with, active);
            if (!s.isSuccess()) {
                return s;
            }
        }
        return runFilter(state, pod, node, active);
    }

    /** upstream RunPreFilterExtensionAddPod: AddPod of every PreFilter plugin that was not skipped. */
    public Status runPreFilterAddPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node, Set<String> skipped) {
        for (PreFilterPlugin p : preFilters) {
            if (skipped.contains(p.name())) {
                continue;
            }
            Status s = p.addPod(state, pod, added, node);
            if (!s.isSuccess()) {
                return Status.error("running AddPod on PreFilter plugin \"" + p.name() + "\": " + s.message())
                        .withPlugin(p.name());
            }
        }
        return Status.SUCCESS;
    }

    /** PostFilter plugins in order until one nominates a node; the last message is kept. */
    public PostFilterPlugin.Result runPostFilter(CycleState state, PodInfo pod, Snapshot snapshot,
            Map<String, Status> nodeStatuses) {
        PostFilterPlugin.Result last = new PostFilterPlugin.Result(null, Status.unschedulable());
        for (PostFilterPlugin p : postFilters) {
            PostFilterPlugin.Result r = p.postFilter(state, pod, snapshot, nodeStatuses);
            if (r.status().isSuccess()) {
                return r;
            }
            last = r;
        }
        return last;
    }

    /** Runs PreScore; returns the plugins that asked to be skipped, or throws nothing: errors become skips. */
    public Set<String> runPreScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        Set<String> skipped = new java.util.HashSet<>();
        for (PreScorePlugin p : preScores) {
            Status s = p.preScore(state, pod, feasible, snapshot);
            if (!s.isSuccess()) {
                skipped.add(p.name());
            }
        }
        return skipped;
    }

    public Status runReserve(CycleState state, PodInfo pod, String node) {
        for (ReservePlugin p : reserves) {
            Status s = p.reserve(state, pod, node);
            if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        return Status.SUCCESS;
    }

    public void runUnreserve(CycleState state, PodInfo pod, String node) {
        for (int i = reserves.size() - 1; i >= 0; i--) {
            reserves.get(i).unreserve(state, pod, node);
        }
    }

    public Status runPermit(CycleState state, PodInfo pod, String node) {
        for (PermitPlugin p : permits) {
            Status s = p.permit(state, pod, node);
            if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        return Status.SUCCESS;
    }

    public Status runPreBind(CycleState state, PodInfo pod, String node) {
        for (PreBindPlugin p : preBinds) {
            Status s = p.preBind(state, pod, node);
            if (!s.isSuccess()) {
                return s.withPlugin(p.name());
            }
        }
        return Status.SUCCESS;
    }

    public Status runBind(CycleState state, PodInfo pod, String node) {
        for (BindPlugin p : binds) {
            Status s = p.bind(state, pod, node);
            if (s.isSkip()) {
                continue;
            }
            return s.isSuccess() ? s : s.withPlugin(p.name());
        }
        return Status.error("no bind plugin bound the pod");
    }
}
