package io.ksim.scheduler.framework;

import io.ksim.api.core.Node;
import io.ksim.api.core.Taint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node together with the pods the scheduler counts on it (upstream framework.NodeInfo): the pods
 * (bound, or assumed by this scheduler and not yet seen bound), their summed requests, their summed
 * non-zero requests for scoring, the host ports they hold, and the node's allocatable.
 *
 * <p>Pods are kept in the order they were added, as upstream's slice is; nothing here is sorted by hash.
 */
public final class NodeInfo {

    private Node node;
    /**
     * The node's name and pod count, kept beside the other per-node fields: the scheduling cycle reads them
     * on every node it visits, and reaching them through the Node and its metadata, or through the pod map,
     * cost a cache miss each on large clusters.
     */
    private String name;
    private int podCount;
    private Resource allocatable = new Resource();
    private final Map<String, PodInfo> pods = new LinkedHashMap<>();
    private final Resource requested = new Resource();
    private final Resource nonZeroRequested = new Resource();
    private final List<HostPort> usedPorts = new ArrayList<>();
    /** Image name (every name the node reports for it) to size in bytes. */
    private Map<String, Long> imageSizes = Map.of();
    /**
     * The node's labels in a hash map: the spreading and affinity plugins look topology keys up on every node
     * for every pod, and a sorted map's binary search over string keys was most of their cost. Only looked
     * up (or scanned where order cannot matter), never printed.
     */
    private Map<String, String> labels = Map.of();
    /**
     * spec.taints and spec.unschedulable, read by filters on every node of every cycle: kept here so that
     * a filter does not walk from the node to its spec each time.
     */
    private List<Taint> taints = List.of();
    private boolean unschedulable;
    /**
     * The node's allocatable and its pods' summed requests (actual and non-zero) of cpu, memory, ephemeral
     * storage and pods, copied out of the three Resources into fields of this object: the resource filter
     * and scores read them on every node they visit, and reaching each Resource was a cache miss of its own on
     * large clusters. Kept equal to the Resources by {@link #setNode}, {@link #addPod} and {@link #uncount}.
     */
    private long allocatableMilliCpu;
    private long allocatableMemory;
    private long allocatableEphemeralStorage;
    private long allowedPodNumber;
    private long requestedMilliCpu;
    private long requestedMemory;
    private long requestedEphemeralStorage;
    private long nonZeroMilliCpu;
    private long nonZeroMemory;
    private int podsWithAffinity;
    private int podsWithRequiredAntiAffinity;
    /** Bumped whenever the set of counted pods changes, so that plugins can memoize per-node counts. */
    private long generation;

    public NodeInfo(Node node) {
        setNode(node);
    }

    public Node node() {
        return node;
    }

    public String name() {
        return name;
    }

    public void setNode(Node node) {
        this.node = node;
        this.name = node.metadata().name();
        this.allocatable = Resource.fromList(node.status().allocatable());
        this.allocatableMilliCpu = allocatable.milliCpu;
        this.allocatableMemory = allocatable.memory;
        this.allocatableEphemeralStorage = allocatable.ephemeralStorage;
        this.allowedPodNumber = allocatable.allowedPodNumber;
        Map<String, Long> sizes = new java.util.HashMap<>();
        for (Node.ContainerImage image : node.status().images()) {
            for (String name : image.names()) {
                sizes.put(name, image.sizeBytes() == null ? 0L : image.sizeBytes());
            }
        }
        // the shared empty map when the node reports no images: ImageLocality asks every node whether it has any
        this.imageSizes = sizes.isEmpty() ? Map.of() : sizes;
        this.labels = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(node.metadata().labels()));
        this.taints = node.spec().taints();
        this.unschedulable = node.spec().isUnschedulable();
    }

    /** The node's spec.taints (never null). */
    public List<Taint> taints() {
        return taints;
    }

    /** Whether the node is cordoned (spec.unschedulable). */
    public boolean unschedulable() {
        return unschedulable;
    }

    /** The node's labels for lookups (see the field's comment). */
    public Map<String, String> labels() {
        return labels;
    }

    public Resource allocatable() {
        return allocatable;
    }

    public Resource requested() {
        return requested;
    }

    public Resource nonZeroRequested() {
        return nonZeroRequested;
    }

    /**
     * {@code allocatable().get(field, name)} ({@link Resource#fieldOf}), read from this object's own fields
     * for cpu, memory, ephemeral storage and pods.
     */
    public long allocatable(int field, String name) {
        return switch (field) {
            case Resource.CPU_FIELD -> allocatableMilliCpu;
            case Resource.MEMORY_FIELD -> allocatableMemory;
            case Resource.EPHEMERAL_STORAGE_FIELD -> allocatableEphemeralStorage;
            case Resource.PODS_FIELD -> allowedPodNumber;
            default -> allocatable.get(field, name);
        };
    }

    /** {@code requested().get(field, name)}, from this object's own fields for cpu, memory and ephemeral storage. */
    public long requested(int field, String name) {
        return switch (field) {
            case Resource.CPU_FIELD -> requestedMilliCpu;
            case Resource.MEMORY_FIELD -> requestedMemory;
            case Resource.EPHEMERAL_STORAGE_FIELD -> requestedEphemeralStorage;
            default -> requested.get(field, name);
        };
    }

    /** {@code nonZeroRequested().get(field, name)}, from this object's own fields for cpu and memory. */
    public long nonZeroRequested(int field, String name) {
        return switch (field) {
            case Resource.CPU_FIELD -> nonZeroMilliCpu;
            case Resource.MEMORY_FIELD -> nonZeroMemory;
            default -> nonZeroRequested.get(field, name);
        };
    }

    /** {@code allocatable().milliCpu}, read without reaching the Resource (see the fields' comment). */
    public long allocatableMilliCpu() {
        return allocatableMilliCpu;
    }

    public long allocatableMemory() {
        return allocatableMemory;
    }

    public long allocatableEphemeralStorage() {
        return allocatableEphemeralStorage;
    }

    /** {@code allocatable().allowedPodNumber}. */
    public long allowedPodNumber() {
        return allowedPodNumber;
    }

    /** {@code requested().milliCpu}. */
    public long requestedMilliCpu() {
        return requestedMilliCpu;
    }

    public long requestedMemory() {
        return requestedMemory;
    }

    public long requestedEphemeralStorage() {
        return requestedEphemeralStorage;
    }

    /** {@code nonZeroRequested().milliCpu}. */
    public long nonZeroRequestedMilliCpu() {
        return nonZeroMilliCpu;
    }

    public long nonZeroRequestedMemory() {
        return nonZeroMemory;
    }

    public List<HostPort> usedPorts() {
        return Collections.unmodifiableList(usedPorts);
    }

    /** The node's images: every reported name to the image's size in bytes. */
    public Map<String, Long> imageSizes() {
        return imageSizes;
    }

    /** The pods counted on this node, in the order they were added. */
    public Collection<PodInfo> pods() {
        return Collections.unmodifiableCollection(pods.values());
    }

    /** Changes whenever a pod is added or removed; equal generations mean the same pods. */
    public long generation() {
        return generation;
    }

    public int podCount() {
        return podCount;
    }

    public boolean hasPodsWithAffinity() {
        return podsWithAffinity > 0;
    }

    public boolean hasPodsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity > 0;
    }

    /** Counts {@code pod} on this node. */
    public void addPod(PodInfo pod) {
        generation++;
        PodInfo old = pods.put(pod.key(), pod);
        podCount = pods.size();
        if (old != null) {
            uncount(old);
        }
        requested.add(pod.requests());
        nonZeroRequested.add(pod.nonZeroRequests());
        copyRequested();
        usedPorts.addAll(HostPort.of(pod.pod()));
        if (pod.hasAffinityTerms()) {
            podsWithAffinity++;
        }
        if (pod.hasRequiredAntiAffinity()) {
            podsWithRequiredAntiAffinity++;
        }
    }

    /** Stops counting the pod {@code key} ({@code namespace/name}); false if it was not counted. */
    public boolean removePod(String key) {
        PodInfo old = pods.remove(key);
        if (old == null) {
            return false;
        }
        podCount = pods.size();
        generation++;
        uncount(old);
        return true;
    }

    private void uncount(PodInfo old) {
        requested.subtract(old.requests());
        nonZeroRequested.subtract(old.nonZeroRequests());
        copyRequested();
        for (HostPort p : HostPort.of(old.pod())) {
            usedPorts.remove(p);
        }
        if (old.hasAffinityTerms()) {
            podsWithAffinity--;
        }
        if (old.hasRequiredAntiAffinity()) {
            podsWithRequiredAntiAffinity--;
        }
    }

    private void copyRequested() {
        requestedMilliCpu = requested.milliCpu;
        requestedMemory = requested.memory;
        requestedEphemeralStorage = requested.ephemeralStorage;
        nonZeroMilliCpu = nonZeroRequested.milliCpu;
        nonZeroMemory = nonZeroRequested.memory;
    }

    /** A deep enough copy for preemption's what-if: removing pods from it leaves this one alone. */
    public NodeInfo copy() {
        NodeInfo c = new NodeInfo(node);
        pods.values().forEach(c::addPod);
        return c;
    }

    @Override
    public String toString() {
        return name() + " (" + pods.size() + " pods, requested " + requested + ")";
    }
}
