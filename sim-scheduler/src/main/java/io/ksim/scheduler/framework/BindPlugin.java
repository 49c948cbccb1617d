package io.ksim.scheduler.framework;

/**
 * Binds the pod to the node (upstream BindPlugin). {@link Status#SKIP} passes the pod on to the next
 * bind plugin.
 */
public interface BindPlugin extends Plugin {
    Status bind(CycleState state, PodInfo pod, String nodeName);
}
