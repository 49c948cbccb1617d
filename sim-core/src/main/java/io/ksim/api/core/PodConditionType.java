package io.ksim.api.core;

/** Types of pod conditions (core/v1 PodConditionType). */
public final class PodConditionType {

    /** All containers are ready. */
    public static final String CONTAINERS_READY = "ContainersReady";
    /** All init containers have completed (sidecars: started). */
    public static final String INITIALIZED = "Initialized";
    /** The pod can serve requests: it is added to Services' endpoints. */
    public static final String READY = "Ready";
    /** The pod is bound to a node (False with a reason while it is not). */
    public static final String POD_SCHEDULED = "PodScheduled";
    /** The pod is about to be terminated by a disruption. */
    public static final String DISRUPTION_TARGET = "DisruptionTarget";
    /** The pod's sandbox and network are ready. */
    public static final String POD_READY_TO_START_CONTAINERS = "PodReadyToStartContainers";

    private PodConditionType() {
    }
}
