package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Rows.cells;
import static io.ksim.apiserver.printers.Rows.columns;
import static io.ksim.apiserver.printers.Rows.wideColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.StorageClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Volumes, storage classes, CSINodes, RBAC bindings, PodDisruptionBudgets, Leases and PriorityClasses. */
class ClusterPrinterTest {

    @Test
    void persistentVolumes() {
        assertEquals(List.of("Name", "Capacity", "Access Modes", "Reclaim Policy", "Status", "Claim", "StorageClass",
                "VolumeAttributesClass", "Reason", "Age", "VolumeMode"), columns(PersistentVolume.class));
        assertEquals(List.of("VolumeMode"), wideColumns(PersistentVolume.class));
        assertEquals(List.of("pv-1", "5Gi", "RWO,ROX", "Retain", "Bound", "default/data", "standard", "<unset>", "",
                "<unknown>", "Filesystem"), cells(PersistentVolume.class, "metadata: {name: pv-1}\n"
                        + "spec: {capacity: {storage: 5Gi}, accessModes: [ReadOnlyMany, ReadWriteOnce, ReadOnlyMany],"
                        + " persistentVolumeReclaimPolicy: Retain, claimRef: {namespace: default, name: data},"
                        + " storageClassName: standard, volumeMode: Filesystem}\nstatus: {phase: Bound}"));
        assertEquals(List.of("old", "0", "RWOP", "Delete", "Terminating", "", "legacy", "gold", "", "<unknown>", "<unset>"),
                cells(PersistentVolume.class, "metadata: {name: old, deletionTimestamp: '2025-01-01T11:00:00Z',"
                        + " annotations: {volume.beta.kubernetes.io/storage-class: legacy}}\n"
                        + "spec: {accessModes: [ReadWriteOncePod], persistentVolumeReclaimPolicy: Delete, storageClassName: standard,"
                        + " volumeAttributesClassName: gold}\nstatus: {phase: Released}"));
    }

    @Test
    void persistentVolumeClaims() {
        assertEquals(List.of("Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass",
                "Age", "VolumeMode"), columns(PersistentVolumeClaim.class));
        assertEquals(List.of("data", "Bound", "pvc-1234", "10Gi", "RWO", "standard", "<unset>", "<unknown>", "Filesystem"),
                cells(PersistentVolumeClaim.class, "metadata: {name: data}\nspec: {accessModes: [ReadWriteOnce],"
                        + " resources: {requests: {storage: 8Gi}}, volumeName: pvc-1234, storageClassName: standard,"
                        + " volumeMode: Filesystem}\nstatus: {phase: Bound, accessModes: [ReadWriteOnce], capacity: {storage: 10Gi}}"));
        // Unbound: no capacity or modes yet, whatever the claim requests.
        assertEquals(List.of("pending", "Pending", "", "", "", "", "<unset>", "<unknown>", "<unset>"),
                cells(PersistentVolumeClaim.class, "metadata: {name: pending}\nspec: {accessModes: [ReadWriteOnce],"
                        + " resources: {requests: {storage: 1Gi}}}\nstatus: {phase: Pending}"));
    }

    @Test
    void storageClasses() {
        assertEquals(List.of("Name", "Provisioner", "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age"),
                columns(StorageClass.class));
        assertEquals(List.of("standard (default)", "rancher.io/local-path", "Delete", "WaitForFirstConsumer", "false", "<unknown>"),
                cells(StorageClass.class, "metadata: {name: standard, annotations: {storageclass.kubernetes.io/is-default-class: 'true'}}\n"
                        + "provisioner: rancher.io/local-path\nreclaimPolicy: Delete\nvolumeBindingMode: WaitForFirstConsumer"));
        assertEquals(List.of("fast", "csi.example.com", "Delete", "Immediate", "true", "<unknown>"), cells(StorageClass.class,
                "metadata: {name: fast, annotations: {storageclass.kubernetes.io/is-default-class: 'false'}}\n"
                        + "provisioner: csi.example.com\nallowVolumeExpansion: true"));
        assertEquals("old (default)", cells(StorageClass.class, "metadata: {name: old, annotations:"
                + " {storageclass.beta.kubernetes.io/is-default-class: 'true'}}\nprovisioner: p").get(0));
    }

    /** printers.go printCSINode: the number of drivers, printed as an integer. */
    @Test
    void csiNodes() {
        assertEquals(List.of("Name", "Drivers", "Age"), columns(CSINode.class));
        assertEquals(List.of("node-1", "0", "<unknown>"), cells(CSINode.class, "metadata: {name: node-1}\n"
                + "spec: {drivers: null}"));
        assertEquals(List.of("node-2", "2", "<unknown>"), cells(CSINode.class, "metadata: {name: node-2}\n"
                + "spec: {drivers: [{name: ebs.csi.aws.com, nodeID: i-1}, {name: example.csi.io, nodeID: n2,"
                + " allocatable: {count: 3}}]}"));
    }

    @Test
    void roleBindings() {
        assertEquals(List.of("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"), columns(RoleBinding.class));
        assertEquals(List.of("Users", "Groups", "ServiceAccounts"), wideColumns(RoleBinding.class));
        assertEquals(List.of("read-pods", "Role/pod-reader", "<unknown>", "jane, bob", "devs", "default/builder, ci/deployer"),
                cells(RoleBinding.class, "metadata: {name: read-pods}\nroleRef: {apiGroup: rbac.authorization.k8s.io,"
                        + " kind: Role, name: pod-reader}\nsubjects: [{kind: User, name: jane}, {kind: Group, name: devs},"
                        + " {kind: ServiceAccount, name: builder, namespace: default}, {kind: User, name: bob},"
                        + " {kind: ServiceAccount, name: deployer, namespace: ci}]"));
        assertEquals(List.of("cluster-admin", "ClusterRole/cluster-admin", "<unknown>", "", "system:masters", ""),
                cells(ClusterRoleBinding.class, "metadata: {name: cluster-admin}\nroleRef: {apiGroup: rbac.authorization.k8s.io,"
                        + " kind: ClusterRole, name: cluster-admin}\nsubjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group,"
                        + " name: 'system:masters'}]"));
    }

    @Test
    void disruptionBudgetsLeasesPriorityClasses() {
        assertEquals(List.of("Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"),
                columns(PodDisruptionBudget.class));
        assertEquals(List.of("web", "2", "N/A", "1", "<unknown>"), cells(PodDisruptionBudget.class,
                "metadata: {name: web}\nspec: {minAvailable: 2}\nstatus: {disruptionsAllowed: 1, currentHealthy: 3,"
                        + " desiredHealthy: 2, expectedPods: 3}"));
        assertEquals(List.of("db", "N/A", "25%", "0", "<unknown>"), cells(PodDisruptionBudget.class,
                "metadata: {name: db}\nspec: {maxUnavailable: 25%}"));
        assertEquals(List.of("Name", "Holder", "Age"), columns(Lease.class));
        assertEquals(List.of("kube-scheduler", "kube-scheduler-1_abc", "<unknown>"), cells(Lease.class,
                "metadata: {name: kube-scheduler}\nspec: {holderIdentity: kube-scheduler-1_abc}"));
        assertEquals(List.of("free", "", "<unknown>"), cells(Lease.class, "metadata: {name: free}\nspec: {}"));
        assertEquals(List.of("Name", "Value", "Global-Default", "Age", "PreemptionPolicy"), columns(PriorityClass.class));
        assertEquals(List.of(), wideColumns(PriorityClass.class));
        assertEquals(List.of("system-node-critical", "2000001000", "false", "<unknown>", "PreemptLowerPriority"),
                cells(PriorityClass.class, "metadata: {name: system-node-critical}\nvalue: 2000001000\n"
                        + "preemptionPolicy: PreemptLowerPriority"));
        assertEquals(List.of("batch", "-10", "true", "<unknown>", "Never"), cells(PriorityClass.class,
                "metadata: {name: batch}\nvalue: -10\nglobalDefault: true\npreemptionPolicy: Never"));
    }
}
