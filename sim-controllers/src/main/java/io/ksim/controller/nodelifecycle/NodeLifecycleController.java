package io.ksim.controller.nodelifecycle;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.Taint;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.meta.MicroTime;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.EventRecorder;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.Controller;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ReconcileResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The node lifecycle controller (upstream pkg/controller/nodelifecycle/node_lifecycle_controller.go). Every
 * node monitor period it looks at each node's Ready heartbeat and Lease renewal; a node silent for longer
 * than the grace period gets its conditions set to Unknown ({@code NodeStatusUnknown}, "Kubelet stopped
 * posting node status."), an event {@code NodeNotReady}, its pods marked Ready=False, and, at its zone's
 * eviction rate, the {@code node.kubernetes.io/unreachable:NoExecute} taint the taint eviction controller acts
 * on. A node reporting Ready=False gets {@code node.kubernetes.io/not-ready} instead; a Ready node loses both.
 * The NoSchedule taints that mirror conditions and the cordon flag are kept in step on every node change.
 */
public final class NodeLifecycleController extends Controller {

    /** The controller's upstream name. */
    public static final String NAME = "node-lifecycle-controller";
    /** The namespace the kubelets keep their Leases in. */
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    /** Nodes with this label take no part in zone state (upstream labelNodeDisruptionExclusion). */
    public static final String EXCLUDE_DISRUPTION_LABEL = "node.kubernetes.io/exclude-disruption";
    static final String REASON_UNKNOWN = "NodeStatusUnknown";
    static final String MESSAGE_UNKNOWN = "Kubelet stopped posting node status.";
    static final String REASON_NEVER_UPDATED = "NodeStatusNeverUpdated";
    static final String MESSAGE_NEVER_UPDATED = "Kubelet never posted node status.";
    /** Conditions the controller sets to Unknown; NetworkUnavailable is left alone as upstream. */
    static final List<String> WATCHED_CONDITIONS = List.of(NodeCondition.READY, NodeCondition.MEMORY_PRESSURE,
            NodeCondition.DISK_PRESSURE, NodeCondition.PID_PRESSURE);

    /** The work-queue key of the periodic health pass; no node name can contain a space. */
    static final String MONITOR_KEY = " monitor";
    /** The key of the NoExecute tainting pass that drains the zone queues. */
    static final String TAINT_KEY = " taint";
    private static final String POD_NODE_INDEX = "spec.nodeName";
    /** How often upstream runs the NoExecute tainting pass (scheduler.NodeEvictionPeriod). */
    public static final Duration NODE_EVICTION_PERIOD = Duration.ofMillis(100);

    private final NodeLifecycleConfig config;
    private final Informer<Node> nodes;
    private final Informer<Lease> leases;
    private final Informer<Pod> pods;
    private final EventRecorder recorder;
    private final Map<String, NodeHealth> health = new TreeMap<>();
    private final Map<String, ZoneState> zoneStates = new TreeMap<>();
    private final Map<String, ZoneTaintQueue> zoneQueues = new TreeMap<>();
    private boolean allZonesDisrupted;
    /** When the controller started: its monitor and tainting ticks count from here. */
    private final long startNanos;

    /** What the controller remembers of one node between passes (upstream nodeHealthData). */
    private record NodeHealth(Instant probeTimestamp, Instant readyTransitionTimestamp, Instant readyHeartbeat,
            MicroTime leaseRenewTime) {
    }

    public NodeLifecycleController(ControllerContext context) {
        this(context, NodeLifecycleConfig.defaults());
    }

    public NodeLifecycleController(ControllerContext context, NodeLifecycleConfig config) {
        super(context, NAME);
        this.config = Objects.requireNonNull(config, "config");
        this.startNanos = kernel.nanos();
        this.recorder = context.recorder("node-controller");
        nodes = informer(BuiltinResources.NODES);
        leases = informer(BuiltinResources.LEASES);
        pods = informer(BuiltinResources.PODS);
        pods.indexer().addIndex(POD_NODE_INDEX, p -> p.spec().nodeName() == null ? List.of()
                : List.of(p.spec().nodeName()));
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node, boolean initial) {
                enqueue(node);
            }

            @Override
            public void onUpdate(Node oldNode, Node node) {
                enqueue(node);
            }

            @Override
            public void onDelete(Node node) {
                if (health.containsKey(node.metadata().name())) {
                    recorder.normal(node, "RemovingNode", "Removing Node " + node.metadata().name() + " from Controller");
                }
                health.remove(node.metadata().name());
                zoneQueues.values().forEach(q -> q.remove(node.metadata().name()));
            }
        });
        enqueue(MONITOR_KEY);
    }

    public NodeLifecycleConfig config() {
        return config;
    }

    /** The state of each zone after the last pass, keyed by upstream's zone key ("" when unlabelled). */
    public Map<String, ZoneState> zoneStates() {
        return Map.copyOf(zoneStates);
    }

    @Override
    protected ReconcileResult reconcile(String key) {
        if (MONITOR_KEY.equals(key)) {
            monitorNodeHealth();
            scheduleTaintPass(Duration.ZERO);
            return ReconcileResult.requeueAfter(config.nodeMonitorPeriod());
        }
        if (TAINT_KEY.equals(key)) {
            taintPass();
            return ReconcileResult.done();
        }
        Node node = nodes.indexer().get(key);
        if (node != null) {
            syncNoScheduleTaints(node);
        }
        return ReconcileResult.done();
    }

    // ---- NoSchedule taints (upstream doNoScheduleTaintingPass, TaintNodesByCondition) ----

    private void syncNoScheduleTaints(Node node) {
        List<Taint> desired = NodeTaints.desiredNoSchedule(node);
        if (!NodeTaints.withNoSchedule(node.spec().taints(), desired).equals(node.spec().taints())) {
            updateTaints(node.metadata().name(), t -> NodeTaints.withNoSchedule(t, desired));
        }
    }

    // ---- health (upstream monitorNodeHealth, tryUpdateNodeHealth) ----

    private void monitorNodeHealth() {
        Instant now = kernel.instant();
        Map<String, int[]> zoneCounts = new TreeMap<>();
        for (Node cached : nodes.indexer().list()) {
            String name = cached.metadata().name();
            NodeCondition observed = cached.status().condition(NodeCondition.READY);
            Node node = tryUpdateNodeHealth(cached, now);
            NodeCondition current = node.status().condition(NodeCondition.READY);
            if (!node.metadata().labels().containsKey(EXCLUDE_DISRUPTION_LABEL)) {
                int[] counts = zoneCounts.computeIfAbsent(zoneKey(node), z -> new int[2]);
                counts[current != null && current.isTrue() ? 0 : 1]++;
            }
            if (current == null) {
                continue;
            }
            if (!allZonesDisrupted) {
                // Upstream acts on the condition as it was listed, before this pass's own update: a node this
                // pass marks Unknown is tainted on the next pass, one monitor period later.
                processTaintBasedEviction(node, observed != null ? observed
                        : new NodeCondition(NodeCondition.READY, ConditionStatus.UNKNOWN, null, null, null, null));
            }
            boolean wasReady = observed != null && observed.isTrue();
            if (wasReady && !current.isTrue()) {
                recorder.normal(node, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
                markPodsNotReady(name);
            }
        }
        handleDisruption(zoneCounts, now);
    }

    private Node tryUpdateNodeHealth(Node node, Instant now) {
        String name = node.metadata().name();
        NodeCondition ready = node.status().condition(NodeCondition.READY);
        Instant heartbeat = ready == null ? null : ready.lastHeartbeatTime();
        Lease lease = leases.indexer().get(NODE_LEASE_NAMESPACE, name);
        MicroTime renew = lease == null ? null : lease.spec().renewTime();
        NodeHealth saved = health.get(name);
        if (saved == null) {
            recorder.normal(node, "RegisteredNode", "Registered Node " + name + " in Controller");
            saved = new NodeHealth(now, now, heartbeat, renew);
        } else {
            Instant probe = saved.probeTimestamp();
            if (!Objects.equals(heartbeat, saved.readyHeartbeat())) {
                probe = now;
            }
            if (renew != null && (saved.leaseRenewTime() == null || renew.compareTo(saved.leaseRenewTime()) > 0)) {
                probe = now;
            }
            saved = new NodeHealth(probe, saved.readyTransitionTimestamp(), heartbeat, renew);
        }
        health.put(name, saved);
        Duration grace = ready == null ? config.nodeStartupGracePeriod() : config.nodeMonitorGracePeriod();
        if (!now.isAfter(saved.probeTimestamp().plus(grace))) {
            return node;
        }
        List<NodeCondition> conditions = new ArrayList<>(node.status().conditions());
        boolean changed = false;
        for (String type : WATCHED_CONDITIONS) {
            NodeCondition c = node.status().condition(type);
            if (c == null) {
                conditions.add(new NodeCondition(type, ConditionStatus.UNKNOWN, node.metadata().creationTimestamp(),
                        now, REASON_NEVER_UPDATED, MESSAGE_NEVER_UPDATED));
                changed = true;
            } else if (!ConditionStatus.UNKNOWN.equals(c.status())) {
                conditions.set(conditions.indexOf(c), new NodeCondition(type, ConditionStatus.UNKNOWN,
                        c.lastHeartbeatTime(), now, REASON_UNKNOWN, MESSAGE_UNKNOWN));
                changed = true;
            }
        }
        if (!changed) {
            return node;
        }
        Node updated;
        try {
            // Written against the listed resourceVersion: a status the kubelet posted meanwhile wins.
            updated = api.updateStatus(BuiltinResources.NODES, node.withStatus(node.status().withConditions(conditions)));
        } catch (ApiException e) {
            if (e.code() == 409 || e.code() == 404) {
                return node;
            }
            throw e;
        }
        health.put(name, new NodeHealth(saved.probeTimestamp(), now, heartbeat, renew));
        kernel.trace().record(context.component(), "NodeStatusUnknown", name,
                NAME + ": node " + name + " has not renewed its lease or posted status for " + grace.toSeconds()
                        + "s: conditions set to Unknown");
        return updated;
    }

    private Node fresh(String name) {
        return api.get(BuiltinResources.NODES, null, name);
    }

    /** Sets Ready=False on every pod bound to the node (upstream MarkPodsNotReady). */
    private void markPodsNotReady(String nodeName) {
        Instant now = kernel.instant();
        for (Pod pod : pods.indexer().byIndex(POD_NODE_INDEX, nodeName)) {
            PodCondition ready = PodConditions.getPodReadyCondition(pod.status());
            if (ready == null || ConditionStatus.FALSE.equals(ready.status())) {
                continue;
            }
            PodCondition notReady = new PodCondition(PodConditionType.READY, ConditionStatus.FALSE,
                    ready.lastProbeTime(), now, ready.reason(), ready.message());
            try {
                Pod current = api.get(BuiltinResources.PODS, pod.metadata().namespace(), pod.metadata().name());
                api.updateStatus(BuiltinResources.PODS,
                        current.withStatus(PodConditions.updatePodCondition(current.status(), notReady, now)));
                recorder.warning(pod, "NodeNotReady", "Node is not ready");
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    // ---- NoExecute taints (upstream processTaintBaseEviction, doNoExecuteTaintingPass) ----

    private void processTaintBasedEviction(Node node, NodeCondition ready) {
        String name = node.metadata().name();
        switch (ready.status()) {
            case ConditionStatus.FALSE -> {
                if (NodeTaints.hasNoExecute(node, NodeTaints.UNREACHABLE)) {
                    updateTaints(name, t -> NodeTaints.swapNoExecute(t,
                            NodeTaints.noExecute(NodeTaints.NOT_READY, kernel.instant()), Set.of(NodeTaints.UNREACHABLE)));
                } else if (!NodeTaints.hasNoExecute(node, NodeTaints.NOT_READY)) {
                    queued(node, NodeTaints.NOT_READY);
                }
            }
            case ConditionStatus.UNKNOWN -> {
                if (NodeTaints.hasNoExecute(node, NodeTaints.NOT_READY)) {
                    updateTaints(name, t -> NodeTaints.swapNoExecute(t,
                            NodeTaints.noExecute(NodeTaints.UNREACHABLE, kernel.instant()), Set.of(NodeTaints.NOT_READY)));
                } else if (!NodeTaints.hasNoExecute(node, NodeTaints.UNREACHABLE)) {
                    queued(node, NodeTaints.UNREACHABLE);
                }
            }
            default -> markNodeAsReachable(node);
        }
    }

    /** Queues the node for its NoExecute taint (upstream markNodeForTainting); traced the first time. */
    private void queued(Node node, String key) {
        String name = node.metadata().name();
        if (queueFor(node).add(name)) {
            kernel.trace().record(context.component(), "NodeTaintQueued", name,
                    NAME + ": " + name + " queued for the " + key + ":NoExecute taint");
        }
    }

    private void markNodeAsReachable(Node node) {
        String name = node.metadata().name();
        zoneQueues.values().forEach(q -> q.remove(name));
        if (NodeTaints.hasNoExecute(node, NodeTaints.NOT_READY) || NodeTaints.hasNoExecute(node, NodeTaints.UNREACHABLE)) {
            updateTaints(name, t -> NodeTaints.swapNoExecute(t, null, Set.of(NodeTaints.NOT_READY, NodeTaints.UNREACHABLE)));
        }
    }

    private ZoneTaintQueue queueFor(Node node) {
        return zoneQueues.computeIfAbsent(zoneKey(node), z -> new ZoneTaintQueue(config.nodeEvictionRate(),
                kernel.instant()));
    }

    /** Taints the nodes the zone rate limiters let through; schedules the next pass while some wait. */
    private void taintPass() {
        Instant now = kernel.instant();
        Duration next = null;
        for (ZoneTaintQueue queue : zoneQueues.values()) {
            for (String name : queue.take(now)) {
                // Read through: the status this pass wrote may not have reached the cache yet.
                Node node = nodes.indexer().get(name) == null ? null : fresh(name);
                NodeCondition ready = node == null ? null : node.status().condition(NodeCondition.READY);
                if (ready == null || ready.isTrue()) {
                    continue;
                }
                String key = ConditionStatus.FALSE.equals(ready.status()) ? NodeTaints.NOT_READY : NodeTaints.UNREACHABLE;
                String other = key.equals(NodeTaints.NOT_READY) ? NodeTaints.UNREACHABLE : NodeTaints.NOT_READY;
                updateTaints(name, t -> NodeTaints.swapNoExecute(t, NodeTaints.noExecute(key, now), Set.of(other)));
                kernel.trace().record(context.component(), "NodeTainted", name,
                        NAME + ": " + name + " tainted " + key + ":NoExecute");
            }
            Duration wait = queue.untilNextToken();
            if (wait != null && (next == null || wait.compareTo(next) < 0)) {
                next = wait;
            }
        }
        if (next != null) {
            scheduleTaintPass(next);
        }
    }

    /**
     * Upstream runs doNoExecuteTaintingPass on its own 100 ms tick (NodeEvictionPeriod), which only does
     * something while a zone queue holds a node. ksim runs the pass on that tick's grid, counted from the
     * controller's start, and only when it can do something: at the first tick strictly after now (a node queued
     * by a monitor pass is tainted one tick, 100 ms, after it), and no earlier than {@code wait} (the next
     * token of a zone's rate limiter).
     */
    private void scheduleTaintPass(Duration wait) {
        if (zoneQueues.values().stream().allMatch(ZoneTaintQueue::isEmpty)) {
            return;
        }
        long period = NODE_EVICTION_PERIOD.toNanos();
        long now = kernel.nanos();
        long earliest = Math.max(now + 1, now + wait.toNanos());
        long ticks = Math.floorDiv(earliest - startNanos + period - 1, period);
        long due = startNanos + ticks * period;
        queue.addAfter(TAINT_KEY, Duration.ofNanos(due - now));
    }

    // ---- zones (upstream handleDisruption, setLimiterInZone) ----

    private void handleDisruption(Map<String, int[]> zoneCounts, Instant now) {
        Map<String, ZoneState> newStates = new TreeMap<>();
        boolean allFull = !zoneCounts.isEmpty();
        for (var e : zoneCounts.entrySet()) {
            ZoneState s = ZoneState.compute(e.getValue()[0], e.getValue()[1], config.unhealthyZoneThreshold());
            newStates.put(e.getKey(), s);
            allFull &= s == ZoneState.FULL_DISRUPTION;
        }
        if (allFull && !allZonesDisrupted) {
            // Every zone down looks like the controller's own network failing: stop evicting and untaint.
            kernel.trace().record(context.component(), "MasterDisruptionMode", "",
                    NAME + ": all zones fully disrupted; NoExecute taint-based eviction stopped");
            for (Node node : nodes.indexer().list()) {
                markNodeAsReachable(node);
            }
            zoneQueues.values().forEach(q -> q.setRate(0, now));
        } else if (!allFull && allZonesDisrupted) {
            // Leaving that mode, every node gets a fresh grace period.
            health.replaceAll((n, h) -> new NodeHealth(now, now, h.readyHeartbeat(), h.leaseRenewTime()));
        }
        allZonesDisrupted = allFull;
        if (!allFull) {
            for (var e : newStates.entrySet()) {
                int[] counts = zoneCounts.get(e.getKey());
                ZoneTaintQueue q = zoneQueues.computeIfAbsent(e.getKey(), z -> new ZoneTaintQueue(config.nodeEvictionRate(), now));
                q.setRate(rate(e.getValue(), counts[0] + counts[1]), now);
            }
        }
        zoneStates.clear();
        zoneStates.putAll(newStates);
    }

    /** The zone's tainting rate (upstream setLimiterInZone and ReducedQPSFunc). */
    double rate(ZoneState state, int zoneSize) {
        return switch (state) {
            case PARTIAL_DISRUPTION -> zoneSize > config.largeClusterSizeThreshold()
                    ? config.secondaryNodeEvictionRate() : 0;
            default -> config.nodeEvictionRate();
        };
    }

    /** Upstream GetZoneKey: region and zone joined by ":\0:", empty when the node has neither. */
    static String zoneKey(Node node) {
        String region = node.metadata().labels().getOrDefault(WellKnownLabels.TOPOLOGY_REGION, "");
        String zone = node.metadata().labels().getOrDefault(WellKnownLabels.TOPOLOGY_ZONE, "");
        return region.isEmpty() && zone.isEmpty() ? "" : region + ":\u0000:" + zone;
    }

    private void updateTaints(String name, UnaryOperator<List<Taint>> change) {
        Node node = fresh(name);
        List<Taint> taints = change.apply(node.spec().taints());
        if (!taints.equals(node.spec().taints())) {
            api.update(BuiltinResources.NODES, node.withSpec(node.spec().withTaints(taints)));
        }
    }
}
