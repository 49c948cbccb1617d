package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A piece of storage in the cluster (core/v1 PersistentVolume), provisioned by an administrator or a
 * provisioner, bound to at most one claim ({@code spec.claimRef}).
 */
public record PersistentVolume(String apiVersion, String kind, ObjectMeta metadata, PersistentVolumeSpec spec,
        PersistentVolumeStatus status) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "PersistentVolume";

    /** Access modes (PersistentVolumeAccessMode), for volumes and claims. */
    public static final String READ_WRITE_ONCE = "ReadWriteOnce";
    public static final String READ_ONLY_MANY = "ReadOnlyMany";
    public static final String READ_WRITE_MANY = "ReadWriteMany";
    public static final String READ_WRITE_ONCE_POD = "ReadWriteOncePod";

    /** Reclaim policies (PersistentVolumeReclaimPolicy), also a StorageClass's. */
    public static final String RECLAIM_RETAIN = "Retain";
    public static final String RECLAIM_DELETE = "Delete";
    public static final String RECLAIM_RECYCLE = "Recycle";

    /** Volume modes (PersistentVolumeMode), for volumes and claims. */
    public static final String VOLUME_MODE_FILESYSTEM = "Filesystem";
    public static final String VOLUME_MODE_BLOCK = "Block";

    public PersistentVolume {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? PersistentVolumeSpec.builder().build() : spec;
        status = status == null ? new PersistentVolumeStatus(null, null, null, null) : status;
    }

    @Override
    public PersistentVolume withMetadata(ObjectMeta newMetadata) {
        return new PersistentVolume(apiVersion, kind, newMetadata, spec, status);
    }

    public PersistentVolume withSpec(PersistentVolumeSpec newSpec) {
        return new PersistentVolume(apiVersion, kind, metadata, newSpec, status);
    }

    public PersistentVolume withStatus(PersistentVolumeStatus newStatus) {
        return new PersistentVolume(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * core/v1 PersistentVolumeSpec, with the members of the inlined PersistentVolumeSource in their upstream
     * place (after {@code capacity}). The sources ksim's components read are typed (hostPath, nfs, local, csi);
     * the in-tree cloud and legacy sources are kept as they come.
     */
    public record PersistentVolumeSpec(SortedMap<String, Quantity> capacity,
            Opaque gcePersistentDisk, Opaque awsElasticBlockStore, HostPathVolumeSource hostPath, Opaque glusterfs,
            NFSVolumeSource nfs, Opaque rbd, Opaque iscsi, Opaque cinder, Opaque cephfs, Opaque fc, Opaque flocker,
            Opaque flexVolume, Opaque azureFile, Opaque vsphereVolume, Opaque quobyte, Opaque azureDisk,
            Opaque photonPersistentDisk, Opaque portworxVolume, Opaque scaleIO, LocalVolumeSource local,
            Opaque storageos, CSIPersistentVolumeSource csi,
            List<String> accessModes, ObjectReference claimRef, String persistentVolumeReclaimPolicy,
            String storageClassName, List<String> mountOptions, String volumeMode, VolumeNodeAffinity nodeAffinity,
            String volumeAttributesClassName) {

        public PersistentVolumeSpec {
            capacity = capacity == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(capacity);
            accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
            mountOptions = mountOptions == null ? List.of() : List.copyOf(mountOptions);
        }

        public static Builder builder() {
            return new Builder();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds a {@link PersistentVolumeSpec}; unset fields stay null or empty. */
        public static final class Builder {
            private SortedMap<String, Quantity> capacity;
            private Opaque gcePersistentDisk;
            private Opaque awsElasticBlockStore;
            private HostPathVolumeSource hostPath;
            private Opaque glusterfs;
            private NFSVolumeSource nfs;
            private Opaque rbd;
            private Opaque iscsi;
            private Opaque cinder;
            private Opaque cephfs;
            private Opaque fc;
            private Opaque flocker;
            private Opaque flexVolume;
            private Opaque azureFile;
            private Opaque vsphereVolume;
            private Opaque quobyte;
            private Opaque azureDisk;
            private Opaque photonPersistentDisk;
            private Opaque portworxVolume;
            private Opaque scaleIO;
            private LocalVolumeSource local;
            private Opaque storageos;
            private CSIPersistentVolumeSource csi;
            private List<String> accessModes;
            private ObjectReference claimRef;
            private String persistentVolumeReclaimPolicy;
            private String storageClassName;
            private List<String> mountOptions;
            private String volumeMode;
            private VolumeNodeAffinity nodeAffinity;
            private String volumeAttributesClassName;

            private Builder() {
            }

            private Builder(PersistentVolumeSpec s) {
                capacity = s.capacity;
                gcePersistentDisk = s.gcePersistentDisk;
                awsElasticBlockStore = s.awsElasticBlockStore;
                hostPath = s.hostPath;
                glusterfs = s.glusterfs;
                nfs = s.nfs;
                rbd = s.rbd;
                iscsi = s.iscsi;
                cinder = s.cinder;
                cephfs = s.cephfs;
                fc = s.fc;
                flocker = s.flocker;
                flexVolume = s.flexVolume;
                azureFile = s.azureFile;
                vsphereVolume = s.vsphereVolume;
                quobyte = s.quobyte;
                azureDisk = s.azureDisk;
                photonPersistentDisk = s.photonPersistentDisk;
                portworxVolume = s.portworxVolume;
                scaleIO = s.scaleIO;
                local = s.local;
                storageos = s.storageos;
                csi = s.csi;
                accessModes = s.accessModes;
                claimRef = s.claimRef;
                persistentVolumeReclaimPolicy = s.persistentVolumeReclaimPolicy;
                storageClassName = s.storageClassName;
                mountOptions = s.mountOptions;
                volumeMode = s.volumeMode;
                nodeAffinity = s.nodeAffinity;
                volumeAttributesClassName = s.volumeAttributesClassName;
            }

            public Builder capacity(SortedMap<String, Quantity> v) {
                capacity = v;
                return this;
            }

            public Builder hostPath(HostPathVolumeSource v) {
                hostPath = v;
                return this;
            }

            public Builder nfs(NFSVolumeSource v) {
                nfs = v;
                return this;
            }

            public Builder local(LocalVolumeSource v) {
                local = v;
                return this;
            }

            public Builder csi(CSIPersistentVolumeSource v) {
                csi = v;
                return this;
            }

            public Builder gcePersistentDisk(Opaque v) {
                gcePersistentDisk = v;
                return this;
            }

            public Builder awsElasticBlockStore(Opaque v) {
                awsElasticBlockStore = v;
                return this;
            }

            public Builder glusterfs(Opaque v) {
                glusterfs = v;
                return this;
            }

            public Builder rbd(Opaque v) {
                rbd = v;
                return this;
            }

            public Builder iscsi(Opaque v) {
                iscsi = v;
                return this;
            }

            public Builder cinder(Opaque v) {
                cinder = v;
                return this;
            }

            public Builder cephfs(Opaque v) {
                cephfs = v;
                return this;
            }

            public Builder fc(Opaque v) {
                fc = v;
                return this;
            }

            public Builder flocker(Opaque v) {
                flocker = v;
                return this;
            }

            public Builder flexVolume(Opaque v) {
                flexVolume = v;
                return this;
            }

            public Builder azureFile(Opaque v) {
                azureFile = v;
                return this;
            }

            public Builder vsphereVolume(Opaque v) {
                vsphereVolume = v;
                return this;
            }

            public Builder quobyte(Opaque v) {
                quobyte = v;
                return this;
            }

            public Builder azureDisk(Opaque v) {
                azureDisk = v;
                return this;
            }

            public Builder photonPersistentDisk(Opaque v) {
                photonPersistentDisk = v;
                return this;
            }

            public Builder portworxVolume(Opaque v) {
                portworxVolume = v;
                return this;
            }

            public Builder scaleIO(Opaque v) {
                scaleIO = v;
                return this;
            }

            public Builder storageos(Opaque v) {
                storageos = v;
                return this;
            }

            public Builder accessModes(List<String> v) {
                accessModes = v;
                return this;
            }

            public Builder claimRef(ObjectReference v) {
                claimRef = v;
                return this;
            }

            public Builder persistentVolumeReclaimPolicy(String v) {
                persistentVolumeReclaimPolicy = v;
                return this;
            }

            public Builder storageClassName(String v) {
                storageClassName = v;
                return this;
            }

            public Builder mountOptions(List<String> v) {
                mountOptions = v;
                return this;
            }

            public Builder volumeMode(String v) {
                volumeMode = v;
                return this;
            }

            public Builder nodeAffinity(VolumeNodeAffinity v) {
                nodeAffinity = v;
                return this;
            }

            public Builder volumeAttributesClassName(String v) {
                volumeAttributesClassName = v;
                return this;
            }

            public PersistentVolumeSpec build() {
                return new PersistentVolumeSpec(capacity, gcePersistentDisk, awsElasticBlockStore, hostPath,
                        glusterfs, nfs, rbd, iscsi, cinder, cephfs, fc, flocker, flexVolume, azureFile,
                        vsphereVolume, quobyte, azureDisk, photonPersistentDisk, portworxVolume, scaleIO, local,
                        storageos, csi, accessModes, claimRef, persistentVolumeReclaimPolicy, storageClassName,
                        mountOptions, volumeMode, nodeAffinity, volumeAttributesClassName);
            }
        }
    }

    /** core/v1 NFSVolumeSource. */
    public record NFSVolumeSource(String server, String path, Boolean readOnly) {
    }

    /** core/v1 PersistentVolumeStatus. */
    public record PersistentVolumeStatus(String phase, String message, String reason,
            Instant lastPhaseTransitionTime) {

        public static final String PENDING = "Pending";
        public static final String AVAILABLE = "Available";
        public static final String BOUND = "Bound";
        public static final String RELEASED = "Released";
        public static final String FAILED = "Failed";

        public PersistentVolumeStatus withPhase(String newPhase) {
            return new PersistentVolumeStatus(newPhase, message, reason, lastPhaseTransitionTime);
        }
    }
}
