package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A node (core/v1 Node): where pods run. The kubelet reports {@code status} (capacity, allocatable,
 * conditions with heartbeats, addresses, node info); {@code spec} carries the pod CIDRs, taints and the
 * cordon flag ({@code unschedulable}).
 */
public record Node(String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status)
        implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Node";

    public Node {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? NodeSpec.EMPTY : spec;
        status = status == null ? NodeStatus.EMPTY : status;
    }

    @Override
    public Node withMetadata(ObjectMeta newMetadata) {
        return new Node(apiVersion, kind, newMetadata, spec, status);
    }

    public Node withSpec(NodeSpec newSpec) {
        return new Node(apiVersion, kind, metadata, newSpec, status);
    }

    public Node withStatus(NodeStatus newStatus) {
        return new Node(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * core/v1 NodeSpec. {@code configSource} (dynamic kubelet configuration, removed from the kubelet in 1.24)
     * is kept as it comes; {@code externalID} is upstream's deprecated DoNotUseExternalID.
     */
    public record NodeSpec(String podCIDR, @PatchStrategy List<String> podCIDRs, String providerID, Boolean unschedulable,
            List<Taint> taints, Opaque configSource, String externalID) {

        static final NodeSpec EMPTY = new NodeSpec(null, null, null, null, null, null, null);

        public NodeSpec {
            podCIDRs = podCIDRs == null ? List.of() : List.copyOf(podCIDRs);
            taints = taints == null ? List.of() : List.copyOf(taints);
        }

        /** Cordoned: no new pods are scheduled here. */
        public boolean isUnschedulable() {
            return Boolean.TRUE.equals(unschedulable);
        }

        public NodeSpec withUnschedulable(Boolean value) {
            return new NodeSpec(podCIDR, podCIDRs, providerID, value, taints, configSource, externalID);
        }

        public NodeSpec withTaints(List<Taint> newTaints) {
            return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, newTaints, configSource, externalID);
        }

        public NodeSpec withPodCIDRs(List<String> cidrs) {
            return new NodeSpec(cidrs.isEmpty() ? null : cidrs.get(0), cidrs, providerID, unschedulable, taints,
                    configSource, externalID);
        }
    }

    /** core/v1 NodeStatus. {@code config} (dynamic kubelet configuration status) is kept as it comes. */
    public record NodeStatus(SortedMap<String, Quantity> capacity, SortedMap<String, Quantity> allocatable,
            String phase, @PatchStrategy(mergeKey = "type") List<NodeCondition> conditions, @PatchStrategy(mergeKey = "type") List<NodeAddress> addresses,
            NodeDaemonEndpoints daemonEndpoints, NodeSystemInfo nodeInfo, List<ContainerImage> images,
            List<String> volumesInUse, List<AttachedVolume> volumesAttached, Opaque config,
            List<NodeRuntimeHandler> runtimeHandlers, NodeFeatures features) {

        public static final String PHASE_PENDING = "Pending";
        public static final String PHASE_RUNNING = "Running";
        public static final String PHASE_TERMINATED = "Terminated";

        static final NodeStatus EMPTY = new NodeStatus(null, null, null, null, null, null, null, null, null, null,
                null, null, null);

        public NodeStatus {
            capacity = capacity == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(capacity);
            allocatable = allocatable == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(allocatable);
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
            images = images == null ? List.of() : List.copyOf(images);
            volumesInUse = volumesInUse == null ? List.of() : List.copyOf(volumesInUse);
            volumesAttached = volumesAttached == null ? List.of() : List.copyOf(volumesAttached);
            runtimeHandlers = runtimeHandlers == null ? List.of() : List.copyOf(runtimeHandlers);
        }

        /** The condition of that type, or null. */
        public NodeCondition condition(String type) {
            for (NodeCondition c : conditions) {
                if (type.equals(c.type())) {
                    return c;
                }
            }
            return null;
        }

        public NodeStatus withCapacity(SortedMap<String, Quantity> newCapacity,
                SortedMap<String, Quantity> newAllocatable) {
            return new NodeStatus(newCapacity, newAllocatable, phase, conditions, addresses, daemonEndpoints,
                    nodeInfo, images, volumesInUse, volumesAttached, config, runtimeHandlers, features);
        }

        public NodeStatus withConditions(List<NodeCondition> newConditions) {
            return new NodeStatus(capacity, allocatable, phase, newConditions, addresses, daemonEndpoints, nodeInfo,
                    images, volumesInUse, volumesAttached, config, runtimeHandlers, features);
        }
    }

    /** core/v1 NodeCondition: Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable. */
    public record NodeCondition(String type, String status, Instant lastHeartbeatTime, Instant lastTransitionTime,
            String reason, String message) {

        public static final String READY = "Ready";
        public static final String MEMORY_PRESSURE = "MemoryPressure";
        public static final String DISK_PRESSURE = "DiskPressure";
        public static final String PID_PRESSURE = "PIDPressure";
        public static final String NETWORK_UNAVAILABLE = "NetworkUnavailable";

        public boolean isTrue() {
            return ConditionStatus.TRUE.equals(status);
        }
    }

    /** core/v1 NodeAddress. */
    public record NodeAddress(String type, String address) {

        public static final String HOSTNAME = "Hostname";
        public static final String INTERNAL_IP = "InternalIP";
        public static final String EXTERNAL_IP = "ExternalIP";
        public static final String INTERNAL_DNS = "InternalDNS";
        public static final String EXTERNAL_DNS = "ExternalDNS";
    }

    /** core/v1 NodeDaemonEndpoints. */
    public record NodeDaemonEndpoints(DaemonEndpoint kubeletEndpoint) {
    }

    /** core/v1 DaemonEndpoint; its one field is capitalised on the wire ({@code Port}), as upstream. */
    public record DaemonEndpoint(@JsonProperty("Port") int port) {
    }

    /** core/v1 NodeSystemInfo, as the kubelet reports it. */
    public record NodeSystemInfo(String machineID, String systemUUID, String bootID, String kernelVersion,
            String osImage, String containerRuntimeVersion, String kubeletVersion, String kubeProxyVersion,
            String operatingSystem, String architecture) {
    }

    /** core/v1 ContainerImage: an image present on the node, under all its names. */
    public record ContainerImage(List<String> names, Long sizeBytes) {

        public ContainerImage {
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /** core/v1 AttachedVolume. */
    public record AttachedVolume(String name, String devicePath) {
    }

    /** core/v1 NodeRuntimeHandler: a container runtime handler and what it supports. */
    public record NodeRuntimeHandler(String name, NodeRuntimeHandlerFeatures features) {
    }

    /** core/v1 NodeRuntimeHandlerFeatures. */
    public record NodeRuntimeHandlerFeatures(Boolean recursiveReadOnlyMounts, Boolean userNamespaces) {
    }

    /** core/v1 NodeFeatures. */
    public record NodeFeatures(Boolean supplementalGroupsPolicy) {
    }
}
