package io.ksim.api.core;

import io.ksim.api.meta.PatchStrategy;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;

/**
 * A namespace (core/v1 Namespace). {@code spec.finalizers} holds {@code kubernetes} until the namespace
 * controller has emptied a terminating namespace; {@code status.phase} is Active or Terminating.
 */
public record Namespace(String apiVersion, String kind, ObjectMeta metadata, NamespaceSpec spec,
        NamespaceStatus status) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Namespace";

    /** The label every named namespace carries, with its name as value. */
    public static final String LABEL_METADATA_NAME = "kubernetes.io/metadata.name";

    public Namespace {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new NamespaceSpec(null) : spec;
        status = status == null ? new NamespaceStatus(null, null) : status;
    }

    public static Namespace of(String name) {
        return new Namespace(null, null, ObjectMeta.builder().name(name).build(), null, null);
    }

    @Override
    public Namespace withMetadata(ObjectMeta newMetadata) {
        return new Namespace(apiVersion, kind, newMetadata, spec, status);
    }

    public Namespace withSpec(NamespaceSpec newSpec) {
        return new Namespace(apiVersion, kind, metadata, newSpec, status);
    }

    public Namespace withStatus(NamespaceStatus newStatus) {
        return new Namespace(apiVersion, kind, metadata, spec, newStatus);
    }

    /** core/v1 NamespaceSpec. */
    public record NamespaceSpec(List<String> finalizers) {

        /** The finalizer the namespace controller removes once the namespace is empty. */
        public static final String FINALIZER_KUBERNETES = "kubernetes";

        public NamespaceSpec {
            finalizers = finalizers == null ? List.of() : List.copyOf(finalizers);
        }
    }

    /** core/v1 NamespaceStatus. */
    public record NamespaceStatus(String phase, @PatchStrategy(mergeKey = "type") List<NamespaceCondition> conditions) {

        public static final String ACTIVE = "Active";
        public static final String TERMINATING = "Terminating";

        public NamespaceStatus {
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }

        public NamespaceStatus withPhase(String newPhase) {
            return new NamespaceStatus(newPhase, conditions);
        }
    }

    /** core/v1 NamespaceCondition: what keeps a terminating namespace from going away. */
    public record NamespaceCondition(String type, String status, Instant lastTransitionTime, String reason,
            String message) {

        public static final String DELETION_DISCOVERY_FAILURE = "NamespaceDeletionDiscoveryFailure";
        public static final String DELETION_CONTENT_FAILURE = "NamespaceDeletionContentFailure";
        public static final String DELETION_GV_PARSING_FAILURE = "NamespaceDeletionGroupVersionParsingFailure";
        public static final String CONTENT_REMAINING = "NamespaceContentRemaining";
        public static final String FINALIZERS_REMAINING = "NamespaceFinalizersRemaining";
    }
}
