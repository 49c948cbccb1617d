package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import org.junit.jupiter.api.Test;

/** The YAML that {@code -o yaml} prints, as go-yaml v2 writes it for kubectl. */
class KubectlYamlTest {

    private static String yaml(String json) throws Exception {
        JsonNode n = KubeJson.json().readTree(json);
        return KubectlYaml.write(n);
    }

    @Test
    void scalarsAreQuotedOnlyWhereGoYamlQuotesThem() throws Exception {
        assertEquals("""
                a: "80"
                b: "true"
                c: "no"
                d: ""
                e: "2025-01-01T00:00:00Z"
                f: '*'
                g: 'a: b'
                h: 80-8080
                i: nginx:1.25
                j: "1.5"
                k: '#x'
                l: a#b
                m: null
                "n": 1
                o: "0x1F"
                p: ' padded'
                q: "tab\\there"
                """, yaml("{\"a\":\"80\",\"b\":\"true\",\"c\":\"no\",\"d\":\"\",\"e\":\"2025-01-01T00:00:00Z\","
                + "\"f\":\"*\",\"g\":\"a: b\",\"h\":\"80-8080\",\"i\":\"nginx:1.25\",\"j\":\"1.5\",\"k\":\"#x\","
                + "\"l\":\"a#b\",\"m\":null,\"n\":1,\"o\":\"0x1F\",\"p\":\" padded\",\"q\":\"tab\\there\"}"));
    }

    @Test
    void nestingListsAndEmptyValues() throws Exception {
        assertEquals("""
                empty: []
                items:
                - - a
                  - b
                - {}
                - name: x
                  ports:
                  - 80
                none: {}
                """, yaml("{\"items\":[[\"a\",\"b\"],{},{\"name\":\"x\",\"ports\":[80]}],\"empty\":[],\"none\":{}}"));
    }

    @Test
    void keysSortAsGoYamlSortsThem() {
        java.util.List<String> keys = new java.util.ArrayList<>(java.util.List.of("resources", "resourceNames", "a10",
                "a9", "a_b", "aB", "app", "app.kubernetes.io/name"));
        keys.sort(KubectlYaml::compareKeys);
        assertEquals(java.util.List.of("a_b", "a9", "a10", "aB", "app", "app.kubernetes.io/name", "resourceNames",
                "resources"), keys);
    }

    @Test
    void textWithLineBreaksIsALiteralBlock() throws Exception {
        assertEquals("""
                metadata:
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: |
                      {"apiVersion":"v1"}
                    two: |-
                      a
                      b
                """, yaml("{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
                + "\"{\\\"apiVersion\\\":\\\"v1\\\"}\\n\",\"two\":\"a\\nb\"}}}"));
    }

    @Test
    void longPlainTextFoldsAtASpacePastColumnEighty() throws Exception {
        String message = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
                + "2 Insufficient cpu.";
        assertEquals("""
                status:
                  message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
                    }, 2 Insufficient cpu.'
                """, yaml("{\"status\":{\"message\":\"" + message + "\"}}"));
    }
}
