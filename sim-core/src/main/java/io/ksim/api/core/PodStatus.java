package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import java.time.Instant;
import java.util.List;

/**
 * The observed state of a pod (core/v1 PodStatus), written by the kubelet and, for scheduling conditions
 * and nominatedNodeName, by the scheduler. Phase values in {@link PodPhase}, QoS classes in
 * {@link PodQOSClass}.
 */
public record PodStatus(String phase, @PatchStrategy(mergeKey = "type") List<PodCondition> conditions, String message, String reason,
        String nominatedNodeName, String hostIP, @PatchStrategy(mergeKey = "ip") List<HostIP> hostIPs, String podIP, @PatchStrategy(mergeKey = "ip") List<PodIP> podIPs,
        Instant startTime, List<ContainerStatus> initContainerStatuses, List<ContainerStatus> containerStatuses,
        String qosClass, List<ContainerStatus> ephemeralContainerStatuses, String resize,
        @PatchStrategy(mergeKey = "name", retainKeys = true) List<PodResourceClaimStatus> resourceClaimStatuses) {

    /** {@code resize}: a resize was requested but not yet acted on. */
    public static final String RESIZE_PROPOSED = "Proposed";
    /** {@code resize}: the kubelet is applying a resize. */
    public static final String RESIZE_IN_PROGRESS = "InProgress";
    /** {@code resize}: the node cannot take the resize now but may later. */
    public static final String RESIZE_DEFERRED = "Deferred";
    /** {@code resize}: the node can never take the resize. */
    public static final String RESIZE_INFEASIBLE = "Infeasible";

    /** The status of a pod nobody has reported on yet: all fields absent. */
    public static final PodStatus EMPTY = builder().build();

    public PodStatus {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        hostIPs = hostIPs == null ? List.of() : List.copyOf(hostIPs);
        podIPs = podIPs == null ? List.of() : List.copyOf(podIPs);
        initContainerStatuses = initContainerStatuses == null ? List.of() : List.copyOf(initContainerStatuses);
        containerStatuses = containerStatuses == null ? List.of() : List.copyOf(containerStatuses);
        ephemeralContainerStatuses = ephemeralContainerStatuses == null
                ? List.of() : List.copyOf(ephemeralContainerStatuses);
        resourceClaimStatuses = resourceClaimStatuses == null ? List.of() : List.copyOf(resourceClaimStatuses);
    }

    /** The same status with other conditions. */
    public PodStatus withConditions(List<PodCondition> newConditions) {
        return toBuilder().conditions(newConditions).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link PodStatus}; unset fields stay absent. */
    public static final class Builder {
        private String phase;
        private List<PodCondition> conditions;
        private String message;
        private String reason;
        private String nominatedNodeName;
        private String hostIP;
        private List<HostIP> hostIPs;
        private String podIP;
        private List<PodIP> podIPs;
        private Instant startTime;
        private List<ContainerStatus> initContainerStatuses;
        private List<ContainerStatus> containerStatuses;
        private String qosClass;
        private List<ContainerStatus> ephemeralContainerStatuses;
        private String resize;
        private List<PodResourceClaimStatus> resourceClaimStatuses;

        private Builder() {
        }

        private Builder(PodStatus o) {
            phase = o.phase;
            conditions = o.conditions;
            message = o.message;
            reason = o.reason;
            nominatedNodeName = o.nominatedNodeName;
            hostIP = o.hostIP;
            hostIPs = o.hostIPs;
            podIP = o.podIP;
            podIPs = o.podIPs;
            startTime = o.startTime;
            initContainerStatuses = o.initContainerStatuses;
            containerStatuses = o.containerStatuses;
            qosClass = o.qosClass;
            ephemeralContainerStatuses = o.ephemeralContainerStatuses;
            resize = o.resize;
            resourceClaimStatuses = o.resourceClaimStatuses;
        }

        public Builder phase(String v) {
            phase = v;
            return this;
        }

        public Builder conditions(List<PodCondition> v) {
            conditions = v;
            return this;
        }

        public Builder message(String v) {
            message = v;
            return this;
        }

        public Builder reason(String v) {
            reason = v;
            return this;
        }

        public Builder nominatedNodeName(String v) {
            nominatedNodeName = v;
            return this;
        }

        public Builder hostIP(String v) {
            hostIP = v;
            return this;
        }

        public Builder hostIPs(List<HostIP> v) {
            hostIPs = v;
            return this;
        }

        public Builder podIP(String v) {
            podIP = v;
            return this;
        }

        public Builder podIPs(List<PodIP> v) {
            podIPs = v;
            return this;
        }

        public Builder startTime(Instant v) {
            startTime = v;
            return this;
        }

        public Builder initContainerStatuses(List<ContainerStatus> v) {
            initContainerStatuses = v;
            return this;
        }

        public Builder containerStatuses(List<ContainerStatus> v) {
            containerStatuses = v;
            return this;
        }

        public Builder qosClass(String v) {
            qosClass = v;
            return this;
        }

        public Builder ephemeralContainerStatuses(List<ContainerStatus> v) {
            ephemeralContainerStatuses = v;
            return this;
        }

        public Builder resize(String v) {
            resize = v;
            return this;
        }

        public Builder resourceClaimStatuses(List<PodResourceClaimStatus> v) {
            resourceClaimStatuses = v;
            return this;
        }

        public PodStatus build() {
            return new PodStatus(phase, conditions, message, reason, nominatedNodeName, hostIP, hostIPs, podIP,
                    podIPs, startTime, initContainerStatuses, containerStatuses, qosClass,
                    ephemeralContainerStatuses, resize, resourceClaimStatuses);
        }
    }
}
