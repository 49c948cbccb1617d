package io.ksim.api.storage;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.TopologySelectorTerm;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.Collection;
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

    /** The beta annotation upstream still honours beside {@link #ANNOTATION_IS_DEFAULT_CLASS}. */
    public static final String ANNOTATION_BETA_IS_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

    /**
     * Marked as the cluster's default class: {@code "true"} in the GA or the beta annotation
     * (storageutil.IsDefaultAnnotation).
     */
    public boolean isDefaultClass() {
        return "true".equals(metadata.annotations().get(ANNOTATION_IS_DEFAULT_CLASS))
                || "true".equals(metadata.annotations().get(ANNOTATION_BETA_IS_DEFAULT_CLASS));
    }

    /**
     * The default class among {@code classes} (upstream volumeutil.GetDefaultClass), or null when none is marked.
     * Since 1.26 several may be marked: the newest wins, and of classes created in the same instant the first
     * by name.
     */
    public static StorageClass defaultClass(Collection<StorageClass> classes) {
        StorageClass best = null;
        for (StorageClass sc : classes) {
            if (!sc.isDefaultClass()) {
                continue;
            }
            if (best == null || newerOrFirstByName(sc, best)) {
                best = sc;
            }
        }
        return best;
    }

    private static boolean newerOrFirstByName(StorageClass a, StorageClass b) {
        Instant ta = a.metadata().creationTimestamp();
        Instant tb = b.metadata().creationTimestamp();
        int byTime = ta == null || tb == null ? 0 : ta.compareTo(tb);
        return byTime != 0 ? byTime > 0 : a.metadata().name().compareTo(b.metadata().name()) < 0;
    }
}
