package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Liveness thresholds as invariants: whatever the probe's timing, a container whose application turns
 * unhealthy U seconds after its start is killed at the (failureThreshold)th consecutive failing tick, the
 * first failing tick being the first at or after both U and initialDelaySeconds (pkg/kubelet/prober/worker.go);
 * and an application that stays healthy is never killed.
 */
class ContainerProbeProperties {

    /** The image's start delay; it is present on the node, so the container runs from this instant. */
    private static final long START_MILLIS = 1_000;

    @Property(tries = 60)
    void theKillComesAtTheThresholdTick(@ForAll @IntRange(min = 1, max = 20) int period,
            @ForAll @IntRange(min = 1, max = 5) int failures, @ForAll @IntRange(min = 0, max = 60) int unhealthy,
            @ForAll @IntRange(min = 0, max = 30) int initialDelay) {
        Kernel kernel = start("app:1 start=1s unhealthy=" + unhealthy + "s", period, failures, initialDelay);
        long firstFailing = 0;
        while (firstFailing < unhealthy || firstFailing < initialDelay) {
            firstFailing += period;
        }
        long killMillis = START_MILLIS + (firstFailing + (long) (failures - 1) * period) * 1000;
        kernel.runUntil(Duration.ofMillis(killMillis - 1));
        assertEquals(0, restarts(kernel));
        kernel.runUntil(Duration.ofMillis(killMillis));
        assertEquals(1, restarts(kernel));
    }

    @Property(tries = 30)
    void aHealthyApplicationIsNeverKilled(@ForAll @IntRange(min = 1, max = 20) int period,
            @ForAll @IntRange(min = 1, max = 5) int failures, @ForAll @IntRange(min = 0, max = 30) int initialDelay) {
        Kernel kernel = start("app:1 start=1s", period, failures, initialDelay);
        kernel.runUntil(Duration.ofMinutes(10));
        assertEquals(0, restarts(kernel));
    }

    private ApiServer api;

    private Kernel start(String image, int period, int failures, int initialDelay) {
        Kernel kernel = Kernel.builder().seed(1).build();
        api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        new Kubelet(kernel, api, NodeConfig.builder("node-1").presentImage("app:1").build(),
                ImageCatalog.builder().image(image).build()).start();
        Probe liveness = Probe.tcpSocket(IntOrString.of(8080)).withTiming(initialDelay, null, period, null, failures);
        Container c = Container.builder().name("app").image("app:1").livenessProbe(liveness).build();
        api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", "app-1"),
                PodSpec.builder().containers(List.of(c)).nodeName("node-1").build()));
        return kernel;
    }

    private int restarts(Kernel kernel) {
        return api.get(BuiltinResources.PODS, "default", "app-1").status().containerStatuses().get(0).restartCount();
    }
}
