package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static io.ksim.scheduler.plugins.PluginTesting.scores;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Toleration;
import io.ksim.scheduler.framework.Code;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases of upstream pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go. */
class TaintTolerationTest {

    private static Pod tolerating(Toleration... ts) {
        return pod("p").spec(b -> b.tolerations(List.of(ts))).build();
    }

    private static Toleration tol(String key, String op, String value, String effect) {
        return new Toleration(key, op, value, effect, null);
    }

    /** A node with taints given as key, value, effect triples. */
    private static Node tainted(String name, String... kve) {
        var b = node(name).cpu("1").memory("1Gi");
        for (int i = 0; i < kve.length; i += 3) {
            b.taint(kve[i], kve[i + 1], kve[i + 2]);
        }
        return b.build();
    }

    static Stream<Arguments> filter() {
        return Stream.of(
                Arguments.of(tolerating(), tainted("n", "dedicated", "user1", "NoSchedule"),
                        "node(s) had untolerated taint {dedicated: user1}"),
                Arguments.of(tolerating(tol("dedicated", "Equal", "user2", "NoSchedule")),
                        tainted("n", "dedicated", "user1", "NoSchedule"), "node(s) had untolerated taint {dedicated: user1}"),
                Arguments.of(tolerating(tol("foo", "Exists", null, "NoSchedule")),
                        tainted("n", "foo", "bar", "NoSchedule"), null),
                Arguments.of(tolerating(tol("foo", "Equal", "bar", "PreferNoSchedule")),
                        tainted("n", "foo", "bar", "NoSchedule"), "node(s) had untolerated taint {foo: bar}"),
                Arguments.of(tolerating(tol("foo", "Equal", "bar", "")), tainted("n", "foo", "bar", "NoSchedule"), null),
                Arguments.of(tolerating(), tainted("n", "foo", "bar", "PreferNoSchedule"), null),
                // NoExecute is enforced like NoSchedule; an empty key with Exists tolerates everything
                Arguments.of(tolerating(), tainted("n", "a", "b", "NoExecute"), "node(s) had untolerated taint {a: b}"),
                Arguments.of(tolerating(tol("", "Exists", null, "")), tainted("n", "a", "b", "NoExecute"), null),
                // tolerationSeconds does not matter to scheduling
                Arguments.of(tolerating(new Toleration("a", "Equal", "b", "NoExecute", 30L)),
                        tainted("n", "a", "b", "NoExecute"), null),
                // the first untolerated taint in node order is reported
                Arguments.of(tolerating(tol("a", "Exists", null, "")),
                        tainted("n", "a", "1", "NoSchedule", "b", "2", "NoSchedule", "c", "3", "NoExecute"),
                        "node(s) had untolerated taint {b: 2}"));
    }

    @ParameterizedTest
    @MethodSource
    void filter(Pod pod, Node node, String reason) {
        Status s = new TaintToleration().filter(new CycleState(), PodInfo.of(pod), nodeInfo(node));
        if (reason == null) {
            assertEquals(Code.SUCCESS, s.code());
        } else {
            assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, s.code());
            assertEquals(List.of(reason), s.reasons());
        }
    }

    static Stream<Arguments> score() {
        String p = "PreferNoSchedule";
        return Stream.of(
                Arguments.of(tolerating(tol("foo", "Equal", "bar", p)),
                        List.of(tainted("A", "foo", "bar", p), tainted("B", "foo", "blah", p)), new long[] {100, 0}),
                Arguments.of(tolerating(tol("cpu-type", "Equal", "arm64", p), tol("disk-type", "Equal", "ssd", p)),
                        List.of(tainted("A"), tainted("B", "cpu-type", "arm64", p),
                                tainted("C", "cpu-type", "arm64", p, "disk-type", "ssd", p)), new long[] {100, 100, 100}),
                Arguments.of(tolerating(tol("foo", "Equal", "bar", p)),
                        List.of(tainted("A"), tainted("B", "cpu-type", "arm64", p),
                                tainted("C", "cpu-type", "arm64", p, "disk-type", "ssd", p)), new long[] {100, 50, 0}),
                Arguments.of(tolerating(tol("cpu-type", "Equal", "arm64", "NoSchedule"),
                        tol("disk-type", "Equal", "ssd", "NoSchedule")),
                        List.of(tainted("A"), tainted("B", "cpu-type", "arm64", "NoSchedule"),
                                tainted("C", "cpu-type", "arm64", p, "disk-type", "ssd", p)), new long[] {100, 100, 0}),
                Arguments.of(tolerating(), List.of(tainted("A"), tainted("B", "cpu-type", "arm64", p)),
                        new long[] {100, 0}));
    }

    @ParameterizedTest
    @MethodSource
    void score(Pod pod, List<Node> nodes, long[] expected) {
        List<NodeInfo> infos = new ArrayList<>();
        nodes.forEach(n -> infos.add(nodeInfo(n)));
        assertArrayEquals(expected, scores(new TaintToleration(), pod, infos));
    }
}
