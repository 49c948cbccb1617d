package io.ksim.scheduler.plugins;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static io.ksim.scheduler.plugins.PluginTesting.list;
import static io.ksim.scheduler.plugins.PluginTesting.nodeInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.scheduler.framework.NodeInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In the manner of upstream pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go. */
class ImageLocalityTest {

    private static final long MB = 1024 * 1024;

    @Test
    void scoresBySizeTimesSpread() {
        Pod p = pod("p").container(Container.of("a", "gcr.io/40")).container(Container.of("b", "gcr.io/300")).build();
        List<NodeInfo> nodes = list(
                nodeInfo(node("n1").image(40 * MB, "gcr.io/40:latest", "gcr.io/40:v1").image(250 * MB, "gcr.io/250:latest").build()),
                nodeInfo(node("n2").image(300 * MB, "gcr.io/300:latest", "gcr.io/300:v1").build()));
        ImageLocality pl = new ImageLocality(() -> 2, name -> 1);
        long[] got = PluginTesting.scores(pl, p, nodes);
        // n1: 40MB * 1/2 = 20MB < 23MB -> 0; n2: 300MB / 2 = 150MB -> 100 * (150 - 23) / (2000 - 23) = 6
        assertArrayEquals(new long[] {0, 6}, got);
    }

    @Test
    void imagesWithoutTagAreLatest() {
        assertEquals("nginx:latest", ImageLocality.normalizedImageName("nginx"));
        assertEquals("gcr.io:5000/x:latest", ImageLocality.normalizedImageName("gcr.io:5000/x"));
        assertEquals("nginx:1.25", ImageLocality.normalizedImageName("nginx:1.25"));
    }
}
