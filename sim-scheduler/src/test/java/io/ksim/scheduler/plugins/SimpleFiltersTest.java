package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Toleration;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NodeUnschedulable, NodeName and NodePorts, with cases of upstream's node_unschedulable_test.go,
 * node_name_test.go and node_ports_test.go.
 */
class SimpleFiltersTest {

    @Test
    void cordonedNodeRejectsUnlessTheTaintIsTolerated() {
        var cordoned = nodeInfo(node("n").unschedulable().build());
        Status s = new NodeUnschedulable().filter(new CycleState(), PodInfo.of(pod("p").build()), cordoned);
        assertEquals(List.of("node(s) were unschedulable"), s.reasons());
        Pod tolerant = pod("p").spec(b -> b.tolerations(List.of(new Toleration("node.kubernetes.io/unschedulable",
                "Exists", null, "NoSchedule", null)))).build();
        assertEquals(true, new NodeUnschedulable().filter(new CycleState(), PodInfo.of(tolerant), cordoned).isSuccess());
        assertEquals(true, new NodeUnschedulable().filter(new CycleState(), PodInfo.of(pod("p").build()),
                nodeInfo(node("m").build())).isSuccess());
    }

    @Test
    void nodeNameMustMatch() {
        Pod named = pod("p").spec(b -> b.nodeName("foo")).build();
        assertEquals(true, new NodeName().filter(new CycleState(), PodInfo.of(named), nodeInfo(node("foo").build())).isSuccess());
        assertEquals(List.of("node(s) didn't match the requested node name"),
                new NodeName().filter(new CycleState(), PodInfo.of(named), nodeInfo(node("bar").build())).reasons());
    }

    private static Pod withPorts(String... specs) {
        var b = pod("p" + specs.length);
        List<ContainerPort> ports = new java.util.ArrayList<>();
        for (String spec : specs) {
            String[] f = spec.split("/");
            ports.add(new ContainerPort(null, Integer.parseInt(f[2]), 80, f[1], f[0].isEmpty() ? null : f[0]));
        }
        return b.container(Container.builder().name("c").image("i").ports(ports).build()).build();
    }

    static Stream<Arguments> ports() {
        return Stream.of(
                Arguments.of(withPorts(), withPorts(), true),
                Arguments.of(withPorts("/UDP/8080"), withPorts("/UDP/9090"), true),
                Arguments.of(withPorts("/UDP/8080"), withPorts("/UDP/8080"), false),
                Arguments.of(withPorts("127.0.0.1/TCP/8080"), withPorts("127.0.0.1/UDP/8080"), true),
                Arguments.of(withPorts("127.0.0.1/TCP/8001", "127.0.0.1/UDP/8080"), withPorts("127.0.0.1/TCP/8001"), false),
                Arguments.of(withPorts("0.0.0.0/TCP/8001"), withPorts("127.0.0.1/TCP/8001"), false),
                Arguments.of(withPorts("10.0.10.10/TCP/8001"), withPorts("127.0.0.1/TCP/8001"), true),
                Arguments.of(withPorts("127.0.0.1/TCP/8001"), withPorts("0.0.0.0/TCP/8001"), false));
    }

    @ParameterizedTest
    @MethodSource
    void ports(Pod incoming, Pod existing, boolean fits) {
        NodePorts plugin = new NodePorts();
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(incoming);
        plugin.preFilter(state, pi, null);
        Status s = plugin.filter(state, pi, nodeInfo(node("n").build(), existing));
        assertEquals(fits, s.isSuccess());
        if (!fits) {
            assertEquals(List.of("node(s) didn't have free ports for the requested pod ports"), s.reasons());
        }
    }
}
