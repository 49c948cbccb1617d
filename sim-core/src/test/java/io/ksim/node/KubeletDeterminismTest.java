package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.RestartPolicy;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One seed, one execution: probes, pull failures, hooks, init containers and a partition replay byte for byte. */
class KubeletDeterminismTest {

    @Test
    void theSameSeedGivesTheSameTrace() {
        assertEquals(run(5), run(5));
    }

    @Test
    void anotherSeedGivesOtherContainerIDs() {
        assertNotEquals(run(5), run(6));
    }

    private static String run(long seed) {
        TestCluster c = new TestCluster(seed);
        Probe http = Probe.httpGet("/healthz", IntOrString.of(8080));
        c.createProbedPod("sick-1", "node-1", "sick:1", null, null, http, http);
        c.createProbedPod("laggy-1", "node-2", "laggy:1", null, http.withTiming(null, null, null, null, 10), http,
                null);
        c.createPod("ghost-1", "node-3", "ghost:1", null);
        c.createPod("flakyreg-1", "node-3", "flakyreg:1", RestartPolicy.NEVER);
        Container proxy = Container.builder().name("proxy").image("proxy:1").restartPolicy("Always").build();
        Container setup = Container.builder().name("setup").image("job:1").build();
        c.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", "init-1"), PodSpec.builder()
                .initContainers(List.of(proxy, setup)).containers(List.of(Container.of("web", "nginx:1.25")))
                .nodeName("node-2").build()));
        c.kernel.injectFault(Duration.ofSeconds(40), c.kubelet(1).partitionFault());
        c.kernel.injectFault(Duration.ofSeconds(90), c.kubelet(1).healPartitionFault());
        c.runUntil(120);
        c.api.delete(BuiltinResources.PODS, "default", "init-1", DeleteOptions.defaults());
        c.runUntil(400);
        return c.kernel.trace().format() + c.pod("sick-1").status() + c.pod("ghost-1").status();
    }
}
