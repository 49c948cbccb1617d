package io.ksim.api.storage;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.TopologySelectorTerm;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.List;
import java.util.SortedMap;

/**
 * A class of storage (storage.k8s.io/v1 StorageClass): which provisioner makes volumes for claims of the
 * class, with what parameters, and when ({@code volumeBindingMode} Immediate or WaitForFirstConsumer).
 */
public record StorageClass(String apiVersion, String kind, ObjectMeta metadata, String provisioner,
        SortedMap<String, String> parameters, String reclaimPolicy, List<String> mountOptions,
        Boolean allowVolumeExpansion, String volumeBindingMode, List<TopologySelectorTerm> allowedTopologies)
        implements KubeObject {

    public static final String API_VERSION = "storage.k8s.io/v1";
    public static final String KIND = "StorageClass";

    public static final String BINDING_IMMEDIATE = "Immediate";
    public static final String BINDING_WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    /** The annotation that makes a class the default for claims without one. */
    public static final String ANNOTATION_IS_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

    public StorageClass {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        parameters = parameters == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(parameters);
        mountOptions = mountOptions == null ? List.of() : List.copyOf(mountOptions);
        allowedTopologies = allowedTopologies == null ? List.of() : List.copyOf(allowedTopologies);
    }

    @Override
    public StorageClass withMetadata(ObjectMeta newMetadata) {
        return new StorageClass(apiVersion, kind, newMetadata, provisioner, parameters, reclaimPolicy, mountOptions,
                allowVolumeExpansion, volumeBindingMode, allowedTopologies);
    }

    public StorageClass withReclaimPolicy(String policy) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, policy, mountOptions,
                allowVolumeExpansion, volumeBindingMode, allowedTopologies);
    }

    public StorageClass withVolumeBindingMode(String mode) {
        return new StorageClass(apiVersion, kind, metadata, provisioner, parameters, reclaimPolicy, mountOptions,
                allowVolumeExpansion, mode, allowedTopologies);
    }

    /** Marked as the cluster's default class ({@code "true"} in the annotation, as upstream reads it). */
    public boolean isDefaultClass() {
        return "true".equals(metadata.annotations().get(ANNOTATION_IS_DEFAULT_CLASS));
    }
}
