package io.ksim.scheduler;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ServiceAccount;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A kernel, an API server and a started scheduler; nodes are created directly, no kubelets. */
final class SchedulerFixture {

    final Kernel kernel;
    final ApiServer api;
    final Scheduler scheduler;

    SchedulerFixture(long seed) {
        this(seed, b -> b);
    }

    SchedulerFixture(long seed, UnaryOperator<Scheduler.Builder> config) {
        kernel = Kernel.builder().seed(seed).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        // Pods need their namespace's default ServiceAccount once ServiceAccount admission is on.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        scheduler = config.apply(Scheduler.builder(kernel, api)).build();
        scheduler.start();
    }

    Node addNode(Node node) {
        return api.create(BuiltinResources.NODES, null, node);
    }

    Pod addPod(Pod pod) {
        return api.create(BuiltinResources.PODS, pod.metadata().namespace(), pod);
    }

    Pod pod(String name) {
        return api.get(BuiltinResources.PODS, "default", name);
    }

    String nodeOf(String name) {
        return pod(name).spec().nodeName();
    }

    void settle() {
        kernel.advance(Duration.ofMillis(1));
    }

    void advance(Duration d) {
        kernel.advance(d);
    }
}
