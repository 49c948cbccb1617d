package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ksim.api.meta.Opaque;

/**
 * A named volume of a pod (core/v1 Volume, with its VolumeSource fields inline); exactly one source is set.
 * The sources ksim's components read are typed; the storage plugins' sources are kept as given
 * ({@link Opaque}), with upstream's defaults applied to them by {@link PodDefaults}.
 */
public record Volume(String name, HostPathVolumeSource hostPath, EmptyDirVolumeSource emptyDir,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque gcePersistentDisk,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque awsElasticBlockStore,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque gitRepo, SecretVolumeSource secret,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque nfs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque iscsi,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque glusterfs,
        PersistentVolumeClaimVolumeSource persistentVolumeClaim,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque rbd,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque flexVolume,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque cinder,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque cephfs,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque flocker, DownwardAPIVolumeSource downwardAPI,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque fc,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque azureFile, ConfigMapVolumeSource configMap,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque vsphereVolume,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque quobyte,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque azureDisk,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque photonPersistentDisk, ProjectedVolumeSource projected,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque portworxVolume,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque scaleIO,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque storageos,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque csi,
        @JsonInclude(JsonInclude.Include.NON_NULL) Opaque ephemeral, ImageVolumeSource image) {

    public static Volume emptyDir(String name) {
        return builder().name(name).emptyDir(new EmptyDirVolumeSource(null, null)).build();
    }

    public static Volume configMap(String name, String configMapName) {
        return builder().name(name).configMap(new ConfigMapVolumeSource(configMapName, null, null, null)).build();
    }

    public static Volume secret(String name, String secretName) {
        return builder().name(name).secret(new SecretVolumeSource(secretName, null, null, null)).build();
    }

    public static Volume persistentVolumeClaim(String name, String claimName) {
        return builder().name(name).persistentVolumeClaim(new PersistentVolumeClaimVolumeSource(claimName, null))
                .build();
    }

    public static Volume hostPath(String name, String path) {
        return builder().name(name).hostPath(new HostPathVolumeSource(path, null)).build();
    }

    /** Whether no source is set (upstream then defaults the volume to an emptyDir). */
    public boolean hasNoSource() {
        return hostPath == null && emptyDir == null && gcePersistentDisk == null && awsElasticBlockStore == null
                && gitRepo == null && secret == null && nfs == null && iscsi == null && glusterfs == null
                && persistentVolumeClaim == null && rbd == null && flexVolume == null && cinder == null
                && cephfs == null && flocker == null && downwardAPI == null && fc == null && azureFile == null
                && configMap == null && vsphereVolume == null && quobyte == null && azureDisk == null
                && photonPersistentDisk == null && projected == null && portworxVolume == null && scaleIO == null
                && storageos == null && csi == null && ephemeral == null && image == null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link Volume}; unset fields stay absent. */
    public static final class Builder {
        private String name;
        private HostPathVolumeSource hostPath;
        private EmptyDirVolumeSource emptyDir;
        private Opaque gcePersistentDisk;
        private Opaque awsElasticBlockStore;
        private Opaque gitRepo;
        private SecretVolumeSource secret;
        private Opaque nfs;
        private Opaque iscsi;
        private Opaque glusterfs;
        private PersistentVolumeClaimVolumeSource persistentVolumeClaim;
        private Opaque rbd;
        private Opaque flexVolume;
        private Opaque cinder;
        private Opaque cephfs;
        private Opaque flocker;
        private DownwardAPIVolumeSource downwardAPI;
        private Opaque fc;
        private Opaque azureFile;
        private ConfigMapVolumeSource configMap;
        private Opaque vsphereVolume;
        private Opaque quobyte;
        private Opaque azureDisk;
        private Opaque photonPersistentDisk;
        private ProjectedVolumeSource projected;
        private Opaque portworxVolume;
        private Opaque scaleIO;
        private Opaque storageos;
        private Opaque csi;
        private Opaque ephemeral;
        private ImageVolumeSource image;

        private Builder() {
        }

        private Builder(Volume o) {
            name = o.name;
            hostPath = o.hostPath;
            emptyDir = o.emptyDir;
            gcePersistentDisk = o.gcePersistentDisk;
            awsElasticBlockStore = o.awsElasticBlockStore;
            gitRepo = o.gitRepo;
            secret = o.secret;
            nfs = o.nfs;
            iscsi = o.iscsi;
            glusterfs = o.glusterfs;
            persistentVolumeClaim = o.persistentVolumeClaim;
            rbd = o.rbd;
            flexVolume = o.flexVolume;
            cinder = o.cinder;
            cephfs = o.cephfs;
            flocker = o.flocker;
            downwardAPI = o.downwardAPI;
            fc = o.fc;
            azureFile = o.azureFile;
            configMap = o.configMap;
            vsphereVolume = o.vsphereVolume;
            quobyte = o.quobyte;
            azureDisk = o.azureDisk;
            photonPersistentDisk = o.photonPersistentDisk;
            projected = o.projected;
            portworxVolume = o.portworxVolume;
            scaleIO = o.scaleIO;
            storageos = o.storageos;
            csi = o.csi;
            ephemeral = o.ephemeral;
            image = o.image;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder hostPath(HostPathVolumeSource v) {
            hostPath = v;
            return this;
        }

        public Builder emptyDir(EmptyDirVolumeSource v) {
            emptyDir = v;
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

        public Builder gitRepo(Opaque v) {
            gitRepo = v;
            return this;
        }

        public Builder secret(SecretVolumeSource v) {
            secret = v;
            return this;
        }

        public Builder nfs(Opaque v) {
            nfs = v;
            return this;
        }

        public Builder iscsi(Opaque v) {
            iscsi = v;
            return this;
        }

        public Builder glusterfs(Opaque v) {
            glusterfs = v;
            return this;
        }

        public Builder persistentVolumeClaim(PersistentVolumeClaimVolumeSource v) {
            persistentVolumeClaim = v;
            return this;
        }

        public Builder rbd(Opaque v) {
            rbd = v;
            return this;
        }

        public Builder flexVolume(Opaque v) {
            flexVolume = v;
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

        public Builder flocker(Opaque v) {
            flocker = v;
            return this;
        }

        public Builder downwardAPI(DownwardAPIVolumeSource v) {
            downwardAPI = v;
            return this;
        }

        public Builder fc(Opaque v) {
            fc = v;
            return this;
        }

        public Builder azureFile(Opaque v) {
            azureFile = v;
            return this;
        }

        public Builder configMap(ConfigMapVolumeSource v) {
            configMap = v;
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

        public Builder projected(ProjectedVolumeSource v) {
            projected = v;
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

        public Builder csi(Opaque v) {
            csi = v;
            return this;
        }

        public Builder ephemeral(Opaque v) {
            ephemeral = v;
            return this;
        }

        public Builder image(ImageVolumeSource v) {
            image = v;
            return this;
        }

        public Volume build() {
            return new Volume(name, hostPath, emptyDir, gcePersistentDisk, awsElasticBlockStore, gitRepo, secret,
                    nfs, iscsi, glusterfs, persistentVolumeClaim, rbd, flexVolume, cinder, cephfs, flocker,
                    downwardAPI, fc, azureFile, configMap, vsphereVolume, quobyte, azureDisk, photonPersistentDisk,
                    projected, portworxVolume, scaleIO, storageos, csi, ephemeral, image);
        }
    }
}
