package io.ksim.scheduler.framework;

import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The order of RunPreFilterPlugins since 1.30 (pkg/scheduler/framework/runtime/framework.go, issue 119770): an
 * Unschedulable plugin does not stop the others, the last Unschedulable status wins, an
 * UnschedulableAndUnresolvable one ends PreFilter at once.
 */
class FrameworkPreFilterTest {

    /** A PreFilter plugin that records its call and returns a fixed status and node names. */
    private record Fake(String name, Status status, Set<String> nodes, List<String> calls) implements PreFilterPlugin {
        @Override
        public Status preFilter(CycleState state, PodInfo pod, Snapshot snapshot) {
            calls.add(name);
            return status;
        }

        @Override
        public Set<String> preFilterNodeNames(CycleState state) {
            return nodes;
        }
    }

    private final List<String> calls = new ArrayList<>();

    private Fake fake(String name, Status status) {
        return new Fake(name, status, null, calls);
    }

    private Framework.PreFilterOutcome run(CycleState state, Plugin... plugins) {
        Framework fw = new Framework("test");
        for (Plugin p : plugins) {
            fw.add(p);
        }
        return fw.runPreFilter(state, PodInfo.of(pod("p").build()), Snapshot.of(List.of()));
    }

    @Test
    void unschedulableDoesNotStopTheOthersAndTheLastOneWins() {
        Framework.PreFilterOutcome out = run(new CycleState(), fake("A", Status.unschedulable("a is full")),
                fake("B", Status.SUCCESS), fake("C", Status.unschedulable("c is full")), fake("D", Status.SKIP));
        assertEquals(List.of("A", "B", "C", "D"), calls);
        assertEquals(Code.UNSCHEDULABLE, out.status().code());
        assertEquals("c is full", out.status().message());
        assertEquals("C", out.status().plugin());
        assertEquals(Set.of("D"), out.skipped());
    }

    @Test
    void unresolvableEndsPreFilterAtOnceEvenAfterAnUnschedulableOne() {
        Framework.PreFilterOutcome out = run(new CycleState(), fake("A", Status.unschedulable("a is full")),
                fake("B", Status.unresolvable("b never fits")), fake("C", Status.SUCCESS));
        assertEquals(List.of("A", "B"), calls);
        assertEquals(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, out.status().code());
        assertEquals("b never fits", out.status().message());
        assertEquals("B", out.status().plugin());
    }

    @Test
    void anErrorIsWrappedWithThePluginName() {
        Framework.PreFilterOutcome out = run(new CycleState(), fake("A", Status.error("boom")), fake("B", Status.SUCCESS));
        assertEquals(List.of("A"), calls);
        assertEquals(Code.ERROR, out.status().code());
        assertEquals("running PreFilter plugin \"A\": boom", out.status().message());
    }

    @Test
    void narrowingPluginsAreNamedInTheDiagnosisAndAnEmptyIntersectionIsUnresolvable() {
        CycleState state = new CycleState();
        Framework.PreFilterOutcome out = run(state, new Fake("X", Status.SUCCESS, Set.of("n1", "n2"), calls),
                new Fake("Y", Status.SUCCESS, Set.of("n3"), calls), fake("Z", Status.SUCCESS));
        assertEquals(List.of("X", "Y"), calls);
        assertEquals("node(s) didn't satisfy plugin(s) [X Y] simultaneously", out.status().message());
        assertEquals(Set.of("X", "Y"), out.narrowedBy());

        calls.clear();
        CycleState narrowed = new CycleState();
        out = run(narrowed, fake("A", Status.unschedulable("a is full")),
                new Fake("X", Status.SUCCESS, Set.of("n1", "n2"), calls));
        assertEquals("a is full", out.status().message());
        assertEquals(Set.of("n1", "n2"), out.nodeNames());
        assertEquals(Set.of("X"), out.narrowedBy());

        out = run(new CycleState(), new Fake("X", Status.SUCCESS, Set.of("n1"), calls),
                fake("B", Status.unresolvable("no")));
        assertEquals(Set.of(), out.narrowedBy());
    }
}
