package io.ksim.scheduler.framework;

/**
 * Decides whether a pod can run on one node (upstream FilterPlugin). A rejection names its reason in
 * upstream's exact words; the framework stops at the first plugin that rejects a node.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, PodInfo pod, NodeInfo node);
}
