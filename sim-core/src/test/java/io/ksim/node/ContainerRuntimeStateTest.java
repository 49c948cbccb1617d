package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The kubelet's runtime errors over time (upstream pkg/kubelet/runtime.go runtimeErrors with the generic PLEG's
 * Healthy check): status checks every 5 s, a 30 s threshold; relists every second, a 3-minute threshold.
 */
class ContainerRuntimeStateTest {

    private static long s(double seconds) {
        return (long) (seconds * 1e9);
    }

    @Test
    void downAfterThirtySecondsOfFailedChecksThenPlegAfterThreeMinutes() {
        ContainerRuntimeState state = new ContainerRuntimeState();
        state.processStarted(s(0));
        assertNull(state.errors(s(0)));
        state.stop(s(12)); // last good check at 10 s, last good relist at 11 s
        assertNull(state.errors(s(39.9)));
        assertEquals("container runtime is down", state.errors(s(40)));
        assertEquals("container runtime is down", state.errors(s(191)));
        assertEquals("[container runtime is down, PLEG is not healthy: pleg was last seen active 3m0.5s ago; "
                + "threshold is 3m0s]", state.errors(s(191.5)));
        state.start(s(200));
        assertEquals(s(200), state.podSyncResumesAt());
        assertNull(state.errors(s(200)));
    }

    @Test
    void comingBackBetweenChecksWaitsForTheNextCheck() {
        ContainerRuntimeState state = new ContainerRuntimeState();
        state.processStarted(s(0));
        state.stop(s(3));
        state.start(s(61));
        assertEquals(s(65), state.podSyncResumesAt());
        assertEquals("container runtime is down", state.errors(s(64)));
        assertNull(state.errors(s(65)));
    }

    @Test
    void aKubeletStartedWhileTheRuntimeIsDownHasNoGoodCheckYet() {
        ContainerRuntimeState state = new ContainerRuntimeState();
        state.processStarted(s(0));
        state.stop(s(7));
        state.processStarted(s(20));
        assertEquals("[container runtime status check may not have completed yet, PLEG is not healthy: pleg has yet "
                + "to be successful]", state.errors(s(20)));
        state.start(s(22));
        assertNull(state.errors(s(25)));
    }
}
