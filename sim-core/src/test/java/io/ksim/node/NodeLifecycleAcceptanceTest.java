package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node lifecycle end to end: three kubelets register, pods bound by spec.nodeName start at the times
 * their image declarations predict with IPs from their node's pod CIDR, a container failing its liveness
 * probe is restarted on the kubelet's back-off (10 s doubling, the first restart at once), and a stale write
 * is refused with upstream's 409. Every expected time below is computed from the declarations, never typed.
 */
class NodeLifecycleAcceptanceTest {

    private static final long BANDWIDTH = 20L * 1024 * 1024;
    private static final String WEB = "web:1.0 size=25Mi start=750ms ready=1500ms";
    private static final String FLAKY = "flaky:2 size=5Mi start=250ms unhealthy=20s";
    /** The readiness probe of the web pods: every second. */
    private static final Probe READINESS = Probe.httpGet("/ready", IntOrString.of(8080)).withTiming(null, null, 1,
            null, null);
    /** The liveness probe of the flaky pod: every 5 s, 2 failures allowed. */
    private static final Probe LIVENESS = Probe.exec("/bin/check").withTiming(null, null, 5, null, 2);

    private final ImageCatalog catalog = ImageCatalog.builder().bandwidth(BANDWIDTH).image(WEB).image(FLAKY).build();
    private final ImageModel web = ImageCatalog.parseLine(WEB);
    private final ImageModel flaky = ImageCatalog.parseLine(FLAKY);
    private final Kernel kernel = Kernel.builder().seed(2024).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    NodeLifecycleAcceptanceTest() {
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        for (int i = 1; i <= 3; i++) {
            new Kubelet(kernel, api, NodeConfig.builder("node-" + i).podCIDR("10.244." + i + ".0/24")
                    .internalIP("172.18.0." + (i + 1)).build(), catalog).start();
        }
    }

    @Test
    void podsOnEveryNodeAreRunningAndReadyAtThePredictedTimes() {
        for (int i = 1; i <= 3; i++) {
            create("web-" + i, "node-" + i, "web:1.0", READINESS, null);
        }
        // Each node pulls its own copy: pull, then start; ready at the first probe tick at or after ready=.
        Duration running = web.pullTime(BANDWIDTH).plus(web.startDelay());
        long period = READINESS.periodSeconds();
        long ticks = (web.readyAfter().toMillis() + period * 1000 - 1) / (period * 1000);
        Duration ready = running.plusSeconds(ticks * period);

        runUntil(running.minusMillis(1));
        for (int i = 1; i <= 3; i++) {
            assertEquals(PodPhase.PENDING, pod("web-" + i).status().phase());
        }
        runUntil(running);
        for (int i = 1; i <= 3; i++) {
            Pod pod = pod("web-" + i);
            assertEquals(PodPhase.RUNNING, pod.status().phase());
            assertFalse(PodConditions.isPodReady(pod));
            Node node = api.get(BuiltinResources.NODES, null, "node-" + i);
            assertTrue(inCidr(pod.status().podIP(), node.spec().podCIDR()), pod.status().podIP());
            assertEquals("10.244." + i + ".2", pod.status().podIP());
            assertEquals(kernel.epoch().plus(running), pod.status().containerStatuses().get(0).state().running()
                    .startedAt());
        }
        runUntil(ready.minusMillis(1));
        assertFalse(PodConditions.isPodReady(pod("web-1")));
        runUntil(ready);
        for (int i = 1; i <= 3; i++) {
            Pod pod = pod("web-" + i);
            assertTrue(PodConditions.isPodReady(pod), "web-" + i);
            assertEquals(kernel.epoch().plus(ready), PodConditions.getPodReadyCondition(pod.status())
                    .lastTransitionTime());
        }
    }

    @Test
    void aContainerFailingItsLivenessProbeIsRestartedOnTheBackOff() {
        create("flaky-1", "node-2", "flaky:2", null, LIVENESS);
        long period = LIVENESS.periodSeconds() * 1000L;
        long failures = LIVENESS.failureThreshold();
        // Probes tick at each start + k*period; the first failing tick is the first at or after unhealthy=,
        // and the container is killed failureThreshold-1 periods later.
        long firstFailing = (flaky.health().unhealthyAfter().toMillis() + period - 1) / period * period;
        long runMillis = firstFailing + (failures - 1) * period;
        long start = flaky.pullTime(BANDWIDTH).plus(flaky.startDelay()).toMillis();
        List<long[]> expected = new ArrayList<>(); // {kill, restart, next start}
        long backOff = 0;
        for (int restart = 1; restart <= 5; restart++) {
            long kill = start + runMillis;
            long again = kill + backOff;
            expected.add(new long[] {kill, again});
            start = again + flaky.startDelay().toMillis(); // the image is present now: no pull
            backOff = backOff == 0 ? 10_000 : Math.min(backOff * 2, 300_000);
        }
        for (int n = 0; n < expected.size(); n++) {
            long kill = expected.get(n)[0];
            long again = expected.get(n)[1];
            runUntil(Duration.ofMillis(again - 1));
            assertEquals(n, status("flaky-1").restartCount(), "before restart " + (n + 1));
            if (again > kill) {
                assertEquals("CrashLoopBackOff", status("flaky-1").state().waiting().reason());
            }
            runUntil(Duration.ofMillis(again));
            ContainerStatus s = status("flaky-1");
            assertEquals(n + 1, s.restartCount(), "restart " + (n + 1));
            assertEquals(kernel.epoch().plusMillis(kill), s.lastState().terminated().finishedAt());
        }
        // The restarts so far: at once, then 10, 20, 40 and 80 s after their kills.
        assertEquals(List.of(0L, 10_000L, 20_000L, 40_000L, 80_000L),
                expected.stream().map(e -> e[1] - e[0]).toList());
        assertEquals(5 * (int) failures, countEvents("flaky-1", "Liveness probe failed: "));
        assertEquals(5, countEvents("flaky-1", "Container flaky failed liveness probe, will be restarted"));
    }

    @Test
    void aStaleUpdateIsAConflictWithUpstreamsMessage() {
        create("web-1", "node-1", "web:1.0", READINESS, null);
        Pod stale = pod("web-1");
        runUntil(Duration.ofSeconds(10)); // the kubelet has written the status since
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.PODS,
                stale.withMetadata(stale.metadata().withLabels(Map.of("tier", "front")))));
        assertEquals(409, e.code());
        assertEquals("Conflict", e.status().reason());
        assertEquals("Operation cannot be fulfilled on pods \"web-1\": the object has been modified; please apply "
                + "your changes to the latest version and try again", e.status().message());
        Pod fresh = pod("web-1");
        api.update(BuiltinResources.PODS, fresh.withMetadata(fresh.metadata().withLabels(Map.of("tier", "front"))));
        assertEquals("front", pod("web-1").metadata().labels().get("tier"));
    }

    private void create(String name, String node, String image, Probe readiness, Probe liveness) {
        Container c = Container.builder().name(name.replaceAll("-\\d+$", "")).image(image).readinessProbe(readiness)
                .livenessProbe(liveness).build();
        api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name),
                PodSpec.builder().containers(List.of(c)).nodeName(node).build()));
    }

    private Pod pod(String name) {
        return api.get(BuiltinResources.PODS, "default", name);
    }

    private ContainerStatus status(String name) {
        return pod(name).status().containerStatuses().get(0);
    }

    private void runUntil(Duration t) {
        kernel.runUntil(t);
    }

    private int countEvents(String pod, String message) {
        return api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(pod) && e.message().equals(message))
                .mapToInt(e -> e.count()).sum();
    }

    private static boolean inCidr(String ip, String cidr) {
        long[] net = PodIPAllocator.parse(cidr);
        String[] o = ip.split("\\.");
        long v = 0;
        for (String part : o) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v >= net[0] && v < net[0] + net[1];
    }
}
