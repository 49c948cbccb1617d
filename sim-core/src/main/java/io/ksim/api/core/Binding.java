package io.ksim.api.core;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;

/**
 * A request to bind a pod to a node (core/v1 Binding), posted to the pod's {@code binding} subresource by
 * the scheduler. {@code metadata.name} is the pod's name; {@code target} names the node.
 */
public record Binding(String apiVersion, String kind, ObjectMeta metadata, ObjectReference target) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Binding";

    public Binding {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
    }

    /** The binding of pod {@code namespace/name} to {@code node}. */
    public static Binding of(String namespace, String name, String node) {
        return new Binding(null, null, ObjectMeta.of(namespace, name),
                new ObjectReference("Node", null, node, null, null, null, null));
    }

    @Override
    public Binding withMetadata(ObjectMeta newMetadata) {
        return new Binding(apiVersion, kind, newMetadata, target);
    }
}
