package io.ksim.network.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bitmap allocators of pkg/registry/core/service/ipallocator (bitmap.go, bitmap_test.go) and
 * portallocator (allocator.go, allocator_test.go): bounds, static bands, errors.
 */
class AllocatorTest {

    @ParameterizedTest(name = "{0} -> static band {1}")
    @CsvSource({
            // ipallocator TestCalculateRangeOffset: cidr size -> offset
            "16, 0", "32, 16", "64, 16", "256, 16", "1024, 64", "4096, 256", "1048576, 256"})
    void clusterIPStaticBand(long size, int band) {
        assertEquals(band, ClusterIPAllocator.staticBand(size));
    }

    @ParameterizedTest(name = "{0} ports -> static band {1}")
    @CsvSource({
            // portallocator TestCalculateRangeOffset: range size -> offset
            "16, 0", "17, 16", "512, 16", "2768, 86", "4096, 128", "65535, 128"})
    void nodePortStaticBand(int size, int band) {
        assertEquals(band, NodePortAllocator.staticBand(size));
    }

    @Test
    void defaultServiceRangeBoundsAndErrors() {
        ClusterIPAllocator a = new ClusterIPAllocator("10.96.0.0/12", new SplittableRandom(1));
        assertEquals(1048574, a.usable());
        assertEquals("10.96.0.1", a.address(1));
        assertTrue(a.allocate("10.96.0.1").ok());
        assertEquals("provided IP is already allocated", a.allocate("10.96.0.1").error());
        assertEquals("the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
                a.allocate("10.96.0.0").error());
        assertEquals("the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is "
                + "10.96.0.0/12", a.allocate("10.111.255.255").error());
        assertTrue(a.allocate("10.111.255.254").ok());
        assertEquals("the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
                a.allocate("1.1.1.1").error());
        a.release("10.96.0.1");
        assertFalse(a.has("10.96.0.1"));
        assertTrue(a.allocate("10.96.0.1").ok());
    }

    @Test
    void dynamicIPsComeFromTheUpperBandFirstThenTheStaticOneThenFull() {
        // A /27 has 30 usable addresses and a static band of 16 (offsets 0..15 = .1 to .16).
        ClusterIPAllocator a = new ClusterIPAllocator("192.168.1.0/27", new SplittableRandom(7));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 14; i++) {
            String ip = a.allocateNext().value();
            assertFalse(a.inStaticBand(ip), ip);
            assertTrue(seen.add(ip));
        }
        for (int i = 0; i < 16; i++) {
            String ip = a.allocateNext().value();
            assertTrue(a.inStaticBand(ip), ip);
            assertTrue(seen.add(ip));
        }
        assertEquals("range is full", a.allocateNext().error());
        assertEquals(0, a.free());
    }

    @Test
    void nodePortsBandsAndErrors() {
        NodePortAllocator a = new NodePortAllocator("30000-32767", new SplittableRandom(3));
        assertEquals(30085, a.staticBandEnd());
        for (int i = 0; i < 200; i++) {
            int port = a.allocateNext().value();
            assertTrue(port >= 30086 && port <= 32767, "dynamic port " + port);
        }
        assertTrue(a.allocate(30080).ok());
        assertEquals("provided port is already allocated", a.allocate(30080).error());
        assertEquals("provided port is not in the valid range. The range of valid ports is 30000-32767",
                a.allocate(8080).error());
        assertEquals("provided port is not in the valid range. The range of valid ports is 30000-32767",
                a.allocate(32768).error());
    }

    @Test
    void smallPortRangeFillsUp() {
        NodePortAllocator a = new NodePortAllocator("30000-30003", new SplittableRandom(3));
        for (int i = 0; i < 4; i++) {
            assertTrue(a.allocateNext().ok());
        }
        assertEquals("range is full", a.allocateNext().error());
        a.release(30002);
        assertEquals(30002, a.allocateNext().value());
    }

    @Test
    void sameSeedSamePicks() {
        ClusterIPAllocator a = new ClusterIPAllocator("10.96.0.0/12", new SplittableRandom(99));
        ClusterIPAllocator b = new ClusterIPAllocator("10.96.0.0/12", new SplittableRandom(99));
        for (int i = 0; i < 20; i++) {
            assertEquals(a.allocateNext().value(), b.allocateNext().value());
        }
    }
}
