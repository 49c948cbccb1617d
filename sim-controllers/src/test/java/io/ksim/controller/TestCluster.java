package io.ksim.controller;

import io.ksim.api.core.Binding;
import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.apiserver.registry.PodBinding;
import io.ksim.client.Informer;
import io.ksim.client.ResourceEventHandler;
import io.ksim.controller.deployment.DeploymentController;
import io.ksim.controller.replicaset.ReplicaSetController;
import io.ksim.kernel.Kernel;
import io.ksim.node.ImageCatalog;
import io.ksim.node.Kubelet;
import io.ksim.node.NodeConfig;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An API server, N started kubelets (node-1..N), a controller manager with the ReplicaSet and Deployment
 * controllers, and a test-only binder standing in for the scheduler: it binds each unassigned pod to the
 * nodes in turn through the binding subresource, {@code bindDelay} after it sees the pod; a pod pinned to a
 * node by a required affinity on {@code metadata.name} (a daemon pod) goes to that node.
 */
public final class TestCluster {

    /**
     * nginx pulls in 2 s, starts in 500 ms and is ready 2 s later; "broken" is never ready; "stubborn" ignores
     * SIGTERM, so its pods take their whole grace period to stop; "busybox" exits 0 after 5 s and "crasher" exits 1
     * after 3 s, for Jobs.
     */
    public static final ImageCatalog CATALOG = ImageCatalog.builder()
            .image("nginx:1.25 size=20Mi start=500ms ready=2s")
            .image("nginx:1.26 size=20Mi start=500ms ready=2s")
            .image("nginx:1.27 size=20Mi start=500ms ready=2s")
            .image("broken:1 size=10Mi ready=never")
            .image("stubborn:1 size=10Mi start=500ms ready=2s sigterm=ignore")
            .image("busybox:1.36 size=2Mi exit=0 after=5s")
            .image("crasher:1 size=2Mi exit=1 after=3s")
            .build();

    public static final io.ksim.api.core.Probe READINESS = io.ksim.api.core.Probe
            .tcpSocket(io.ksim.api.resource.IntOrString.of(80)).withTiming(null, null, 1, null, null);

    public final Kernel kernel;
    public final ApiServer api;
    public final List<Kubelet> kubelets = new ArrayList<>();
    public final ControllerManager manager;
    private final Informer<Pod> binderPods;
    private int nextNode;

    public TestCluster(long seed, int nodes) {
        this(seed, nodes, Duration.ZERO);
    }

    public TestCluster(long seed, int nodes, Duration bindDelay) {
        this(seed, nodes, bindDelay, Duration.ZERO);
    }

    /** With {@code watchLatency}, the controllers' caches lag each write by that much. */
    public TestCluster(long seed, int nodes, Duration bindDelay, Duration watchLatency) {
        kernel = Kernel.builder().seed(seed).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        // Pods need the namespace's default ServiceAccount once ServiceAccount admission is on.
        for (String ns : KubeApiServer.SYSTEM_NAMESPACES) {
            try {
                api.create(BuiltinResources.SERVICE_ACCOUNTS, ns, ServiceAccount.of(ns, "default"));
            } catch (ApiException alreadyThere) {
                // A service-account controller may have made it already.
            }
        }
        for (int i = 1; i <= nodes; i++) {
            NodeConfig config = NodeConfig.builder("node-" + i).podCIDR("10.244." + i + ".0/24")
                    .internalIP("172.18.0." + (i + 1)).build();
            Kubelet k = new Kubelet(kernel, api, config, CATALOG);
            kubelets.add(k);
            k.start();
        }
        manager = new ControllerManager(ControllerContext.of(kernel, api).withWatchLatency(watchLatency))
                .register(ReplicaSetController.NAME, ReplicaSetController::new)
                .register(DeploymentController.NAME, DeploymentController::new);
        manager.startAll();
        binderPods = Informer.builder(kernel, api, BuiltinResources.PODS).component("test-binder").build();
        binderPods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod, boolean initial) {
                if (pod.spec().nodeName() == null && !pod.metadata().isBeingDeleted()) {
                    kernel.schedule(bindDelay, "test-binder", () -> bind(pod));
                }
            }
        });
        binderPods.start();
    }

    private void bind(Pod pod) {
        String node = pinnedNode(pod);
        if (node == null) {
            node = "node-" + (nextNode % kubelets.size() + 1);
            nextNode++;
        }
        try {
            PodBinding.bind(api, Binding.of(pod.metadata().namespace(), pod.metadata().name(), node));
        } catch (ApiException gone) {
            // Deleted before it was bound.
        }
    }

    /** The node a daemon pod's required affinity on {@code metadata.name} names, or null. */
    private static String pinnedNode(Pod pod) {
        var affinity = pod.spec().affinity();
        if (affinity == null || affinity.nodeAffinity() == null
                || affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution() == null) {
            return null;
        }
        for (var term : affinity.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution().nodeSelectorTerms()) {
            for (var field : term.matchFields()) {
                if (field.key().equals("metadata.name") && field.values().size() == 1) {
                    return field.values().get(0);
                }
            }
        }
        return null;
    }

    /**
     * A template of one container "web" with a TCP readiness probe every second, so the catalog's
     * {@code ready=} times (when the application starts passing its readiness checks) decide readiness.
     */
    public static PodTemplateSpec template(Map<String, String> labels, String image) {
        Container c = Container.builder().name("web").image(image).readinessProbe(READINESS).build();
        return new PodTemplateSpec(ObjectMeta.builder().labels(labels).build(),
                PodSpec.builder().containers(List.of(c)).build());
    }

    public List<Pod> pods(String namespace) {
        return api.list(BuiltinResources.PODS, namespace).items();
    }

    public void run(double seconds) {
        kernel.runUntil(kernel.elapsed().plusMillis(Math.round(seconds * 1000)));
    }
}
