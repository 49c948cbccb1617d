package io.ksim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown fields whose values are objects or arrays are reported at their own path, once, in input order. */
class UnknownFieldPathTest {

    @Test
    void objectAndArrayValuedUnknownFieldsHaveTheirOwnPath() throws Exception {
        String yaml = """
                labelz:
                  app: web
                name: web
                finalizerz:
                - example.com/f
                ownerReferences:
                - apiVersion: v1
                  kind: Node
                  name: n1
                  uid: u
                  extra:
                    nested: [1, 2]
                  tags: [a]
                """;
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            ObjectMeta meta = KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, ObjectMeta.class, unknown);
            assertEquals("web", meta.name());
            assertEquals("n1", meta.ownerReferences().get(0).name());
        }
        assertEquals(List.of("labelz", "finalizerz", "ownerReferences[0].extra", "ownerReferences[0].tags"), unknown);
    }
}
