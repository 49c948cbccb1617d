package io.ksim.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    private final Kernel kernel = Kernel.builder().seed(12).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }
    private final EventRecorder recorder = new EventRecorder(kernel, api, "default-scheduler", "");

    private Pod pod() {
        return api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", "web-1"),
                PodSpec.builder().containers(List.of(Container.builder().name("c").image("nginx:1.25").build())).build()));
    }

    private List<Event> events(String ns) {
        return api.list(BuiltinResources.EVENTS, ns).items();
    }

    @Test
    void anEventIsAnObjectNamedAfterItsObjectAndTime() {
        Pod pod = pod();
        kernel.advance(Duration.ofMillis(1500));
        recorder.normal(pod, "Scheduled", "Successfully assigned default/web-1 to node-1");
        Event e = events("default").get(0);
        long nanos = Instant.parse("2025-01-01T00:00:01.500Z").getEpochSecond() * 1_000_000_000L + 500_000_000L;
        assertEquals("web-1." + Long.toHexString(nanos), e.metadata().name());
        assertEquals("Pod", e.involvedObject().kind());
        assertEquals(pod.metadata().uid(), e.involvedObject().uid());
        assertEquals("default-scheduler", e.source().component());
        assertEquals(1, e.count());
        assertEquals("Normal", e.type());
        assertTrue(kernel.trace().format().contains(
                "default-scheduler Scheduled      default/web-1  Successfully assigned default/web-1 to node-1"),
                kernel.trace().format());
    }

    @Test
    void theSameEventAgainIsCountedAndAfterTenMinutesIsNew() {
        Pod pod = pod();
        recorder.warning(pod, "BackOff", "Back-off restarting failed container");
        kernel.advance(Duration.ofMinutes(5));
        recorder.warning(pod, "BackOff", "Back-off restarting failed container");
        assertEquals(1, events("default").size());
        Event counted = events("default").get(0);
        assertEquals(2, counted.count());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), counted.firstTimestamp());
        assertEquals(Instant.parse("2025-01-01T00:05:00Z"), counted.lastTimestamp());
        kernel.advance(Duration.ofMinutes(11));
        recorder.warning(pod, "BackOff", "Back-off restarting failed container");
        assertEquals(2, events("default").size());
        recorder.warning(pod, "BackOff", "another message");
        assertEquals(3, events("default").size());
    }

    @Test
    void eventsAboutClusterScopedObjectsGoToDefault() {
        Node node = api.create(BuiltinResources.NODES, null, new Node(null, null, ObjectMeta.builder().name("node-1").build(),
                null, null));
        new EventRecorder(kernel, api, "kubelet", "node-1").normal(node, "NodeReady", "Node node-1 status is now: NodeReady");
        assertEquals("node-1", events("default").get(0).involvedObject().name());
    }
}
