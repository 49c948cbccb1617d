package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ksim.api.core.ContainerStateWaiting;
import io.ksim.api.core.PodPhase;
import org.junit.jupiter.api.Test;

/**
 * Image pull failures: ErrImagePull, then ImagePullBackOff while the image back-off (10 s doubling to
 * 300 s, upstream pkg/kubelet/images/image_manager.go with kubelet.go's backOffPeriod and
 * MaxContainerBackOff) runs, retried at the pod worker's 10 s re-sync (pkg/kubelet/pod_workers.go).
 */
class ImagePullBackOffTest {

    private static final String GHOST = "docker.io/library/ghost:1";
    private final TestCluster cluster = new TestCluster(5);

    /**
     * Attempts every 10 s; a failure at t arms the back-off from t, so: failures at 0 (10 s), 10 (20 s),
     * 30 (40 s), 70 (80 s), back-off at 20, 40, 50, 60.
     */
    @Test
    void aPullThatAlwaysFailsAlternatesErrImagePullAndImagePullBackOff() {
        cluster.createPod("ghost-1", "node-1", "ghost:1", null);
        String error = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + GHOST
                + "\": failed to resolve reference \"" + GHOST + "\": " + GHOST + ": not found";
        String backOff = "Back-off pulling image \"ghost:1\": ErrImagePull: " + error;
        Object[][] timeline = {
            {0.0, "ErrImagePull", error},
            {10.0, "ErrImagePull", error},
            {20.0, "ImagePullBackOff", backOff},
            {30.0, "ErrImagePull", error},
            {40.0, "ImagePullBackOff", backOff},
            {60.0, "ImagePullBackOff", backOff},
            {70.0, "ErrImagePull", error},
            {80.0, "ImagePullBackOff", backOff},
        };
        for (Object[] step : timeline) {
            cluster.runUntil((double) step[0]);
            ContainerStateWaiting w = cluster.pod("ghost-1").status().containerStatuses().get(0).state().waiting();
            assertEquals(step[1], w.reason(), "at " + step[0] + " s");
            assertEquals(step[2], w.message(), "at " + step[0] + " s");
        }
        assertEquals(PodPhase.PENDING, cluster.pod("ghost-1").status().phase());
        assertEquals(4, cluster.eventCount("ghost-1", "Failed to pull image \"ghost:1\": " + error));
        assertEquals(4, cluster.eventCount("ghost-1", "Error: ErrImagePull"));
        assertEquals(5, cluster.eventCount("ghost-1", "Back-off pulling image \"ghost:1\""));
        assertEquals(5, cluster.eventCount("ghost-1", "Error: ImagePullBackOff"));
        assertEquals(4, cluster.eventCount("ghost-1", "Pulling image \"ghost:1\""));
    }

    /** flakyreg:1 fails its first two pulls: at 0 and 10; back-off at 20; pulled 30..31; running at 32. */
    @Test
    void aPullThatSucceedsAtLastStartsTheContainer() {
        cluster.createPod("flakyreg-1", "node-1", "flakyreg:1", null);
        cluster.runUntil(31.9);
        assertEquals(PodPhase.PENDING, cluster.pod("flakyreg-1").status().phase());
        cluster.runUntil(32);
        assertEquals(PodPhase.RUNNING, cluster.pod("flakyreg-1").status().phase());
        assertNotNull(cluster.pod("flakyreg-1").status().containerStatuses().get(0).state().running());
        assertEquals(1, cluster.eventCount("flakyreg-1",
                "Successfully pulled image \"flakyreg:1\" in 1s (1s including waiting). Image size: 10485760 bytes."));
        assertEquals(0, cluster.pod("flakyreg-1").status().containerStatuses().get(0).restartCount());
    }

    @Test
    void anUntaggedImageIsNamedWithLatest() {
        assertEquals("nginx:latest", ImageManager.withDefaultTag("nginx"));
        assertEquals("localhost:5000/app:latest", ImageManager.withDefaultTag("localhost:5000/app"));
        assertEquals("nginx:1.25", ImageManager.withDefaultTag("nginx:1.25"));
        assertEquals("nginx@sha256:abc", ImageManager.withDefaultTag("nginx@sha256:abc"));
    }

    @Test
    void aRetryThatFellDueWhileTheKubeletWasStoppedRunsOnStart() {
        cluster.createPod("flakyreg-1", "node-1", "flakyreg:1", null);
        cluster.runUntil(5);
        cluster.kubelet(1).stop();
        cluster.runUntil(50);
        cluster.kubelet(1).start(); // attempt at 50: the second failure, back-off 20 s from 50
        cluster.runUntil(50);
        assertEquals("ErrImagePull", cluster.pod("flakyreg-1").status().containerStatuses().get(0).state().waiting()
                .reason());
        cluster.runUntil(62); // 60: in back-off (20 s from 50); 70: pulled 70..71, running 72
        assertEquals(PodPhase.PENDING, cluster.pod("flakyreg-1").status().phase());
        cluster.runUntil(72);
        assertEquals(PodPhase.RUNNING, cluster.pod("flakyreg-1").status().phase());
    }
}
