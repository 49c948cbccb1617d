package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The desired state of a pod (core/v1 PodSpec), every field of v1.32. {@code serviceAccount} is the
 * deprecated alias of {@code serviceAccountName}. The pod security context is kept as given, uninterpreted;
 * {@code overhead} is a sorted resource list.
 */
public record PodSpec(@PatchStrategy(mergeKey = "name", retainKeys = true) List<Volume> volumes, @PatchStrategy(mergeKey = "name") List<Container> initContainers, @PatchStrategy(mergeKey = "name") List<Container> containers,
        @PatchStrategy(mergeKey = "name") List<EphemeralContainer> ephemeralContainers, String restartPolicy, Long terminationGracePeriodSeconds,
        Long activeDeadlineSeconds, String dnsPolicy, SortedMap<String, String> nodeSelector,
        String serviceAccountName, String serviceAccount, Boolean automountServiceAccountToken, String nodeName,
        Boolean hostNetwork, Boolean hostPID, Boolean hostIPC, Boolean shareProcessNamespace,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque securityContext,
        @PatchStrategy(mergeKey = "name") List<LocalObjectReference> imagePullSecrets, String hostname, String subdomain, Affinity affinity,
        String schedulerName, List<Toleration> tolerations, @PatchStrategy(mergeKey = "ip") List<HostAlias> hostAliases, String priorityClassName,
        Integer priority, PodDNSConfig dnsConfig, List<PodReadinessGate> readinessGates,
        @JsonInclude(JsonInclude.Include.NON_NULL) String runtimeClassName, Boolean enableServiceLinks,
        @JsonInclude(JsonInclude.Include.NON_NULL) String preemptionPolicy, SortedMap<String, Quantity> overhead,
        @PatchStrategy(mergeKey = "topologyKey") List<TopologySpreadConstraint> topologySpreadConstraints, Boolean setHostnameAsFQDN, PodOS os,
        Boolean hostUsers, @PatchStrategy(mergeKey = "name") List<PodSchedulingGate> schedulingGates, @PatchStrategy(mergeKey = "name", retainKeys = true) List<PodResourceClaim> resourceClaims,
        ResourceRequirements resources) {

    public PodSpec {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
        containers = containers == null ? List.of() : List.copyOf(containers);
        ephemeralContainers = ephemeralContainers == null ? List.of() : List.copyOf(ephemeralContainers);
        nodeSelector = nodeSelector == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(nodeSelector);
        imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
        readinessGates = readinessGates == null ? List.of() : List.copyOf(readinessGates);
        overhead = overhead == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(overhead);
        topologySpreadConstraints = topologySpreadConstraints == null
                ? List.of() : List.copyOf(topologySpreadConstraints);
        schedulingGates = schedulingGates == null ? List.of() : List.copyOf(schedulingGates);
        resourceClaims = resourceClaims == null ? List.of() : List.copyOf(resourceClaims);
    }

    /** A spec with just these containers. */
    public static PodSpec of(Container... containers) {
        return builder().containers(List.of(containers)).build();
    }

    /** The same spec bound to a node. */
    public PodSpec withNodeName(String node) {
        return toBuilder().nodeName(node).build();
    }

    public boolean usesHostNetwork() {
        return Boolean.TRUE.equals(hostNetwork);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link PodSpec}; unset fields stay absent. */
    public static final class Builder {
        private List<Volume> volumes;
        private List<Container> initContainers;
        private List<Container> containers;
        private List<EphemeralContainer> ephemeralContainers;
        private String restartPolicy;
        private Long terminationGracePeriodSeconds;
        private Long activeDeadlineSeconds;
        private String dnsPolicy;
        private SortedMap<String, String> nodeSelector;
        private String serviceAccountName;
        private String serviceAccount;
        private Boolean automountServiceAccountToken;
        private String nodeName;
        private Boolean hostNetwork;
        private Boolean hostPID;
        private Boolean hostIPC;
        private Boolean shareProcessNamespace;
        private Opaque securityContext;
        private List<LocalObjectReference> imagePullSecrets;
        private String hostname;
        private String subdomain;
        private Affinity affinity;
        private String schedulerName;
        private List<Toleration> tolerations;
        private List<HostAlias> hostAliases;
        private String priorityClassName;
        private Integer priority;
        private PodDNSConfig dnsConfig;
        private List<PodReadinessGate> readinessGates;
        private String runtimeClassName;
        private Boolean enableServiceLinks;
        private String preemptionPolicy;
        private SortedMap<String, Quantity> overhead;
        private List<TopologySpreadConstraint> topologySpreadConstraints;
        private Boolean setHostnameAsFQDN;
        private PodOS os;
        private Boolean hostUsers;
        private List<PodSchedulingGate> schedulingGates;
        private List<PodResourceClaim> resourceClaims;
        private ResourceRequirements resources;

        private Builder() {
        }

        private Builder(PodSpec o) {
            volumes = o.volumes;
            initContainers = o.initContainers;
            containers = o.containers;
            ephemeralContainers = o.ephemeralContainers;
            restartPolicy = o.restartPolicy;
            terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
            activeDeadlineSeconds = o.activeDeadlineSeconds;
            dnsPolicy = o.dnsPolicy;
            nodeSelector = o.nodeSelector;
            serviceAccountName = o.serviceAccountName;
            serviceAccount = o.serviceAccount;
            automountServiceAccountToken = o.automountServiceAccountToken;
            nodeName = o.nodeName;
            hostNetwork = o.hostNetwork;
            hostPID = o.hostPID;
            hostIPC = o.hostIPC;
            shareProcessNamespace = o.shareProcessNamespace;
            securityContext = o.securityContext;
            imagePullSecrets = o.imagePullSecrets;
            hostname = o.hostname;
            subdomain = o.subdomain;
            affinity = o.affinity;
            schedulerName = o.schedulerName;
            tolerations = o.tolerations;
            hostAliases = o.hostAliases;
            priorityClassName = o.priorityClassName;
            priority = o.priority;
            dnsConfig = o.dnsConfig;
            readinessGates = o.readinessGates;
            runtimeClassName = o.runtimeClassName;
            enableServiceLinks = o.enableServiceLinks;
            preemptionPolicy = o.preemptionPolicy;
            overhead = o.overhead;
            topologySpreadConstraints = o.topologySpreadConstraints;
            setHostnameAsFQDN = o.setHostnameAsFQDN;
            os = o.os;
            hostUsers = o.hostUsers;
            schedulingGates = o.schedulingGates;
            resourceClaims = o.resourceClaims;
            resources = o.resources;
        }

        public Builder volumes(List<Volume> v) {
            volumes = v;
            return this;
        }

        public Builder initContainers(List<Container> v) {
            initContainers = v;
            return this;
        }

        public Builder containers(List<Container> v) {
            containers = v;
            return this;
        }

        public Builder ephemeralContainers(List<EphemeralContainer> v) {
            ephemeralContainers = v;
            return this;
        }

        public Builder restartPolicy(String v) {
            restartPolicy = v;
            return this;
        }

        public Builder terminationGracePeriodSeconds(Long v) {
            terminationGracePeriodSeconds = v;
            return this;
        }

        public Builder activeDeadlineSeconds(Long v) {
            activeDeadlineSeconds = v;
            return this;
        }

        public Builder dnsPolicy(String v) {
            dnsPolicy = v;
            return this;
        }

        public Builder nodeSelector(Map<String, String> v) {
            nodeSelector = v == null ? null : ImmutableSortedMap.copyOf(v);
            return this;
        }

        public Builder serviceAccountName(String v) {
            serviceAccountName = v;
            return this;
        }

        public Builder serviceAccount(String v) {
            serviceAccount = v;
            return this;
        }

        public Builder automountServiceAccountToken(Boolean v) {
            automountServiceAccountToken = v;
            return this;
        }

        public Builder nodeName(String v) {
            nodeName = v;
            return this;
        }

        public Builder hostNetwork(Boolean v) {
            hostNetwork = v;
            return this;
        }

        public Builder hostPID(Boolean v) {
            hostPID = v;
            return this;
        }

        public Builder hostIPC(Boolean v) {
            hostIPC = v;
            return this;
        }

        public Builder shareProcessNamespace(Boolean v) {
            shareProcessNamespace = v;
            return this;
        }

        public Builder securityContext(Opaque v) {
            securityContext = v;
            return this;
        }

        public Builder imagePullSecrets(List<LocalObjectReference> v) {
            imagePullSecrets = v;
            return this;
        }

        public Builder hostname(String v) {
            hostname = v;
            return this;
        }

        public Builder subdomain(String v) {
            subdomain = v;
            return this;
        }

        public Builder affinity(Affinity v) {
            affinity = v;
            return this;
        }

        public Builder schedulerName(String v) {
            schedulerName = v;
            return this;
        }

        public Builder tolerations(List<Toleration> v) {
            tolerations = v;
            return this;
        }

        public Builder hostAliases(List<HostAlias> v) {
            hostAliases = v;
            return this;
        }

        public Builder priorityClassName(String v) {
            priorityClassName = v;
            return this;
        }

        public Builder priority(Integer v) {
            priority = v;
            return this;
        }

        public Builder dnsConfig(PodDNSConfig v) {
            dnsConfig = v;
            return this;
        }

        public Builder readinessGates(List<PodReadinessGate> v) {
            readinessGates = v;
            return this;
        }

        public Builder runtimeClassName(String v) {
            runtimeClassName = v;
            return this;
        }

        public Builder enableServiceLinks(Boolean v) {
            enableServiceLinks = v;
            return this;
        }

        public Builder preemptionPolicy(String v) {
            preemptionPolicy = v;
            return this;
        }

        public Builder overhead(Map<String, Quantity> v) {
            overhead = v == null ? null : ImmutableSortedMap.copyOf(v);
            return this;
        }

        public Builder topologySpreadConstraints(List<TopologySpreadConstraint> v) {
            topologySpreadConstraints = v;
            return this;
        }

        public Builder setHostnameAsFQDN(Boolean v) {
            setHostnameAsFQDN = v;
            return this;
        }

        public Builder os(PodOS v) {
            os = v;
            return this;
        }

        public Builder hostUsers(Boolean v) {
            hostUsers = v;
            return this;
        }

        public Builder schedulingGates(List<PodSchedulingGate> v) {
            schedulingGates = v;
            return this;
        }

        public Builder resourceClaims(List<PodResourceClaim> v) {
            resourceClaims = v;
            return this;
        }

        public Builder resources(ResourceRequirements v) {
            resources = v;
            return this;
        }

        public PodSpec build() {
            return new PodSpec(volumes, initContainers, containers, ephemeralContainers, restartPolicy,
                    terminationGracePeriodSeconds, activeDeadlineSeconds, dnsPolicy, nodeSelector,
                    serviceAccountName, serviceAccount, automountServiceAccountToken, nodeName, hostNetwork, hostPID,
                    hostIPC, shareProcessNamespace, securityContext, imagePullSecrets, hostname, subdomain, affinity,
                    schedulerName, tolerations, hostAliases, priorityClassName, priority, dnsConfig, readinessGates,
                    runtimeClassName, enableServiceLinks, preemptionPolicy, overhead, topologySpreadConstraints,
                    setHostnameAsFQDN, os, hostUsers, schedulingGates, resourceClaims, resources);
        }
    }
}
