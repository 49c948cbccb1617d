package io.ksim.api.meta;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Metadata every persisted object has (metav1.ObjectMeta), with upstream's field names.
 *
 * <p>Labels and annotations are sorted maps: Kubernetes' JSON encoding writes map keys in sorted order,
 * and so does every printout of ksim. {@code resourceVersion} is the store's mod_revision of the object,
 * as a decimal string. Times have second precision, as metav1.Time.
 *
 * <p>Strategic merge patches merge owner references by uid and finalizers as a set, as upstream.
 *
 * <p>Not modeled: {@code selfLink} (deprecated and no longer set since 1.20) and {@code managedFields}
 * (server-side apply).
 */
public record ObjectMeta(String name, String generateName, String namespace, String uid, String resourceVersion,
        Long generation, Instant creationTimestamp, Instant deletionTimestamp, Long deletionGracePeriodSeconds,
        SortedMap<String, String> labels, SortedMap<String, String> annotations,
        @PatchStrategy(mergeKey = "uid") List<OwnerReference> ownerReferences,
        @PatchStrategy List<String> finalizers) {

    public ObjectMeta {
        labels = labels == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(labels);
        annotations = annotations == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(annotations);
        ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
        finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
    }

    /** Jackson hands plain maps; keep them sorted. */
    static SortedMap<String, String> sorted(Map<String, String> map) {
        return map == null ? null : ImmutableSortedMap.copyOf(map);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Metadata with just a namespace and a name. */
    public static ObjectMeta of(String namespace, String name) {
        return builder().namespace(namespace).name(name).build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public ObjectMeta withResourceVersion(String rv) {
        return toBuilder().resourceVersion(rv).build();
    }

    public ObjectMeta withLabels(Map<String, String> newLabels) {
        return toBuilder().labels(newLabels).build();
    }

    public ObjectMeta withAnnotations(Map<String, String> newAnnotations) {
        return toBuilder().annotations(newAnnotations).build();
    }

    /** The controlling owner reference, if any. */
    public OwnerReference controllerRef() {
        for (OwnerReference ref : ownerReferences) {
            if (ref.isController()) {
                return ref;
            }
        }
        return null;
    }

    public boolean isBeingDeleted() {
        return deletionTimestamp != null;
    }

    /** Builds {@link ObjectMeta}; unset fields stay null or empty. */
    public static final class Builder {
        private String name;
        private String generateName;
        private String namespace;
        private String uid;
        private String resourceVersion;
        private Long generation;
        private Instant creationTimestamp;
        private Instant deletionTimestamp;
        private Long deletionGracePeriodSeconds;
        private SortedMap<String, String> labels;
        private SortedMap<String, String> annotations;
        private List<OwnerReference> ownerReferences;
        private List<String> finalizers;

        private Builder() {
        }

        private Builder(ObjectMeta m) {
            name = m.name;
            generateName = m.generateName;
            namespace = m.namespace;
            uid = m.uid;
            resourceVersion = m.resourceVersion;
            generation = m.generation;
            creationTimestamp = m.creationTimestamp;
            deletionTimestamp = m.deletionTimestamp;
            deletionGracePeriodSeconds = m.deletionGracePeriodSeconds;
            labels = m.labels;
            annotations = m.annotations;
            ownerReferences = m.ownerReferences;
            finalizers = m.finalizers;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public Builder generateName(String v) {
            generateName = v;
            return this;
        }

        public Builder namespace(String v) {
            namespace = v;
            return this;
        }

        public Builder uid(String v) {
            uid = v;
            return this;
        }

        public Builder resourceVersion(String v) {
            resourceVersion = v;
            return this;
        }

        public Builder generation(Long v) {
            generation = v;
            return this;
        }

        public Builder creationTimestamp(Instant v) {
            creationTimestamp = v;
            return this;
        }

        public Builder deletionTimestamp(Instant v) {
            deletionTimestamp = v;
            return this;
        }

        public Builder deletionGracePeriodSeconds(Long v) {
            deletionGracePeriodSeconds = v;
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels = sorted(v);
            return this;
        }

        public Builder annotations(Map<String, String> v) {
            annotations = sorted(v);
            return this;
        }

        public Builder ownerReferences(List<OwnerReference> v) {
            ownerReferences = v;
            return this;
        }

        public Builder finalizers(List<String> v) {
            finalizers = v;
            return this;
        }

        public ObjectMeta build() {
            return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, generation, creationTimestamp,
                    deletionTimestamp, deletionGracePeriodSeconds, labels, annotations, ownerReferences, finalizers);
        }
    }
}
