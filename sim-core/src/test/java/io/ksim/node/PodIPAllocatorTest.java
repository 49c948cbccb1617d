package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PodIPAllocatorTest {

    @Test
    void startsAfterTheGatewayAndDoesNotReuseAtOnce() {
        PodIPAllocator ips = new PodIPAllocator("10.244.1.0/24");
        assertEquals("10.244.1.2", ips.allocate());
        assertEquals("10.244.1.3", ips.allocate());
        ips.release("10.244.1.2");
        assertEquals("10.244.1.4", ips.allocate());
    }

    @Test
    void wrapsAroundAndRunsOut() {
        PodIPAllocator ips = new PodIPAllocator("10.0.0.0/29"); // .2 .. .6 usable
        for (int i = 2; i <= 6; i++) {
            assertEquals("10.0.0." + i, ips.allocate());
        }
        assertNull(ips.allocate());
        ips.release("10.0.0.3");
        assertEquals("10.0.0.3", ips.allocate());
    }

    @Test
    void refusesMalformedCidrs() {
        assertThrows(IllegalArgumentException.class, () -> new PodIPAllocator("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> new PodIPAllocator("10.0.0.0/31"));
        assertThrows(IllegalArgumentException.class, () -> new PodIPAllocator("10.0.300.0/24"));
    }
}
