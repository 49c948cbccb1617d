package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.FieldCoverage;
import io.ksim.api.coordination.Lease;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.api.storage.StorageClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every field of the upstream types (k8s.io/api v0.32.9 core/v1, coordination/v1, storage/v1 and
 * scheduling/v1 types.go; inlined structs expanded, dropped fields such as the tombstoned
 * PersistentVolumeClaimStatus.resizeStatus left out) is a record component, in upstream's order, with
 * upstream's JSON name, and Jackson maps exactly those names.
 */
class CoreOtherFieldCoverageTest {

    private static final Map<Class<?>, List<String>> UPSTREAM = new LinkedHashMap<>();

    private static void row(Class<?> type, String... jsonNames) {
        UPSTREAM.put(type, List.of(jsonNames));
    }

    static {
        row(Namespace.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(Namespace.NamespaceSpec.class, "finalizers");
        row(Namespace.NamespaceStatus.class, "phase", "conditions");
        row(Namespace.NamespaceCondition.class, "type", "status", "lastTransitionTime", "reason", "message");
        row(Node.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(Node.NodeSpec.class, "podCIDR", "podCIDRs", "providerID", "unschedulable", "taints", "configSource",
                "externalID");
        row(Node.NodeStatus.class, "capacity", "allocatable", "phase", "conditions", "addresses", "daemonEndpoints",
                "nodeInfo", "images", "volumesInUse", "volumesAttached", "config", "runtimeHandlers", "features");
        row(Node.NodeCondition.class, "type", "status", "lastHeartbeatTime", "lastTransitionTime", "reason",
                "message");
        row(Node.NodeAddress.class, "type", "address");
        row(Node.NodeDaemonEndpoints.class, "kubeletEndpoint");
        row(Node.DaemonEndpoint.class, "Port");
        row(Node.NodeSystemInfo.class, "machineID", "systemUUID", "bootID", "kernelVersion", "osImage",
                "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture");
        row(Node.ContainerImage.class, "names", "sizeBytes");
        row(Node.AttachedVolume.class, "name", "devicePath");
        row(Node.NodeRuntimeHandler.class, "name", "features");
        row(Node.NodeRuntimeHandlerFeatures.class, "recursiveReadOnlyMounts", "userNamespaces");
        row(Node.NodeFeatures.class, "supplementalGroupsPolicy");
        row(Taint.class, "key", "value", "effect", "timeAdded");
        row(Service.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(Service.ServiceSpec.class, "ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs",
                "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
                "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig",
                "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
                "internalTrafficPolicy", "trafficDistribution");
        row(Service.ServicePort.class, "name", "protocol", "appProtocol", "port", "targetPort", "nodePort");
        row(Service.SessionAffinityConfig.class, "clientIP");
        row(Service.ClientIPConfig.class, "timeoutSeconds");
        row(Service.ServiceStatus.class, "loadBalancer", "conditions");
        row(Service.LoadBalancerStatus.class, "ingress");
        row(Service.LoadBalancerIngress.class, "ip", "hostname", "ipMode", "ports");
        row(Service.PortStatus.class, "port", "protocol", "error");
        row(Endpoints.class, "apiVersion", "kind", "metadata", "subsets");
        row(Endpoints.EndpointSubset.class, "addresses", "notReadyAddresses", "ports");
        row(Endpoints.EndpointAddress.class, "ip", "hostname", "nodeName", "targetRef");
        row(Endpoints.EndpointPort.class, "name", "port", "protocol", "appProtocol");
        row(ObjectReference.class, "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath");
        row(LocalObjectReference.class, "name");
        row(TypedLocalObjectReference.class, "apiGroup", "kind", "name");
        row(TypedObjectReference.class, "apiGroup", "kind", "name", "namespace");
        row(ConfigMap.class, "apiVersion", "kind", "metadata", "immutable", "data", "binaryData");
        row(Secret.class, "apiVersion", "kind", "metadata", "immutable", "data", "stringData", "type");
        row(ServiceAccount.class, "apiVersion", "kind", "metadata", "secrets", "imagePullSecrets",
                "automountServiceAccountToken");
        row(PersistentVolume.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(PersistentVolume.PersistentVolumeSpec.class, "capacity", "gcePersistentDisk", "awsElasticBlockStore",
                "hostPath", "glusterfs", "nfs", "rbd", "iscsi", "cinder", "cephfs", "fc", "flocker", "flexVolume",
                "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume",
                "scaleIO", "local", "storageos", "csi", "accessModes", "claimRef", "persistentVolumeReclaimPolicy",
                "storageClassName", "mountOptions", "volumeMode", "nodeAffinity", "volumeAttributesClassName");
        row(VolumeNodeAffinity.class, "required");
        row(HostPathVolumeSource.class, "path", "type");
        row(PersistentVolume.NFSVolumeSource.class, "server", "path", "readOnly");
        row(LocalVolumeSource.class, "path", "fsType");
        row(CSIPersistentVolumeSource.class, "driver", "volumeHandle", "readOnly", "fsType", "volumeAttributes",
                "controllerPublishSecretRef", "nodeStageSecretRef", "nodePublishSecretRef",
                "controllerExpandSecretRef", "nodeExpandSecretRef");
        row(SecretReference.class, "name", "namespace");
        row(PersistentVolume.PersistentVolumeStatus.class, "phase", "message", "reason", "lastPhaseTransitionTime");
        row(PersistentVolumeClaim.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(PersistentVolumeClaim.PersistentVolumeClaimSpec.class, "accessModes", "selector", "resources",
                "volumeName", "storageClassName", "volumeMode", "dataSource", "dataSourceRef",
                "volumeAttributesClassName");
        row(PersistentVolumeClaim.VolumeResourceRequirements.class, "limits", "requests");
        row(PersistentVolumeClaim.PersistentVolumeClaimStatus.class, "phase", "accessModes", "capacity", "conditions",
                "allocatedResources", "allocatedResourceStatuses", "currentVolumeAttributesClassName",
                "modifyVolumeStatus");
        row(PersistentVolumeClaim.PersistentVolumeClaimCondition.class, "type", "status", "lastProbeTime",
                "lastTransitionTime", "reason", "message");
        row(PersistentVolumeClaim.ModifyVolumeStatus.class, "targetVolumeAttributesClassName", "status");
        row(ResourceQuota.class, "apiVersion", "kind", "metadata", "spec", "status");
        row(ResourceQuota.ResourceQuotaSpec.class, "hard", "scopes", "scopeSelector");
        row(ResourceQuota.ScopeSelector.class, "matchExpressions");
        row(ResourceQuota.ScopedResourceSelectorRequirement.class, "scopeName", "operator", "values");
        row(ResourceQuota.ResourceQuotaStatus.class, "hard", "used");
        row(LimitRange.class, "apiVersion", "kind", "metadata", "spec");
        row(LimitRange.LimitRangeSpec.class, "limits");
        row(LimitRange.LimitRangeItem.class, "type", "max", "min", "default", "defaultRequest",
                "maxLimitRequestRatio");
        row(Event.class, "apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "source",
                "firstTimestamp", "lastTimestamp", "count", "type", "eventTime", "series", "action", "related",
                "reportingComponent", "reportingInstance");
        row(Event.EventSource.class, "component", "host");
        row(Event.EventSeries.class, "count", "lastObservedTime");
        row(TopologySelectorTerm.class, "matchLabelExpressions");
        row(TopologySelectorLabelRequirement.class, "key", "values");
        row(Lease.class, "apiVersion", "kind", "metadata", "spec");
        row(Lease.LeaseSpec.class, "holderIdentity", "leaseDurationSeconds", "acquireTime", "renewTime",
                "leaseTransitions", "strategy", "preferredHolder");
        row(StorageClass.class, "apiVersion", "kind", "metadata", "provisioner", "parameters", "reclaimPolicy",
                "mountOptions", "allowVolumeExpansion", "volumeBindingMode", "allowedTopologies");
        row(PriorityClass.class, "apiVersion", "kind", "metadata", "value", "globalDefault", "description",
                "preemptionPolicy");
    }

    @Test
    void recordComponentsAreUpstreamFieldsInUpstreamOrder() {
        assertEquals(List.of(), FieldCoverage.componentOrderMismatches(UPSTREAM));
    }

    @Test
    void jacksonMapsExactlyTheUpstreamNames() {
        assertEquals(List.of(), FieldCoverage.jacksonNameMismatches(UPSTREAM));
    }
}
