package io.ksim.api.apps;

/** Names of the apps API group: its version and the labels and annotations its controllers use. */
public final class Apps {

    public static final String API_VERSION = "apps/v1";

    /** The label of a pod or ControllerRevision with the hash of its revision (DaemonSet, StatefulSet). */
    public static final String CONTROLLER_REVISION_HASH_LABEL = "controller-revision-hash";
    /** The label a Deployment adds to its ReplicaSets and their pods (DefaultDeploymentUniqueLabelKey). */
    public static final String POD_TEMPLATE_HASH_LABEL = "pod-template-hash";
    /** The label of a StatefulSet pod with its own name. */
    public static final String STATEFUL_SET_POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    /** The label of a StatefulSet pod with its ordinal. */
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    /** The annotation of a Deployment's revision, also copied to its ReplicaSets. */
    public static final String DEPLOYMENT_REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    /** The annotation of a ReplicaSet with its Deployment's desired replicas. */
    public static final String DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
    /** The annotation of a ReplicaSet with the most pods its Deployment may have. */
    public static final String MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
    /** Deprecated annotations kept by upstream for old clients. */
    public static final String DEPRECATED_ROLLBACK_TO = "deprecated.deployment.rollback.to";
    public static final String DEPRECATED_TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

    /** Strategy types: RollingUpdate (all four workloads' default), Recreate (Deployment), OnDelete. */
    public static final String ROLLING_UPDATE = "RollingUpdate";
    public static final String RECREATE = "Recreate";
    public static final String ON_DELETE = "OnDelete";

    private Apps() {
    }
}
