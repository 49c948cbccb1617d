package io.ksim.controller.replicaset;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;

/**
 * How the ReplicaSet controller sees the objects it manages, as upstream's NewBaseController takes an informer,
 * a client and a GroupVersionKind: ReplicaSets themselves, or (pkg/controller/replication) ReplicationControllers
 * converted to and from ReplicaSets. A converted object keeps its own apiVersion and kind, so the pods it creates
 * carry an owner reference to it and the events it records name it.
 *
 * @param <T> the managed kind
 */
public interface ReplicaSetAdapter<T extends KubeObject> {

    /** ReplicaSets as they are. */
    ReplicaSetAdapter<ReplicaSet> REPLICA_SETS = new ReplicaSetAdapter<>() {
        @Override
        public ResourceType<ReplicaSet> type() {
            return BuiltinResources.REPLICA_SETS;
        }

        @Override
        public ReplicaSet toReplicaSet(ReplicaSet obj) {
            return obj;
        }

        @Override
        public ReplicaSet fromReplicaSet(ReplicaSet rs) {
            return rs;
        }
    };

    /** The managed resource. */
    ResourceType<T> type();

    /** The kind owner references must name for a pod to belong to one of these objects. */
    default String kind() {
        return type().kind();
    }

    /** The object as a ReplicaSet (same metadata, apiVersion and kind). */
    ReplicaSet toReplicaSet(T obj);

    /** The inverse of {@link #toReplicaSet}, for writing the status back. */
    T fromReplicaSet(ReplicaSet rs);
}
