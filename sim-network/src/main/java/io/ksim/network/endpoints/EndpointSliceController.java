package io.ksim.network.endpoints;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Service;
import io.ksim.api.core.WellKnownLabels;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.client.Indexer;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.kernel.Kernel;
import io.ksim.network.endpoints.SliceReconciler.DesiredEndpoint;
import io.ksim.network.endpoints.SliceReconciler.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * kube-controller-manager's EndpointSlice controller (pkg/controller/endpointslice): for every Service with a
 * selector, the slices of its pods' endpoints, at most {@code maxEndpointsPerSlice} each, written through the
 * API server. Pods that are terminating stay in (terminating=true); readiness changes rewrite the endpoint.
 * Services without a selector are left alone (their slices are someone else's); slices of a deleted Service
 * go with it through their owner reference (the garbage collector's work).
 */
public final class EndpointSliceController {

    public static final String COMPONENT = "endpointslice-controller";

    private final ApiServer api;
    private final SliceReconciler reconciler;
    private final Informer<Service> services;
    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    private final Informer<EndpointSlice> slices;
    private final ControllerLoop loop;
    private int writes;

    public EndpointSliceController(Kernel kernel, ApiServer api, int maxEndpointsPerSlice) {
        this.api = Objects.requireNonNull(api, "api");
        this.reconciler = new SliceReconciler(maxEndpointsPerSlice);
        this.services = Informer.builder(kernel, api, BuiltinResources.SERVICES).component(COMPONENT).build();
        this.pods = Informer.builder(kernel, api, BuiltinResources.PODS).component(COMPONENT).build();
        this.nodes = Informer.builder(kernel, api, BuiltinResources.NODES).component(COMPONENT).build();
        this.slices = Informer.builder(kernel, api, BuiltinResources.ENDPOINT_SLICES).component(COMPONENT).build();
        this.loop = new ControllerLoop(kernel, COMPONENT, this::sync);
        services.addEventHandler(loop.enqueueingKeys());
        pods.addEventHandler(ControllerLoop.everyVersion(this::enqueueServicesOf));
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(Node o, Node n) {
                // A zone label change moves every endpoint on the node.
                if (!Objects.equals(o.metadata().labels().get(WellKnownLabels.TOPOLOGY_ZONE),
                        n.metadata().labels().get(WellKnownLabels.TOPOLOGY_ZONE))) {
                    services.indexer().list().forEach(s -> loop.enqueue(Indexer.keyOf(s)));
                }
            }
        });
        slices.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(EndpointSlice o, EndpointSlice n) {
                enqueueOwner(n);
            }

            @Override
            public void onDelete(EndpointSlice s) {
                enqueueOwner(s);
            }
        });
    }

    /** With upstream's default of 100 endpoints per slice. */
    public EndpointSliceController(Kernel kernel, ApiServer api) {
        this(kernel, api, SliceReconciler.DEFAULT_MAX_ENDPOINTS_PER_SLICE);
    }

    public void start() {
        services.start();
        pods.start();
        nodes.start();
        slices.start();
    }

    public void stop() {
        services.stop();
        pods.stop();
        nodes.stop();
        slices.stop();
    }

    /** EndpointSlice creates, updates and deletes made so far. */
    public int writes() {
        return writes;
    }

    private void enqueueServicesOf(Pod pod) {
        for (Service s : services.indexer().byIndex(Indexer.NAMESPACE, pod.metadata().namespace())) {
            if (PodEndpoints.selects(s, pod)) {
                loop.enqueue(Indexer.keyOf(s));
            }
        }
    }

    private void enqueueOwner(EndpointSlice slice) {
        String svc = slice.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME);
        if (svc != null && EndpointSlice.CONTROLLER_NAME.equals(
                slice.metadata().labels().get(EndpointSlice.LABEL_MANAGED_BY))) {
            loop.enqueue(slice.metadata().namespace() + "/" + svc);
        }
    }

    private void sync(String key) {
        Service service = services.indexer().get(key);
        if (service == null || service.spec().selector().isEmpty()) {
            return;
        }
        List<DesiredEndpoint> desired = new ArrayList<>();
        for (Pod pod : pods.indexer().byIndex(Indexer.NAMESPACE, service.metadata().namespace())) {
            if (!PodEndpoints.selects(service, pod) || !PodEndpoints.shouldPodBeInEndpoints(pod, true)) {
                continue;
            }
            Node node = pod.spec().nodeName() == null ? null : nodes.indexer().get(pod.spec().nodeName());
            desired.add(new DesiredEndpoint(PodEndpoints.toEndpoint(pod, node, service),
                    PodEndpoints.endpointPorts(service, pod)));
        }
        List<EndpointSlice> existing = new ArrayList<>();
        for (EndpointSlice s : slices.indexer().byIndex(Indexer.NAMESPACE, service.metadata().namespace())) {
            if (service.metadata().name().equals(s.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME))
                    && EndpointSlice.CONTROLLER_NAME.equals(s.metadata().labels().get(EndpointSlice.LABEL_MANAGED_BY))
                    && EndpointSlice.ADDRESS_TYPE_IPV4.equals(s.addressType())) {
                existing.add(s);
            }
        }
        Plan plan = reconciler.reconcile(service, desired, existing);
        for (EndpointSlice s : plan.creates()) {
            api.create(BuiltinResources.ENDPOINT_SLICES, service.metadata().namespace(), s);
            writes++;
        }
        for (EndpointSlice s : plan.updates()) {
            api.update(BuiltinResources.ENDPOINT_SLICES, s);
            writes++;
        }
        for (EndpointSlice s : plan.deletes()) {
            try {
                api.delete(BuiltinResources.ENDPOINT_SLICES, s.metadata().namespace(), s.metadata().name(),
                        DeleteOptions.defaults());
                writes++;
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }
}
