package io.ksim.controller;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import io.ksim.client.EventRecorder;
import io.ksim.client.Informer;
import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.Objects;

/**
 * What a controller is built from: the kernel (time, events, randomness, trace), the API server it reads
 * and writes through, and the component name its events run under ({@code kube-controller-manager}).
 * Each controller instance gets informers of its own from here, so a restarted controller starts with
 * empty caches and lists again, as a restarted kube-controller-manager does.
 */
public record ControllerContext(Kernel kernel, ApiServer api, String component, String host, Duration watchLatency) {

    /** The component name of kube-controller-manager, as events and the trace show it. */
    public static final String KUBE_CONTROLLER_MANAGER = "kube-controller-manager";

    public ControllerContext {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(component, "component");
        watchLatency = watchLatency == null ? Duration.ZERO : watchLatency;
    }

    public static ControllerContext of(Kernel kernel, ApiServer api) {
        return new ControllerContext(kernel, api, KUBE_CONTROLLER_MANAGER, "", Duration.ZERO);
    }

    /**
     * The same context whose informers hear of each write {@code latency} after it happened: caches lag
     * behind the API server, as they do on a busy cluster, which is what expectations guard against.
     */
    public ControllerContext withWatchLatency(Duration latency) {
        return new ControllerContext(kernel, api, component, host, latency);
    }

    /** A fresh informer over all namespaces whose events run as this component. */
    public <T extends KubeObject> Informer<T> informer(ResourceType<T> type) {
        return Informer.builder(kernel, api, type).component(component).watchLatency(watchLatency).build();
    }

    /** An event recorder whose source is {@code source}, e.g. "replicaset-controller". */
    public EventRecorder recorder(String source) {
        return new EventRecorder(kernel, api, source, host);
    }
}
