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
