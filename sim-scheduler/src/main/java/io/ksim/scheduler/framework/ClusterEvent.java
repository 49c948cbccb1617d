package io.ksim.scheduler.framework;

/**
 * Cluster changes the scheduling queue reacts to (upstream framework.ClusterEvent, coarser: resource and
 * action, without upstream's per-field update kinds or queueing hints).
 */
public enum ClusterEvent {
    NODE_ADD,
    NODE_UPDATE,
    NODE_DELETE,
    ASSIGNED_POD_ADD,
    ASSIGNED_POD_UPDATE,
    ASSIGNED_POD_DELETE,
    PVC_ADD,
    PVC_UPDATE,
    PV_ADD,
    PV_UPDATE,
    STORAGE_CLASS_ADD,
    CSI_NODE_ADD
}
