package io.ksim.scheduler.framework;

/** Work that must be done before binding, e.g. volume provisioning (upstream PreBindPlugin). */
public interface PreBindPlugin extends Plugin {
    Status preBind(CycleState state, PodInfo pod, String nodeName);
}
