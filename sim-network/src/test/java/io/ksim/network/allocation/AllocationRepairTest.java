package io.ksim.network.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Event;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver's ClusterIP and NodePort repair loops (ipallocator/controller/repair.go,
 * portallocator/controller/repair.go): leaks released on the third run that finds them unused, values a Service
 * uses but the allocator lost taken back, duplicates reported as Warning events on the Service.
 */
class AllocationRepairTest {

    private final NetworkTestCluster c = new NetworkTestCluster(11);
    private final ClusterIPAllocator ips = c.network.allocator().clusterIPs();
    private final NodePortAllocator ports = c.network.allocator().nodePorts();

    private Service nodePortService(String name, String clusterIP, int nodePort) {
        return c.service(name, ServiceSpec.builder().type("NodePort").clusterIP(clusterIP).selector(Map.of("app", name))
                .ports(List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), nodePort))));
    }

    private List<String> events(String reason) {
        return c.api.list(BuiltinResources.EVENTS, "default").items().stream().filter(e -> e.reason().equals(reason))
                .map(e -> e.type() + " " + e.involvedObject().name() + " " + e.source().component() + ": "
                        + e.message()).toList();
    }

    @Test
    void aLeakedClusterIPIsReleasedOnTheThirdRunThatFindsItUnused() {
        AllocationRepair<String> repair = AllocationRepair.clusterIPs(c.api, ips);
        // Reserved by a creation that never stored its Service (a crash between allocation and write).
        assertTrue(ips.allocate("10.96.100.7").ok());
        repair.runOnce();
        assertTrue(ips.has("10.96.100.7"));
        assertEquals(Map.of("10.96.100.7", 1), repair.leaks());
        repair.runOnce();
        assertTrue(ips.has("10.96.100.7"), "still pretended in use");
        repair.runOnce();
        assertFalse(ips.has("10.96.100.7"), "released");
        assertTrue(ips.has("10.96.0.1"), "the kubernetes Service keeps its address");
        List<String> log = c.kernel.trace().events().stream()
                .filter(e -> e.component().equals("ipallocator-repair-controller")).map(e -> e.message()).toList();
        assertEquals(List.of("the cluster IP 10.96.100.7 may have leaked: flagging for later clean up",
                "the cluster IP 10.96.100.7 appears to have leaked: cleaning up"), log);
    }

    @Test
    void theLoopRunsEveryThreeMinutesSoALeakGoesAfterSixMinutes() {
        assertTrue(ports.allocate(31000).ok());
        AllocationRepair.nodePorts(c.api, ports).start(AllocationRepair.DEFAULT_INTERVAL);
        c.kernel.advance(Duration.ofMinutes(5));
        assertTrue(ports.has(31000), "two runs (0 s, 3 min) have seen it");
        c.kernel.advance(Duration.ofMinutes(1));
        assertFalse(ports.has(31000), "the run at 6 min released it");
    }

    @Test
    void aLostAllocationIsRepairedAndADuplicateIsReported() {
        nodePortService("web", "10.96.50.1", 30500);
        // The allocations are lost (a restore of the range from an older snapshot); another Service takes them.
        ips.release("10.96.50.1");
        ports.release(30500);
        nodePortService("copy", "10.96.50.1", 30500);
        AllocationRepair.clusterIPs(c.api, ips).runOnce();
        AllocationRepair.nodePorts(c.api, ports).runOnce();
        // Services are listed in name order: copy holds the values, web is the duplicate.
        assertEquals(List.of("Warning web ipallocator-repair-controller: Cluster IP [IPv4]:10.96.50.1 was assigned to "
                + "multiple services; please recreate service"), events("ClusterIPAlreadyAllocated"));
        assertEquals(List.of("Warning web portallocator-repair-controller: Port 30500 was assigned to multiple services; "
                + "please recreate service"), events("PortAlreadyAllocated"));
        assertTrue(ips.has("10.96.50.1") && ports.has(30500));
        ips.release("10.96.50.1");
        AllocationRepair.clusterIPs(c.api, ips).runOnce();
        assertEquals(List.of("Warning copy ipallocator-repair-controller: Cluster IP [IPv4]:10.96.50.1 is not "
                + "allocated; repairing"), events("ClusterIPNotAllocated"));
        assertTrue(ips.has("10.96.50.1"), "taken back");
    }

    @Test
    void theNodePortRepairNamesNodePortsInItsEventsAndLogLines() {
        nodePortService("web", "10.96.50.2", 30501);
        ports.release(30501);
        assertTrue(ports.allocate(31001).ok());
        AllocationRepair<Integer> repair = AllocationRepair.nodePorts(c.api, ports);
        for (int run = 0; run < AllocationRepair.REPAIRS_BEFORE_LEAK_CLEANUP; run++) {
            repair.runOnce();
        }
        assertEquals(List.of("Warning web portallocator-repair-controller: Port 30501 is not allocated; repairing"),
                events("PortNotAllocated"));
        List<String> log = c.kernel.trace().events().stream()
                .filter(e -> e.component().equals("portallocator-repair-controller")).map(e -> e.message()).toList();
        // The event's own trace line, then the line upstream logs with HandleError.
        assertEquals(List.of("Port 30501 is not allocated; repairing",
                "the node port 30501 for service web/default is not allocated; repairing",
                "the node port 31001 may have leaked: flagging for later clean up",
                "the node port 31001 appears to have leaked: cleaning up"), log);
    }

    @Test
    void aServiceDeletedThroughItsFinalizersLeaksUntilTheRepairReclaimsIt() {
        Service held = c.api.create(BuiltinResources.SERVICES, "default", new Service(null, null,
                io.ksim.api.meta.ObjectMeta.builder().namespace("default").name("held")
                        .finalizers(List.of("example.com/hold")).build(),
                ServiceSpec.builder().clusterIP("10.96.60.6").ports(List.of(new ServicePort("http", "TCP", null, 80,
                        IntOrString.of(80), null))).build(), null));
        c.api.delete(BuiltinResources.SERVICES, "default", "held", io.ksim.apiserver.DeleteOptions.defaults());
        Service marked = c.api.get(BuiltinResources.SERVICES, "default", "held");
        c.api.update(BuiltinResources.SERVICES, marked.withMetadata(marked.metadata().toBuilder()
                .finalizers(List.of()).build()));
        assertTrue(c.api.list(BuiltinResources.SERVICES, "default").items().stream()
                .noneMatch(s -> s.metadata().name().equals("held")));
        assertTrue(ips.has(held.spec().clusterIP()), "the update that removed the object released nothing");
        AllocationRepair<String> repair = AllocationRepair.clusterIPs(c.api, ips);
        for (int run = 0; run < AllocationRepair.REPAIRS_BEFORE_LEAK_CLEANUP; run++) {
            repair.runOnce();
        }
        assertFalse(ips.has("10.96.60.6"));
    }
}
