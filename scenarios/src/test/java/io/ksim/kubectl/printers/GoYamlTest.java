package io.ksim.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The expected texts are kubectl 1.32's own output for the same ConfigMap
 * ({@code kubectl create configmap x --from-literal=... --dry-run=client -o yaml}), which goes through
 * sigs.k8s.io/yaml and go-yaml v2's emitter as {@code get -o yaml} does.
 */
class GoYamlTest {

    private static final String[][] DATA = {
        {"a1", "true"}, {"a2", "123"}, {"a3", "a: b"}, {"a4", "*star"}, {"a5", "trail "}, {"a6", "line1\nline2"},
        {"a7", "line1\nline2\n"}, {"a8", "tab\there"}, {"a9", ""}, {"b1", "2024-01-01T00:00:00Z"}, {"b2", "on"},
        {"b3", "1.5"}, {"b4", "0x1F"}, {"b5", "10m"}, {"b6", "- item"}, {"b7", "#hash"}, {"b8", "a #b"},
        {"b9", "it's"},
        {"c1", "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption "
                + "victims found for incoming pod."},
        {"c2", "containers with unready status: [nginx] and a very long tail that keeps going past the eighty column "
                + "limit of the emitter"},
        {"c3", "émoji 😀 here"}, {"c4", " lead"}, {"c5", "\nstarts with newline"}, {"c6", "two\n\n"},
        {"item10", "x"}, {"item9", "y"}, {"Z_", "1"}, {"_a", "2"}, {"A", "3"}, {"c7", "null"}, {"c8", "~"},
        {"c9", "1_000"}, {"d1", "+1"}, {"d2", ".5"}, {"d3", "1e3"}, {"d4", "2024-01-01"}, {"d5", "12:30"},
        {"d6", "yes"}, {"d7", "Y"}, {"d8", "a\"quote"}, {"d9", "{json}"}, {"e1", "<html>&"},
        {"e2", "very long string with a tab\tinside that is beyond eighty characters for sure, yes indeed it is"},
        {"e3", "'single quoted looking string that is really long and must be folded somewhere past eighty'"},
    };

    private static final String EXPECTED = """
            apiVersion: v1
            data:
              _a: "2"
              A: "3"
              Z_: "1"
              a1: "true"
              a2: "123"
              a3: 'a: b'
              a4: '*star'
              a5: 'trail '
              a6: |-
                line1
                line2
              a7: |
                line1
                line2
              a8: "tab\\there"
              a9: ""
              b1: "2024-01-01T00:00:00Z"
              b2: "on"
              b3: "1.5"
              b4: "0x1F"
              b5: 10m
              b6: '- item'
              b7: '#hash'
              b8: 'a #b'
              b9: it's
              c1: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available:
                3 No preemption victims found for incoming pod.'
              c2: 'containers with unready status: [nginx] and a very long tail that keeps going
                past the eighty column limit of the emitter'
              c3: "émoji \\U0001F600 here"
              c4: ' lead'
              c5: |2-

                starts with newline
              c6: |+
                two

              c7: "null"
              c8: "~"
              c9: "1_000"
              d1: "+1"
              d2: ".5"
              d3: "1e3"
              d4: "2024-01-01"
              d5: "12:30"
              d6: "yes"
              d7: "Y"
              d8: a"quote
              d9: '{json}'
              e1: <html>&
              e2: "very long string with a tab\\tinside that is beyond eighty characters for sure,
                yes indeed it is"
              e3: '''single quoted looking string that is really long and must be folded somewhere
                past eighty'''
              item9: "y"
              item10: x
            kind: ConfigMap
            metadata:
              creationTimestamp: null
              name: x
            """;

    @Test
    void writesAConfigMapAsKubectlDoes() {
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("kind", "ConfigMap");
        cm.put("apiVersion", "v1");
        ObjectNode meta = cm.putObject("metadata");
        meta.put("name", "x");
        meta.putNull("creationTimestamp");
        ObjectNode data = cm.putObject("data");
        for (String[] kv : DATA) {
            data.put(kv[0], kv[1]);
        }
        assertEquals(EXPECTED, GoYaml.write(cm));
    }

    @Test
    void sequencesInMappingsAreNotIndentedAndEmptyCollectionsAreFlow() throws Exception {
        String json = "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":[{\"containerPort\":80}],\"resources\":{}}],"
                + "\"args\":[[\"x\",\"y\"]],\"empty\":[],\"n\":1.5}}";
        assertEquals("""
                spec:
                  args:
                  - - x
                    - "y"
                  containers:
                  - name: a
                    ports:
                    - containerPort: 80
                    resources: {}
                  empty: []
                  "n": 1.5
                """, GoYaml.write(new ObjectMapper().readTree(json)));
    }

    @Test
    void jsonEscapesAsGo() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("e1", "<html>&");
        o.put("c3", "émoji 😀 here");
        o.put("a8", "tab\there");
        o.put("q", "a\"b\\c");
        o.put("u", "\u2028x");
        assertEquals("""
                {
                    "a8": "tab\\there",
                    "c3": "émoji 😀 here",
                    "e1": "\\u003chtml\\u003e\\u0026",
                    "q": "a\\"b\\\\c",
                    "u": "\\u2028x"
                }""", GoJson.indent(o, "    "));
        assertEquals("{\"a\":[1,{}],\"b\":[]}", GoJson.compact(JsonNodeFactory.instance.objectNode()
                .<ObjectNode>set("b", JsonNodeFactory.instance.arrayNode())
                .set("a", JsonNodeFactory.instance.arrayNode().add(1).add(JsonNodeFactory.instance.objectNode()))));
    }

    /**
     * kubectl v1.32 is built with Go 1.23, whose encoding/json writes backspace and form feed by their letters (since
     * Go 1.22) and a lone surrogate, invalid UTF-8 in Go, as U+FFFD.
     */
    @Test
    void jsonEscapesBackspaceAndFormFeedByTheirLetters() {
        assertEquals("\"a\\bb\\fc\\u0007\\ufffd\"",
                GoJson.compact(JsonNodeFactory.instance.textNode("a\bb\fc\u0007\uD800")));
    }

    @Test
    void jsonOfAGoStructKeepsTheFieldOrder() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", "Pod");
        o.put("apiVersion", "v1");
        o.putObject("metadata").put("name", "web").put("creationTimestamp", (String) null);
        assertEquals("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\",\"creationTimestamp\":null}}",
                GoJson.compactInOrder(o));
        assertEquals("""
                {
                    "kind": "Pod",
                    "apiVersion": "v1",
                    "metadata": {
                        "name": "web",
                        "creationTimestamp": null
                    }
                }""", GoJson.indentInOrder(o, "    "));
    }

    /**
     * The {@code generator-N.json}/{@code generator-N.yaml} pairs are kubectl 1.32's {@code --dry-run=client -o json}
     * and {@code -o yaml} of the same object ({@code create job} with a long command, {@code create deployment
     * --port}, {@code create cronjob}, {@code create secret generic} and {@code create configmap} with multi-line
     * values): the YAML written from the JSON must be kubectl's YAML byte for byte.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5})
    void writesWhatKubectlWritesForItsGenerators(int n) throws Exception {
        try (var json = getClass().getResourceAsStream("generator-" + n + ".json");
                var yaml = getClass().getResourceAsStream("generator-" + n + ".yaml")) {
            assertEquals(new String(yaml.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    GoYaml.write(new ObjectMapper().readTree(json)));
        }
    }

    private static String yaml(String json) throws Exception {
        return GoYaml.write(new ObjectMapper().readTree(json));
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
        keys.sort(GoYamlRules::compareKeys);
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
