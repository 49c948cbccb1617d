package io.ksim.network;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodIP;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.network.allocation.ServiceNetwork;
import io.ksim.network.allocation.ServiceNetworkConfig;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;

/**
 * An API server with Service allocation, the {@code default} ServiceAccount, and helpers that create nodes
 * (with zones), pods (container port {@code http} 8080) and their status as a kubelet would report it.
 */
public final class NetworkTestCluster {

    public final Kernel kernel;
    public final ApiServer api;
    public final ServiceNetwork network;

    public NetworkTestCluster(long seed) {
        kernel = Kernel.builder().seed(seed).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        network = ServiceNetwork.install(api, ServiceNetworkConfig.defaults());
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    public Node node(String name, String zone) {
        ObjectMeta meta = ObjectMeta.builder().name(name)
                .labels(Map.of("kubernetes.io/hostname", name, "topology.kubernetes.io/zone", zone)).build();
        return api.create(BuiltinResources.NODES, null, new Node(null, null, meta, null, null));
    }

    public Service service(String name, Map<String, String> selector, ServicePort... ports) {
        return service(name, ServiceSpec.builder().selector(selector).ports(List.of(ports)));
    }

    public Service service(String name, ServiceSpec.Builder spec) {
        return api.create(BuiltinResources.SERVICES, "default",
                new Service(null, null, ObjectMeta.of("default", name), spec.build(), null));
    }

    public static ServicePort port(String name, int port, IntOrString target) {
        return new ServicePort(name, "TCP", null, port, target, null);
    }

    /** A pod of app={@code app} bound to {@code node}, with container port http/8080. */
    public Pod pod(String name, String app, String node) {
        Container c = Container.builder().name("app").image("demoapp:v1.0")
                .ports(List.of(new ContainerPort("http", null, 8080, "TCP", null))).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName(node).build();
        ObjectMeta meta = ObjectMeta.builder().name(name).namespace("default").labels(Map.of("app", app)).build();
        return api.create(BuiltinResources.PODS, "default", Pod.of(meta, spec));
    }

    /** Sets the pod Running with {@code ip}, Ready or not, as the kubelet reports it. */
    public Pod status(String name, String ip, boolean ready) {
        Pod pod = api.get(BuiltinResources.PODS, "default", name);
        String s = ready ? "True" : "False";
        PodStatus status = PodStatus.builder().phase("Running").podIP(ip).podIPs(List.of(new PodIP(ip)))
                .hostIP("172.18.0.2").conditions(List.of(PodCondition.of("Ready", s, kernel.instant()),
                        PodCondition.of("ContainersReady", s, kernel.instant())))
                .build();
        return api.updateStatus(BuiltinResources.PODS, new Pod(pod.apiVersion(), pod.kind(), pod.metadata(),
                pod.spec(), status));
    }

    /** Deletes the pod gracefully (it stays, terminating, until its grace period ends). */
    public void deletePod(String name) {
        api.delete(BuiltinResources.PODS, "default", name, DeleteOptions.defaults());
    }

    public void settle() {
        kernel.runUntilIdle();
    }
}
