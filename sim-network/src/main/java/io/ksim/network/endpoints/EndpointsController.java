package io.ksim.network.endpoints;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Endpoints.EndpointAddress;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.kernel.Kernel;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * kube-controller-manager's Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): one legacy
 * Endpoints object per Service with a selector, named as the service, with ready pods under
 * {@code addresses} and the others under {@code notReadyAddresses}; terminating pods are left out unless
 * {@code publishNotReadyAddresses}. Past 1000 addresses the object is truncated and annotated
 * {@code endpoints.kubernetes.io/over-capacity: truncated}. A deleted Service's Endpoints are deleted.
 */
public final class EndpointsController {

    public static final String COMPONENT = "endpoint-controller";
    /** The label marking the endpoints of a headless service. */
    public static final String LABEL_HEADLESS = "service.kubernetes.io/headless";
    public static final String ANNOTATION_OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

    private final ApiServer api;
    private final Informer<Service> services;
    private final Informer<Pod> pods;
    private final Informer<Endpoints> endpoints;
    private final ControllerLoop loop;
    private final int maxCapacity;

    /** With upstream's cap of 1000 addresses. */
    public EndpointsController(Kernel kernel, ApiServer api) {
        this(kernel, api, EndpointSubsets.MAX_CAPACITY);
    }

    /**
     * With a chosen cap; {@code Integer.MAX_VALUE} behaves as releases before v1.22, when Endpoints were never
     * truncated (and kube-proxy still read them: the case the EndpointSlice arithmetic is about).
     */
    public EndpointsController(Kernel kernel, ApiServer api, int maxCapacity) {
        this.maxCapacity = maxCapacity;
        this.api = Objects.requireNonNull(api, "api");
        this.services = Informer.builder(kernel, api, BuiltinResources.SERVICES).component(COMPONENT).build();
        this.pods = Informer.builder(kernel, api, BuiltinResources.PODS).component(COMPONENT).build();
        this.endpoints = Informer.builder(kernel, api, BuiltinResources.ENDPOINTS).component(COMPONENT).build();
        this.loop = new ControllerLoop(kernel, COMPONENT, this::sync);
        services.addEventHandler(loop.enqueueingKeys());
        pods.addEventHandler(ControllerLoop.everyVersion(this::enqueueServicesOf));
    }

    public void start() {
        services.start();
        pods.start();
        endpoints.start();
    }

    public void stop() {
        services.stop();
        pods.stop();
        endpoints.stop();
    }

    private void enqueueServicesOf(Pod pod) {
        for (Service s : services.indexer().byIndex(Indexer.NAMESPACE, pod.metadata().namespace())) {
            if (PodEndpoints.selects(s, pod)) {
                loop.enqueue(Indexer.keyOf(s));
            }
        }
    }

    private void sync(String key) {
        Service service = services.indexer().get(key);
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        if (service == null) {
            try {
                api.delete(BuiltinResources.ENDPOINTS, ns, name, DeleteOptions.defaults());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
            return;
        }
        if (service.spec().selector().isEmpty()) {
            return;
        }
        Endpoints current = endpoints.indexer().get(key);
        Endpoints desired = desired(service, current);
        if (current == null) {
            api.create(BuiltinResources.ENDPOINTS, ns, desired);
        } else if (!current.subsets().equals(desired.subsets())
                || !current.metadata().labels().equals(desired.metadata().labels())
                || !current.metadata().annotations().equals(desired.metadata().annotations())) {
            api.update(BuiltinResources.ENDPOINTS, desired);
        }
    }

    /** The Endpoints object the service should have now (keeping {@code current}'s metadata if any). */
    Endpoints desired(Service service, Endpoints current) {
        boolean tolerateUnready = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
        EndpointSubsets subsets = new EndpointSubsets();
        for (Pod pod : pods.indexer().byIndex(Indexer.NAMESPACE, service.metadata().namespace())) {
            if (!PodEndpoints.selects(service, pod) || !PodEndpoints.shouldPodBeInEndpoints(pod, tolerateUnready)) {
                continue;
            }
            String ip = PodEndpoints.podIPs(pod).get(0);
            EndpointAddress address = new EndpointAddress(ip,
                    PodEndpoints.shouldSetHostname(pod, service) ? pod.spec().hostname() : null,
                    pod.spec().nodeName(), PodEndpoints.podRef(pod));
            boolean ready = tolerateUnready || PodEndpoints.isReady(pod);
            if (service.spec().ports().isEmpty()) {
                // Headless without ports: the addresses alone.
                subsets.add(address, ready, null);
                continue;
            }
            for (ServicePort sp : service.spec().ports()) {
                OptionalInt port = PodEndpoints.findPort(pod, sp);
                if (port.isPresent()) {
                    subsets.add(address, ready, new Endpoints.EndpointPort(sp.name() == null ? "" : sp.name(),
                            port.getAsInt(), sp.protocol(), sp.appProtocol()));
                }
            }
        }
        var repacked = subsets.repack();
        boolean truncated = EndpointSubsets.truncate(repacked, maxCapacity);
        Map<String, String> labels = new TreeMap<>(service.metadata().labels());
        if (service.spec().isHeadless()) {
            labels.put(LABEL_HEADLESS, "");
        } else {
            labels.remove(LABEL_HEADLESS);
        }
        ObjectMeta base = current != null ? current.metadata()
                : ObjectMeta.builder().name(service.metadata().name()).namespace(service.metadata().namespace()).build();
        Map<String, String> annotations = new TreeMap<>(base.annotations());
        if (truncated) {
            annotations.put(ANNOTATION_OVER_CAPACITY, "truncated");
        } else {
            annotations.remove(ANNOTATION_OVER_CAPACITY);
        }
        ObjectMeta meta = base.toBuilder().labels(labels).annotations(annotations).build();
        return new Endpoints(null, null, meta, repacked.stream().map(EndpointSubsets.Subset::toSubset).toList());
    }
}
