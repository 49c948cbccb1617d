package io.ksim.scheduler.framework;

/** Approves or denies binding (upstream PermitPlugin). Waiting is not modeled: WAIT counts as a denial. */
public interface PermitPlugin extends Plugin {
    Status permit(CycleState state, PodInfo pod, String nodeName);
}
