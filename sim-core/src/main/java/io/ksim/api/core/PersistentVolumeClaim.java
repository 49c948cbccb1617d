package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * A request for storage (core/v1 PersistentVolumeClaim), bound to a volume by the volume binder
 * ({@code spec.volumeName}), with access modes and volume modes of {@link PersistentVolume}.
 */
public record PersistentVolumeClaim(String apiVersion, String kind, ObjectMeta metadata,
        PersistentVolumeClaimSpec spec, PersistentVolumeClaimStatus status) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "PersistentVolumeClaim";

    public PersistentVolumeClaim {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new PersistentVolumeClaimSpec(null, null, null, null, null, null, null, null, null)
                : spec;
        status = status == null ? new PersistentVolumeClaimStatus(null, null, null, null, null, null, null, null)
                : status;
    }

    @Override
    public PersistentVolumeClaim withMetadata(ObjectMeta newMetadata) {
        return new PersistentVolumeClaim(apiVersion, kind, newMetadata, spec, status);
    }

    public PersistentVolumeClaim withSpec(PersistentVolumeClaimSpec newSpec) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, newSpec, status);
    }

    public PersistentVolumeClaim withStatus(PersistentVolumeClaimStatus newStatus) {
        return new PersistentVolumeClaim(apiVersion, kind, metadata, spec, newStatus);
    }

    /**
     * core/v1 PersistentVolumeClaimSpec. A null {@code storageClassName} asks for the default class; an
     * empty one asks for a volume without class.
     */
    public record PersistentVolumeClaimSpec(List<String> accessModes, LabelSelector selector,
            VolumeResourceRequirements resources, String volumeName, String storageClassName, String volumeMode,
            TypedLocalObjectReference dataSource, TypedObjectReference dataSourceRef,
            String volumeAttributesClassName) {

        public PersistentVolumeClaimSpec {
            accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
            resources = resources == null ? new VolumeResourceRequirements(null, null) : resources;
        }

        public PersistentVolumeClaimSpec withVolumeName(String name) {
            return new PersistentVolumeClaimSpec(accessModes, selector, resources, name, storageClassName, volumeMode,
                    dataSource, dataSourceRef, volumeAttributesClassName);
        }

        public PersistentVolumeClaimSpec withVolumeMode(String mode) {
            return new PersistentVolumeClaimSpec(accessModes, selector, resources, volumeName, storageClassName, mode,
                    dataSource, dataSourceRef, volumeAttributesClassName);
        }

        public PersistentVolumeClaimSpec withResources(VolumeResourceRequirements newResources) {
            return new PersistentVolumeClaimSpec(accessModes, selector, newResources, volumeName, storageClassName,
                    volumeMode, dataSource, dataSourceRef, volumeAttributesClassName);
        }
    }

    /** core/v1 VolumeResourceRequirements: a claim's storage request (and, rarely, limit). */
    public record VolumeResourceRequirements(SortedMap<String, Quantity> limits, SortedMap<String, Quantity> requests) {

        public VolumeResourceRequirements {
            limits = limits == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(limits);
            requests = requests == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(requests);
        }
    }

    /** core/v1 PersistentVolumeClaimStatus. */
    public record PersistentVolumeClaimStatus(String phase, List<String> accessModes,
            SortedMap<String, Quantity> capacity, @PatchStrategy(mergeKey = "type") List<PersistentVolumeClaimCondition> conditions,
            SortedMap<String, Quantity> allocatedResources, SortedMap<String, String> allocatedResourceStatuses,
            String currentVolumeAttributesClassName, ModifyVolumeStatus modifyVolumeStatus) {

        public static final String PENDING = "Pending";
        public static final String BOUND = "Bound";
        public static final String LOST = "Lost";

        /** Values of {@code allocatedResourceStatuses} (ClaimResourceStatus). */
        public static final String CONTROLLER_RESIZE_IN_PROGRESS = "ControllerResizeInProgress";
        public static final String CONTROLLER_RESIZE_INFEASIBLE = "ControllerResizeInfeasible";
        public static final String NODE_RESIZE_PENDING = "NodeResizePending";
        public static final String NODE_RESIZE_IN_PROGRESS = "NodeResizeInProgress";
        public static final String NODE_RESIZE_INFEASIBLE = "NodeResizeInfeasible";

        public PersistentVolumeClaimStatus {
            accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
            capacity = capacity == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(capacity);
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            allocatedResources = allocatedResources == null ? ImmutableSortedMap.of()
                    : ImmutableSortedMap.copyOfSorted(allocatedResources);
            allocatedResourceStatuses = allocatedResourceStatuses == null ? ImmutableSortedMap.of()
                    : ImmutableSortedMap.copyOfSorted(allocatedResourceStatuses);
        }

        public PersistentVolumeClaimStatus withPhase(String newPhase) {
            return new PersistentVolumeClaimStatus(newPhase, accessModes, capacity, conditions, allocatedResources,
                    allocatedResourceStatuses, currentVolumeAttributesClassName, modifyVolumeStatus);
        }

        public PersistentVolumeClaimStatus withCapacity(SortedMap<String, Quantity> newCapacity,
                SortedMap<String, Quantity> newAllocated) {
            return new PersistentVolumeClaimStatus(phase, accessModes, newCapacity, conditions, newAllocated,
                    allocatedResourceStatuses, currentVolumeAttributesClassName, modifyVolumeStatus);
        }
    }

    /** core/v1 PersistentVolumeClaimCondition. */
    public record PersistentVolumeClaimCondition(String type, String status, Instant lastProbeTime,
            Instant lastTransitionTime, String reason, String message) {

        public static final String RESIZING = "Resizing";
        public static final String FILE_SYSTEM_RESIZE_PENDING = "FileSystemResizePending";
        public static final String CONTROLLER_RESIZE_ERROR = "ControllerResizeError";
        public static final String NODE_RESIZE_ERROR = "NodeResizeError";
        public static final String MODIFY_VOLUME_ERROR = "ModifyVolumeError";
        public static final String MODIFYING_VOLUME = "ModifyingVolume";
    }

    /** core/v1 ModifyVolumeStatus: a change of volume attributes class under way. */
    public record ModifyVolumeStatus(String targetVolumeAttributesClassName, String status) {

        public static final String PENDING = "Pending";
        public static final String IN_PROGRESS = "InProgress";
        public static final String INFEASIBLE = "Infeasible";
    }
}
