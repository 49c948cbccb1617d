package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStateTerminated;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodStatusGeneratorTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** States: W waiting, R running, 0/1 terminated with that code, B waiting after a failure (back-off). */
    @ParameterizedTest(name = "{0} {1} terminal={2} -> {3}")
    @CsvSource({
        "Always,    W,  false, Pending",
        "Always,    R,  false, Running",
        "Always,    RW, false, Pending",
        "Always,    B,  false, Running",
        "Always,    0,  false, Running",
        "Always,    0,  true,  Succeeded",
        "Always,    1,  true,  Failed",
        "Never,     0,  false, Succeeded",
        "Never,     01, false, Failed",
        "Never,     R1, false, Running",
        "OnFailure, 1,  false, Running",
        "OnFailure, 00, false, Succeeded",
    })
    void phaseAsGetPhase(String policy, String states, boolean terminal, String expected) {
        List<ContainerStatus> statuses = new ArrayList<>();
        for (char s : states.toCharArray()) {
            statuses.add(status("c" + statuses.size(), s));
        }
        assertEquals(expected, PodStatusGenerator.phase(policy, statuses, terminal));
    }

    @Test
    void conditionsKeepTheirTransitionTimeWhileUnchanged() {
        List<ContainerStatus> unready = List.of(status("a", 'R'), status("b", 'W'));
        List<PodCondition> first = PodStatusGenerator.conditions(PodStatus.EMPTY, true, "Pending", unready, T0);
        assertEquals("containers with unready status: [b]", first.get(2).message());
        PodStatus previous = PodStatus.builder().conditions(first).build();
        Instant later = T0.plusSeconds(5);
        List<ContainerStatus> ready = List.of(status("a", 'R'), ready(status("b", 'R')));
        List<PodCondition> second = PodStatusGenerator.conditions(previous, true, "Running", ready, later);
        assertEquals(T0, second.get(1).lastTransitionTime()); // Initialized: unchanged
        assertEquals("True", second.get(2).status());
        assertEquals(later, second.get(2).lastTransitionTime()); // Ready: changed
    }

    /**
     * GeneratePodInitializedCondition (pkg/kubelet/status/generate.go). Init containers: i regular, s sidecar;
     * their states: W waiting, R running (a sidecar started), 0/1 terminated; the app container: W or R.
     */
    @ParameterizedTest(name = "{0} {1} app={2} {3} -> {4} {5}")
    @CsvSource(delimiter = '|', value = {
        "ii | WW | W | Pending   | False | containers with incomplete status: [c0 c1]",
        "ii | 0W | W | Pending   | False | containers with incomplete status: [c1]",
        "ii | 1W | W | Pending   | False | containers with incomplete status: [c0 c1]",
        "ii | 00 | W | Pending   | True  | ",
        "si | RW | W | Pending   | False | containers with incomplete status: [c1]",
        "si | WW | W | Pending   | False | containers with incomplete status: [c0 c1]",
        "si | R0 | R | Running   | True  | ",
        "si | 00 | 0 | Succeeded | True  | ",
        "ii | 00 | 0 | Succeeded | True  | PodCompleted",
    })
    void initializedAsUpstream(String kinds, String states, char app, String phase, String status, String message) {
        List<io.ksim.api.core.Container> specs = new ArrayList<>();
        List<ContainerStatus> inits = new ArrayList<>();
        for (int i = 0; i < kinds.length(); i++) {
            boolean sidecar = kinds.charAt(i) == 's';
            specs.add(io.ksim.api.core.Container.builder().name("c" + i).image("x")
                    .restartPolicy(sidecar ? "Always" : null).build());
            ContainerStatus st = status("c" + i, states.charAt(i));
            inits.add(st.toBuilder().started(sidecar && states.charAt(i) == 'R').build());
        }
        PodCondition c = PodStatusGenerator.initialized(phase, specs, inits, List.of(status("app", app)));
        assertEquals(status, c.status());
        if ("PodCompleted".equals(message)) {
            assertEquals("PodCompleted", c.reason());
        } else {
            assertEquals(message, c.message());
            assertEquals(message == null ? null : "ContainersNotInitialized", c.reason());
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Never,     1, true",
        "Never,     0, false",
        "Never,     B, true",
        "OnFailure, 1, false",
        "Always,    1, false",
    })
    void aFailedRegularInitContainerFailsOnlyANeverPod(String policy, char state, boolean failed) {
        List<io.ksim.api.core.Container> specs = List.of(io.ksim.api.core.Container.of("c0", "x"));
        assertEquals(failed, PodStatusGenerator.initializationFailed(policy, specs, List.of(status("c0", state))));
    }

    private static ContainerStatus ready(ContainerStatus s) {
        return s.toBuilder().ready(true).build();
    }

    private static ContainerStatus status(String name, char state) {
        ContainerStatus.Builder b = ContainerStatus.builder().name(name);
        ContainerStateTerminated failed = new ContainerStateTerminated(1, null, "Error", null, T0, T0, null);
        return switch (state) {
            case 'W' -> b.state(ContainerState.waiting("ContainerCreating", null)).build();
            case 'R' -> b.state(ContainerState.running(T0)).ready(name.equals("a")).build();
            case 'B' -> b.state(ContainerState.waiting("CrashLoopBackOff", null))
                    .lastState(ContainerState.terminated(failed)).build();
            default -> b.state(ContainerState.terminated(new ContainerStateTerminated(state - '0', null,
                    state == '0' ? "Completed" : "Error", null, T0, T0, null))).build();
        };
    }
}
