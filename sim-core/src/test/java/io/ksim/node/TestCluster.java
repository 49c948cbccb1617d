package io.ksim.node;

import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Probe;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An API server and three started kubelets (node-1..3, pod CIDRs 10.244.1-3.0/24) for kubelet tests. */
final class TestCluster {

    /** nginx pulls in 2 s at 10 MiB/s, starts in 500 ms and is ready 2 s later. */
    static final ImageCatalog CATALOG = ImageCatalog.builder()
            .image("nginx:1.25 size=20Mi start=500ms ready=2s")
            .image("crasher:1 size=10Mi start=1s exit=1 after=3s")
            .image("job:1 size=10Mi start=1s exit=0 after=5s")
            .image("stubborn:1 size=10Mi start=1s sigterm=ignore")
            .image("slowstop:1 size=10Mi start=1s sigterm=ignore prestop=40s")
            .image("slowpoke:1 size=10Mi ready=never")
            .image("sick:1 size=10Mi start=1s unhealthy=30s")
            .image("slowstart:1 size=10Mi start=1s healthy=25s")
            .image("laggy:1 size=10Mi start=1s respond=2s")
            .image("ghost:1 size=10Mi pull=fail")
            .image("flakyreg:1 size=10Mi start=1s pull=fail:2")
            .image("proxy:1 size=10Mi start=1s")
            .image("hooked:1 size=10Mi start=1s poststart=3s prestop=4s")
            .image("badhook:1 size=10Mi start=1s poststart=fail prestop=fail")
            .build();

    final Kernel kernel;
    final ApiServer api;
    final List<Kubelet> kubelets = new ArrayList<>();

    TestCluster(long seed) {
        kernel = Kernel.builder().seed(seed).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        // The service-account controller's work on a real cluster: pods need the namespace's "default".
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", ServiceAccount.DEFAULT_NAME));
        for (int i = 1; i <= 3; i++) {
            NodeConfig.Builder b = NodeConfig.builder("node-" + i).zone("zone-" + (char) ('a' + i - 1))
                    .podCIDR("10.244." + i + ".0/24").internalIP("172.18.0." + (i + 1));
            if (i == 2) {
                b.presentImage("nginx:1.25");
            }
            Kubelet k = new Kubelet(kernel, api, b.build(), CATALOG);
            kubelets.add(k);
            k.start();
        }
    }

    Kubelet kubelet(int i) {
        return kubelets.get(i - 1);
    }

    Pod createPod(String name, String node, String image, String restartPolicy) {
        Container c = Container.builder().name(name.replaceAll("-\\d+$", "")).image(image).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName(node).restartPolicy(restartPolicy).build();
        return api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    /** A pod like {@link #createPod}'s in the node's network namespace ({@code hostNetwork: true}). */
    Pod createHostNetworkPod(String name, String node, String image) {
        Container c = Container.builder().name(name.replaceAll("-\\d+$", "")).image(image).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName(node).hostNetwork(true).build();
        return api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    /** A pod of one container {@code name} (without a numeric suffix) on {@code node}, with the given probes. */
    Pod createProbedPod(String name, String node, String image, String restartPolicy, Probe startup, Probe liveness,
            Probe readiness) {
        Container c = Container.builder().name(name.replaceAll("-\\d+$", "")).image(image).startupProbe(startup)
                .livenessProbe(liveness).readinessProbe(readiness).build();
        PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeName(node).restartPolicy(restartPolicy).build();
        return api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    /** The messages of the events about {@code pod}, oldest first. */
    List<String> eventMessages(String pod) {
        return api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(pod))
                .sorted(java.util.Comparator.comparing(Event::firstTimestamp))
                .map(e -> e.message()).collect(java.util.stream.Collectors.toList());
    }

    /** How often the event with {@code message} about {@code pod} was recorded (0 if never). */
    int eventCount(String pod, String message) {
        return api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(pod) && e.message().equals(message))
                .mapToInt(Event::count).sum();
    }

    Pod pod(String name) {
        return api.get(BuiltinResources.PODS, "default", name);
    }

    void runUntil(double seconds) {
        kernel.runUntil(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
