package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {

    @ParameterizedTest
    @CsvSource({
        "nginx, docker.io/library/nginx:latest",
        "nginx:1.25, docker.io/library/nginx:1.25",
        "bitnami/redis:7, docker.io/bitnami/redis:7",
        "registry.k8s.io/pause:3.10, registry.k8s.io/pause:3.10",
        "localhost:5000/app, localhost:5000/app:latest",
    })
    void normalizesAsTheRuntime(String image, String expected) {
        assertEquals(expected, ImageCatalog.normalize(image));
    }

    @Test
    void parsesDeclarations() {
        ImageModel m = ImageCatalog.parseLine("nginx:1.25 size=20Mi start=500ms ready=2s # web");
        assertEquals("docker.io/library/nginx:1.25", m.reference());
        assertEquals(20L * 1024 * 1024, m.sizeBytes());
        assertEquals(Duration.ofMillis(500), m.startDelay());
        assertEquals(Duration.ofSeconds(2), m.readyAfter());
        assertTrue(m.runsForever());
        assertEquals(Duration.ofSeconds(2), m.pullTime(10L * 1024 * 1024));

        ImageModel job = ImageCatalog.parseLine("busybox:1.36 exit=0 after=1m30s ready=never sigterm=ignore");
        assertEquals(0, job.exitCode());
        assertEquals(Duration.ofSeconds(90), job.exitAfter());
        assertNull(job.readyAfter());
        assertTrue(job.ignoresSigterm());
        assertFalse(job.runsForever());
    }

    @Test
    void parsesHealthPullAndHookBehaviour() {
        ImageModel m = ImageCatalog.parseLine("app:1 healthy=5s unhealthy=1m respond=1500ms pull=fail:2"
                + " poststart=3s prestop=fail");
        assertEquals(new ImageModel.Health(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(1500)),
                m.health());
        assertEquals(2, m.failingPulls());
        assertEquals(new ImageModel.Hook(Duration.ofSeconds(3), false), m.postStart());
        assertEquals(new ImageModel.Hook(Duration.ZERO, true), m.preStop());
        assertEquals(ImageModel.ALWAYS_FAILS, ImageCatalog.parseLine("ghost:1 pull=fail").failingPulls());
        ImageModel plain = ImageCatalog.parseLine("plain:1");
        assertEquals(ImageModel.Health.ALWAYS, plain.health());
        assertEquals(0, plain.failingPulls());
        assertTrue(plain.health().isHealthy(Duration.ofDays(1)));
        assertFalse(m.health().isHealthy(Duration.ofSeconds(60)));
        assertTrue(m.health().isHealthy(Duration.ofSeconds(5)));
    }

    @Test
    void undeclaredImagesUseTheDefaults() {
        ImageCatalog catalog = ImageCatalog.builder().build();
        assertEquals(Duration.ofSeconds(1), catalog.pullTime("anything:1"));
        assertEquals(Duration.ofSeconds(1), catalog.model("anything:1").startDelay());
        assertEquals(Duration.ZERO, catalog.model("anything:1").readyAfter());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "nginx size",
        "nginx exit=1",
        "nginx after=3s",
        "nginx colour=red",
        "nginx start=3 s",
        "nginx sigterm=maybe",
        "nginx pull=maybe",
        "nginx pull=fail:-1",
        "nginx healthy=soon",
        "nginx poststart=later",
        "nginx start=-1s",
    })
    void refusesMalformedDeclarations(String line) {
        assertThrows(IllegalArgumentException.class, () -> ImageCatalog.parseLine(line));
    }
}
