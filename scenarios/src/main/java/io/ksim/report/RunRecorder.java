package io.ksim.report;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ApiWatch;
import io.ksim.apiserver.ApiWatchEvent;
import io.ksim.apiserver.WatchEventType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Records what a run's report shows, as a client of the API server would see it: it watches pods, nodes and
 * ReplicaSets from the moment it is attached (attach it before the run starts, right after the cluster is
 * built) and notes the virtual time of each change: when a pod was created, bound to a node, became Ready,
 * started terminating and was deleted; when a node's Ready condition changed; each ReplicaSet's revision.
 * Rollout steps and power failures come from the trace when the report is taken. Whoever measures traffic
 * (a scenario's {@code curl} loop) adds its counts with {@link #recordTraffic}.
 *
 * <pre>{@code
 * RunRecorder recorder = RunRecorder.attach(cluster);
 * ... run the scenario ...
 * Files.writeString(out, HtmlReport.render(recorder.report("rolling update, seed 42")));
 * }</pre>
 */
public final class RunRecorder {

    private final ApiServer api;
    private final Kernel kernel;
    private final Map<String, PodRecord> pods = new LinkedHashMap<>();
    private final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    private final Map<String, String> revisions = new TreeMap<>();
    private final Map<String, String> replicaSetOwners = new TreeMap<>();
    private final List<TrafficSample> traffic = new ArrayList<>();
    private final List<ApiWatch> watches = new ArrayList<>();

    private RunRecorder(ApiServer api) {
        this.api = api;
        this.kernel = api.kernel();
    }

    /** Starts recording {@code cluster}. */
    public static RunRecorder attach(Cluster cluster) {
        return attach(cluster.api());
    }

    /** Starts recording the cluster behind {@code api}. */
    public static RunRecorder attach(ApiServer api) {
        RunRecorder r = new RunRecorder(api);
        r.watches.add(api.watch(BuiltinResources.NODES, null, "", o -> true, r::onNode));
        r.watches.add(api.watch(BuiltinResources.REPLICA_SETS, null, "", o -> true, r::onReplicaSet));
        r.watches.add(api.watch(BuiltinResources.PODS, null, "", o -> true, r::onPod));
        return r;
    }

    /**
     * Adds one traffic measurement: {@code label} says what was measured ({@code "curl web 100x after the
     * rollout"}), {@code target} where requests went ({@code "http://web"}), {@code hitsByBackend} how many
     * answers came from each backend (pod name). Recorded at the current virtual time.
     */
    public void recordTraffic(String label, String target, Map<String, Integer> hitsByBackend) {
        traffic.add(new TrafficSample(kernel.nanos(), label, target, new TreeMap<>(hitsByBackend)));
    }

    /** Stops watching; what was recorded stays. */
    public void stop() {
        watches.forEach(ApiWatch::stop);
        watches.clear();
    }

    private void onNode(ApiWatchEvent<Node> e) {
        if (e.object() == null) {
            return;
        }
        Node n = e.object();
        NodeRecord rec = nodes.computeIfAbsent(n.metadata().name(), name -> new NodeRecord(name, kernel.nanos()));
        String ready = "Unknown";
        if (n.status() != null && n.status().conditions() != null) {
            for (Node.NodeCondition c : n.status().conditions()) {
                if (Node.NodeCondition.READY.equals(c.type())) {
                    ready = c.status();
                }
            }
        }
        if (e.type() == WatchEventType.DELETED) {
            rec.deletedNanos = kernel.nanos();
        } else if (rec.readiness.isEmpty() || !rec.readiness.get(rec.readiness.size() - 1).status().equals(ready)) {
            rec.readiness.add(new ReadyChange(kernel.nanos(), ready));
        }
    }

    private void onReplicaSet(ApiWatchEvent<ReplicaSet> e) {
        if (e.object() == null || e.type() == WatchEventType.DELETED) {
            return;
        }
        ReplicaSet rs = e.object();
        String key = rs.metadata().namespace() + "/" + rs.metadata().name();
        String revision = rs.metadata().annotations().get("deployment.kubernetes.io/revision");
        if (revision != null) {
            revisions.put(key, revision);
        }
        OwnerReference owner = controller(rs.metadata().ownerReferences());
        if (owner != null) {
            replicaSetOwners.put(key, owner.kind() + " " + owner.name());
        }
    }

    private void onPod(ApiWatchEvent<Pod> e) {
        if (e.object() == null) {
            return;
        }
        Pod p = e.object();
        long now = kernel.nanos();
        String key = p.metadata().uid() != null ? p.metadata().uid()
                : p.metadata().namespace() + "/" + p.metadata().name();
        PodRecord rec = pods.get(key);
        if (rec == null) {
            OwnerReference owner = controller(p.metadata().ownerReferences());
            rec = new PodRecord(p.metadata().namespace(), p.metadata().name(),
                    owner == null ? "" : owner.kind(), owner == null ? "" : owner.name(), now);
            pods.put(key, rec);
        }
        if (rec.node == null && p.spec().nodeName() != null && !p.spec().nodeName().isEmpty()) {
            rec.node = p.spec().nodeName();
            rec.scheduledNanos = now;
        }
        if (rec.image == null && !p.spec().containers().isEmpty()) {
            rec.image = p.spec().containers().get(0).image();
        }
        if (rec.readyNanos < 0 && PodConditions.isPodReady(p)) {
            rec.readyNanos = now;
        }
        if (rec.terminatingNanos < 0 && p.metadata().deletionTimestamp() != null) {
            rec.terminatingNanos = now;
        }
        if (p.status() != null && p.status().phase() != null) {
            rec.phase = p.status().phase();
        }
        if (e.type() == WatchEventType.DELETED) {
            rec.deletedNanos = now;
        }
    }

    private static OwnerReference controller(List<OwnerReference> refs) {
        for (OwnerReference r : refs) {
            if (Boolean.TRUE.equals(r.controller())) {
                return r;
            }
        }
        return null;
    }

    /** What was recorded until now, with the trace's rollout steps and power events, as a report's data. */
    public RunReport report(String title) {
        long end = kernel.nanos();
        List<RunReport.Lane> lanes = new ArrayList<>();
        for (NodeRecord n : nodes.values()) {
            lanes.add(new RunReport.Lane(n.name, List.copyOf(n.readiness)));
        }
        List<RunReport.PodBar> bars = new ArrayList<>();
        List<RunReport.Unbound> unbound = new ArrayList<>();
        for (PodRecord p : pods.values()) {
            if (p.node == null) {
                unbound.add(new RunReport.Unbound(p.namespace, p.name, p.createdNanos, p.deletedNanos));
                continue; // never scheduled: no bar on any lane
            }
            String ownerKey = p.namespace + "/" + p.ownerName;
            String group;
            String groupLabel;
            if (p.ownerKind.equals("ReplicaSet")) {
                group = "ReplicaSet " + ownerKey;
                String revision = revisions.get(ownerKey);
                String deployment = replicaSetOwners.get(ownerKey);
                groupLabel = "ReplicaSet " + ownerKey + (revision == null ? "" : ", revision " + revision)
                        + (deployment == null ? "" : " (" + deployment + ")");
            } else if (p.ownerKind.isEmpty()) {
                group = "pod " + p.namespace + "/" + p.name;
                groupLabel = "pod " + p.namespace + "/" + p.name + " (no owner)";
            } else {
                group = p.ownerKind + " " + ownerKey;
                groupLabel = group;
            }
            bars.add(new RunReport.PodBar(p.namespace, p.name, p.node, group, groupLabel, p.image == null ? "" : p.image,
                    p.createdNanos, p.scheduledNanos, p.readyNanos, p.terminatingNanos, p.deletedNanos, p.phase));
        }
        List<RunReport.Marker> markers = new ArrayList<>();
        for (TraceEvent t : kernel.trace().events()) {
            switch (t.kind()) {
                case "ScalingReplicaSet" -> markers.add(new RunReport.Marker(t.nanos(), RunReport.MarkerKind.ROLLOUT,
                        "", t.object(), t.message()));
                case "PowerOff" -> markers.add(new RunReport.Marker(t.nanos(), RunReport.MarkerKind.NODE_DOWN,
                        t.object(), t.object(), t.message()));
                case "PowerOn" -> markers.add(new RunReport.Marker(t.nanos(), RunReport.MarkerKind.NODE_UP,
                        t.object(), t.object(), t.message()));
                default -> { }
            }
        }
        return new RunReport(title, end, lanes, bars, unbound, markers, List.copyOf(traffic));
    }

    private static final class NodeRecord {
        final String name;
        final long addedNanos;
        final List<ReadyChange> readiness = new ArrayList<>();
        long deletedNanos = -1;

        NodeRecord(String name, long addedNanos) {
            this.name = name;
            this.addedNanos = addedNanos;
        }
    }

    private static final class PodRecord {
        final String namespace;
        final String name;
        final String ownerKind;
        final String ownerName;
        final long createdNanos;
        String node;
        String image;
        String phase = "Pending";
        long scheduledNanos = -1;
        long readyNanos = -1;
        long terminatingNanos = -1;
        long deletedNanos = -1;

        PodRecord(String namespace, String name, String ownerKind, String ownerName, long createdNanos) {
            this.namespace = namespace;
            this.name = name;
            this.ownerKind = ownerKind;
            this.ownerName = ownerName;
            this.createdNanos = createdNanos;
        }
    }

    /** A node's Ready condition took {@code status} ("True", "False", "Unknown") at {@code nanos}. */
    public record ReadyChange(long nanos, String status) {

        public ReadyChange {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * One traffic measurement: answers per backend for requests to {@code target} at {@code nanos}.
     *
     * @param hitsByBackend backend (pod) name to answers, sorted by name
     */
    public record TrafficSample(long nanos, String label, String target, SortedMap<String, Integer> hitsByBackend) {

        public TrafficSample {
            hitsByBackend = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(hitsByBackend));
        }

        public int total() {
            return hitsByBackend.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
