package io.ksim.controller.deployment;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;

/**
 * Writes a ReplicaSet's new size with the Deployment's desired-replicas and max-replicas annotations
 * (upstream scaleReplicaSet), recording {@code ScalingReplicaSet} when the size changed. The deployment
 * controller writes through the API server; tests of the rollout arithmetic just return the new value.
 */
@FunctionalInterface
public interface ReplicaSetScaler {

    /** Returns the ReplicaSet as written; throws what the API server refused. */
    ReplicaSet scale(ReplicaSet rs, int newSize, Deployment d);
}
