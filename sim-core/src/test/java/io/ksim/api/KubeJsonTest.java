package io.ksim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeJsonTest {

    /** What formatTime wrote before it formatted digit by digit: the reference its output must equal. */
    private static final java.time.format.DateTimeFormatter REFERENCE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(java.time.ZoneOffset.UTC);

    @Test
    void formatTimeIsRfc3339InUtcTruncatedToSeconds() {
        assertEquals("2025-01-01T00:00:07Z", KubeJson.formatTime(Instant.parse("2025-01-01T00:00:07.999999999Z")));
        assertEquals("1970-01-01T00:00:00Z", KubeJson.formatTime(Instant.EPOCH));
        assertEquals("1969-12-31T23:59:59Z", KubeJson.formatTime(Instant.EPOCH.minusNanos(1)));
        assertEquals("2024-02-29T23:59:59Z", KubeJson.formatTime(Instant.parse("2024-02-29T23:59:59.5Z")));
        assertEquals("0001-01-01T00:00:00Z", KubeJson.formatTime(Instant.parse("0001-01-01T00:00:00Z")));
        assertEquals("9999-12-31T23:59:59Z", KubeJson.formatTime(Instant.parse("9999-12-31T23:59:59Z")));
    }

    @Test
    void formatTimeMatchesTheFormatterOnEveryYear() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertEquals(REFERENCE.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), KubeJson.formatTime(t),
                    t.toString());
        }
        for (String edge : List.of("0000-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "-0001-06-01T12:00:00Z")) {
            Instant t = Instant.parse(edge.startsWith("1") && edge.length() > 20 ? "+" + edge : edge);
            assertEquals(REFERENCE.format(t), KubeJson.formatTime(t), edge);
        }
    }

    @Test
    void metadataPrintsSortedWithEmptyFieldsOmittedAndSecondPrecisionTimes() throws Exception {
        ObjectMeta meta = ObjectMeta.builder().namespace("default").name("web")
                .labels(Map.of("tier", "front", "app", "web"))
                .creationTimestamp(Instant.parse("2025-01-01T00:00:07.123456Z"))
                .ownerReferences(List.of(OwnerReference.controllerOf("apps/v1", "ReplicaSet", "web-7c9f", "u-1")))
                .build();
        assertEquals("{\"creationTimestamp\":\"2025-01-01T00:00:07Z\",\"labels\":{\"app\":\"web\",\"tier\":\"front\"},"
                + "\"name\":\"web\",\"namespace\":\"default\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\","
                + "\"blockOwnerDeletion\":true,\"controller\":true,\"kind\":\"ReplicaSet\",\"name\":\"web-7c9f\","
                + "\"uid\":\"u-1\"}]}", KubeJson.json().writeValueAsString(meta));
    }

    @Test
    void yamlRoundTripKeepsTheValue() throws Exception {
        ObjectMeta meta = ObjectMeta.builder().name("web").annotations(Map.of("b", "2", "a", "1"))
                .creationTimestamp(Instant.parse("2025-01-01T10:00:00Z")).build();
        String yaml = KubeJson.yaml().writeValueAsString(meta);
        assertEquals("annotations:\n  a: \"1\"\n  b: \"2\"\ncreationTimestamp: 2025-01-01T10:00:00Z\nname: web\n", yaml);
        assertEquals(meta, KubeJson.yaml().readValue(yaml, ObjectMeta.class));
    }

    @Test
    void unknownFieldsAreAllReportedWithUpstreamPaths() throws Exception {
        String yaml = """
                name: web
                nmae: typo
                ownerReferences:
                - apiVersion: v1
                  kind: Node
                  name: n1
                  uid: u
                  controler: true
                """;
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            ObjectMeta meta = KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, ObjectMeta.class, unknown);
            assertEquals("web", meta.name());
        }
        assertEquals(List.of("nmae", "ownerReferences[0].controler"), unknown);
    }
}
