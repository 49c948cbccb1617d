package io.ksim.controller.replication;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetCondition;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.apps.ReplicaSet.ReplicaSetStatus;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.ReplicationController.ReplicationControllerCondition;
import io.ksim.api.core.ReplicationController.ReplicationControllerSpec;
import io.ksim.api.core.ReplicationController.ReplicationControllerStatus;
import io.ksim.api.meta.LabelSelector;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.replicaset.ReplicaSetAdapter;
import io.ksim.controller.replicaset.ReplicaSetController;

/**
 * The replication manager (upstream pkg/controller/replication): the ReplicaSet controller run for
 * ReplicationControllers, which it sees converted to ReplicaSets (the selector's label map as matchLabels). Pods
 * get an owner reference to the ReplicationController (apiVersion v1), events name it and come from
 * {@value #EVENT_SOURCE}, and its status (counts, observedGeneration, ReplicaFailure) is the ReplicaSet
 * controller's, converted back.
 */
public final class ReplicationManager extends ReplicaSetController {

    /** kube-controller-manager's name for the controller. */
    public static final String NAME = "replicationcontroller-controller";
    /** The component its events name, as upstream's event recorder for this controller. */
    public static final String EVENT_SOURCE = "replication-controller";

    public ReplicationManager(ControllerContext context) {
        super(context, NAME, EVENT_SOURCE, new Conversion());
    }

    /** Upstream conversion.go: a ReplicationController as a ReplicaSet and back. */
    static final class Conversion implements ReplicaSetAdapter<ReplicationController> {

        @Override
        public ResourceType<ReplicationController> type() {
            return BuiltinResources.REPLICATION_CONTROLLERS;
        }

        @Override
        public ReplicaSet toReplicaSet(ReplicationController rc) {
            ReplicationControllerSpec s = rc.spec();
            ReplicaSetSpec spec = new ReplicaSetSpec(s.replicas(), s.minReadySeconds(),
                    LabelSelector.matchLabels(s.selector()), s.template());
            ReplicationControllerStatus st = rc.status();
            ReplicaSetStatus status = new ReplicaSetStatus(st.replicas(), st.fullyLabeledReplicas(), st.readyReplicas(),
                    st.availableReplicas(), st.observedGeneration(), st.conditions().stream()
                            .map(c -> new ReplicaSetCondition(c.type(), c.status(), c.lastTransitionTime(), c.reason(),
                                    c.message()))
                            .toList());
            return new ReplicaSet(rc.apiVersion(), rc.kind(), rc.metadata(), spec, status);
        }

        @Override
        public ReplicationController fromReplicaSet(ReplicaSet rs) {
            ReplicaSetSpec s = rs.spec();
            ReplicationControllerSpec spec = new ReplicationControllerSpec(s.replicas(), s.minReadySeconds(),
                    s.selector() == null ? null : s.selector().matchLabels(), template(s.template()));
            ReplicaSetStatus st = rs.status();
            ReplicationControllerStatus status = new ReplicationControllerStatus(st.replicas(),
                    st.fullyLabeledReplicas(), st.readyReplicas(), st.availableReplicas(), st.observedGeneration(),
                    st.conditions().stream()
                            .map(c -> new ReplicationControllerCondition(c.type(), c.status(), c.lastTransitionTime(),
                                    c.reason(), c.message()))
                            .toList());
            return new ReplicationController(ReplicationController.API_VERSION, ReplicationController.KIND,
                    rs.metadata(), spec, status);
        }

        /** A ReplicaSet's template is never null; an empty one came from a ReplicationController without one. */
        private static PodTemplateSpec template(PodTemplateSpec t) {
            return t.equals(new PodTemplateSpec(null, null)) ? null : t;
        }
    }
}
