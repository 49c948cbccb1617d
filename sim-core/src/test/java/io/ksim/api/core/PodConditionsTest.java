package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pod helpers, against upstream's pkg/api/v1/pod (util.go) semantics. */
class PodConditionsTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static Pod pod(PodCondition... conditions) {
        return Pod.of(ObjectMeta.of("default", "p"), PodSpec.of(Container.of("c", "app:1")))
                .withStatus(PodStatus.builder().conditions(List.of(conditions)).build());
    }

    @Test
    void readyMeansAReadyConditionThatIsTrue() {
        assertFalse(PodConditions.isPodReady(pod()));
        assertFalse(PodConditions.isPodReady(pod(PodCondition.of(PodConditionType.READY, ConditionStatus.FALSE, T0))));
        assertFalse(PodConditions.isPodReady(pod(PodCondition.of(PodConditionType.CONTAINERS_READY,
                ConditionStatus.TRUE, T0))));
        Pod ready = pod(PodCondition.of(PodConditionType.CONTAINERS_READY, ConditionStatus.TRUE, T0),
                PodCondition.of(PodConditionType.READY, ConditionStatus.TRUE, T0));
        assertTrue(PodConditions.isPodReady(ready));
        assertTrue(PodConditions.isContainersReadyConditionTrue(ready.status()));
        assertEquals(1, PodConditions.indexOf(ready.status().conditions(), PodConditionType.READY));
        assertNull(PodConditions.getPodCondition(ready.status(), PodConditionType.POD_SCHEDULED));
        assertNull(PodConditions.getPodCondition(null, PodConditionType.READY));
    }

    @Test
    void availableAfterMinReadySecondsHavePassedStrictly() {
        Pod ready = pod(PodCondition.of(PodConditionType.READY, ConditionStatus.TRUE, T0));
        assertTrue(PodConditions.isPodAvailable(ready, 0, T0));
        assertFalse(PodConditions.isPodAvailable(ready, 10, T0.plusSeconds(10)));
        assertTrue(PodConditions.isPodAvailable(ready, 10, T0.plusSeconds(11)));
        Pod noTime = pod(PodCondition.of(PodConditionType.READY, ConditionStatus.TRUE, null));
        assertFalse(PodConditions.isPodAvailable(noTime, 10, T0.plusSeconds(100)));
        Pod notReady = pod(PodCondition.of(PodConditionType.READY, ConditionStatus.FALSE, T0));
        assertFalse(PodConditions.isPodAvailable(notReady, 0, T0.plusSeconds(100)));
    }

    @Test
    void terminalPhases() {
        assertTrue(PodPhase.isTerminal(PodPhase.SUCCEEDED));
        assertTrue(PodPhase.isTerminal(PodPhase.FAILED));
        assertFalse(PodPhase.isTerminal(PodPhase.RUNNING));
        assertFalse(PodPhase.isTerminal(null));
        Pod failed = pod().withStatus(PodStatus.builder().phase(PodPhase.FAILED).build());
        assertTrue(PodConditions.isPodTerminal(failed));
        assertFalse(PodConditions.isPodTerminal(pod()));
    }

    @Test
    void updateAddsReplacesAndKeepsTheTransitionTimeWhenTheStatusStays() {
        Instant t1 = T0.plusSeconds(30);
        PodStatus empty = PodStatus.EMPTY;
        PodCondition scheduled = new PodCondition(PodConditionType.POD_SCHEDULED, ConditionStatus.FALSE, null, null,
                PodCondition.REASON_UNSCHEDULABLE, "0/3 nodes are available");

        PodStatus added = PodConditions.updatePodCondition(empty, scheduled, T0);
        assertEquals(T0, added.conditions().get(0).lastTransitionTime());

        PodStatus same = PodConditions.updatePodCondition(added, scheduled, t1);
        assertEquals(added, same, "no change: upstream returns false");
        assertEquals(T0, same.conditions().get(0).lastTransitionTime());

        PodCondition newMessage = new PodCondition(PodConditionType.POD_SCHEDULED, ConditionStatus.FALSE, null, null,
                PodCondition.REASON_UNSCHEDULABLE, "0/4 nodes are available");
        PodStatus message = PodConditions.updatePodCondition(added, newMessage, t1);
        assertEquals(T0, message.conditions().get(0).lastTransitionTime(), "status unchanged: time kept");
        assertEquals("0/4 nodes are available", message.conditions().get(0).message());

        PodStatus flipped = PodConditions.updatePodCondition(message,
                PodCondition.of(PodConditionType.POD_SCHEDULED, ConditionStatus.TRUE, null), t1);
        assertEquals(1, flipped.conditions().size());
        assertEquals(t1, flipped.conditions().get(0).lastTransitionTime());
        assertTrue(flipped.conditions().get(0).isTrue());
        assertSame(PodStatus.EMPTY, empty);
    }

    @Test
    void sidecarsAreInitContainersWithRestartPolicyAlways() {
        assertTrue(PodConditions.isRestartableInitContainer(
                Container.builder().name("s").image("s:1").restartPolicy(RestartPolicy.ALWAYS).build()));
        assertFalse(PodConditions.isRestartableInitContainer(Container.of("i", "i:1")));
        assertFalse(PodConditions.isRestartableInitContainer(null));
    }
}
