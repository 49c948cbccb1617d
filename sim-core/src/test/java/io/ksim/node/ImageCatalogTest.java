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
    })
    void refusesMalformedDeclarations(String line) {
        assertThrows(IllegalArgumentException.class, () -> ImageCatalog.parseLine(line));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0s",
        "1500, 1.5s",
        "500, 500ms",
        "90000, 1m30s",
        "3600000, 1h0m0s",
        "2250, 2.25s",
    })
    void formatsDurationsAsGo(long millis, String expected) {
        assertEquals(expected, GoDuration.format(Duration.ofMillis(millis)));
        assertEquals(Duration.ofMillis(millis), GoDurations.parse(expected));
    }
}
