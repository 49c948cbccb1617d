package io.ksim.controller.nodelifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.controller.ControllerContext;
import io.ksim.kernel.Kernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream node_lifecycle_controller.go ComputeZoneState and setLimiterInZone / ReducedQPSFunc. */
class ZoneStateTest {

    @ParameterizedTest(name = "{0} ready, {1} not ready -> {2}")
    @CsvSource({
            "3, 0, NORMAL",
            "0, 1, FULL_DISRUPTION",
            "0, 0, NORMAL",
            "2, 2, NORMAL",          // not more than two not-ready nodes
            "2, 3, PARTIAL_DISRUPTION", // 3/5 = 0.6 >= 0.55
            "3, 3, NORMAL",          // 0.5 < 0.55
            "1, 9, PARTIAL_DISRUPTION"})
    void computeZoneState(int ready, int notReady, ZoneState expected) {
        assertEquals(expected, ZoneState.compute(ready, notReady, 0.55));
    }

    @Test
    void partialDisruptionStopsSmallZonesAndSlowsLargeOnes() {
        Kernel kernel = Kernel.builder().seed(1).build();
        var api = io.ksim.apiserver.registry.KubeApiServer.start(kernel,
                io.ksim.store.MvccStore.builder(kernel).build());
        NodeLifecycleController c = new NodeLifecycleController(ControllerContext.of(kernel, api));
        assertEquals(0.1, c.rate(ZoneState.NORMAL, 3));
        assertEquals(0.1, c.rate(ZoneState.FULL_DISRUPTION, 3));
        assertEquals(0.0, c.rate(ZoneState.PARTIAL_DISRUPTION, 50));
        assertEquals(0.01, c.rate(ZoneState.PARTIAL_DISRUPTION, 51));
    }
}
