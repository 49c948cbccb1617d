package io.ksim.apiserver.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A computed patch takes its original to its target: for JSON merge patches, and for strategic merge
 * patches on Pod-shaped objects (merging lists by key and as sets, retainKeys, replaced lists). Merging
 * scalar lists are generated sorted: upstream's diff sorts the original list in place, so a change of
 * {@code [b, a]} into {@code [a, b]} yields no patch.
 */
class PatchProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void mergePatchTakesOriginalToModified(@ForAll("objects") JsonNode a, @ForAll("objectsWithoutNulls") JsonNode b) {
        JsonNode before = a.deepCopy();
        JsonNode patch = JsonMergePatch.createMergePatch(a, b);
        assertEquals(b, JsonMergePatch.apply(a, patch));
        assertEquals(before, a);
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void twoWayPatchTakesOriginalToModified(@ForAll("pods") JsonNode a, @ForAll("pods") JsonNode b) {
        JsonNode before = a.deepCopy();
        JsonNode patch = StrategicMergePatch.createTwoWayMergePatch(a, b, PatchTypes.Pod.class);
        StrategicMergePatchCasesTest.same("two-way result", b, StrategicMergePatch.apply(a, patch, PatchTypes.Pod.class));
        assertEquals(before, a);
    }

    /** With the live object as last applied, kubectl apply's patch gives the new configuration. */
    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void threeWayPatchOnTheLastAppliedGivesModified(@ForAll("pods") JsonNode a, @ForAll("pods") JsonNode b) {
        JsonNode patch = StrategicMergePatch.createThreeWayMergePatch(a, b, a, PatchTypes.Pod.class);
        StrategicMergePatchCasesTest.same("three-way result", b,
                StrategicMergePatch.apply(a, patch, PatchTypes.Pod.class));
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void anEmptyTwoWayPatchChangesNothing(@ForAll("pods") JsonNode a) {
        JsonNode patch = StrategicMergePatch.createTwoWayMergePatch(a, a, PatchTypes.Pod.class);
        StrategicMergePatchCasesTest.same("self patch", a, StrategicMergePatch.apply(a, patch, PatchTypes.Pod.class));
        assertTrue(patch.isEmpty(), patch::toString);
    }

    @Provide
    Arbitrary<JsonNode> objects() {
        return json(3, true).map(PatchProperties::object);
    }

    @Provide
    Arbitrary<JsonNode> objectsWithoutNulls() {
        return json(3, false).map(PatchProperties::object);
    }

    private static JsonNode object(JsonNode n) {
        return n.isObject() ? n : NODES.objectNode().set("v", n);
    }

    private static Arbitrary<JsonNode> json(int depth, boolean nulls) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.of("a", "b", "").map(NODES::textNode),
                Arbitraries.integers().between(-2, 2).map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                nulls ? Arbitraries.just(NODES.nullNode()) : Arbitraries.just(NODES.textNode("x")));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = json(depth - 1, nulls);
        Arbitrary<JsonNode> map = Arbitraries.maps(Arbitraries.of("a", "b", "c", "d"), inner).ofMaxSize(4)
                .map(PatchProperties::objectOf);
        Arbitrary<JsonNode> list = inner.list().ofMaxSize(3).map(PatchProperties::arrayOf);
        return Arbitraries.frequencyOf(
                Tuple.of(3, scalar), Tuple.of(3, map), Tuple.of(1, list));
    }

    // Pod-shaped objects: keys unique within merging lists, as validation would have them.

    @Provide
    Arbitrary<JsonNode> pods() {
        Arbitrary<JsonNode> metadata = Combinators.combine(
                Arbitraries.maps(Arbitraries.of("app", "tier", "team"), Arbitraries.of("1", "2")).ofMaxSize(3).injectNull(0.3),
                Arbitraries.of("f/a", "f/b", "f/c", "f/d").list().uniqueElements().ofMaxSize(4).injectNull(0.3),
                Arbitraries.of("u1", "u2", "u3").list().uniqueElements().ofMaxSize(3).injectNull(0.5))
                .as((labels, finalizers, owners) -> {
                    ObjectNode m = NODES.objectNode().put("name", "web");
                    if (labels != null) {
                        m.set("labels", objectOf(Map.copyOf(labels).entrySet().stream()
                                .collect(Collectors.toMap(Map.Entry::getKey,
                                        e -> (JsonNode) NODES.textNode(e.getValue())))));
                    }
                    if (finalizers != null) {
                        // Sorted: upstream loses a reordering of a merging scalar list into sorted order.
                        m.set("finalizers", arrayOf(finalizers.stream().sorted()
                                .map(f -> (JsonNode) NODES.textNode(f)).toList()));
                    }
                    if (owners != null) {
                        m.set("ownerReferences", arrayOf(owners.stream().map(u -> (JsonNode) NODES.objectNode()
                                .put("apiVersion", "v1").put("kind", "ReplicaSet").put("name", "rs-" + u)
                                .put("uid", u)).toList()));
                    }
                    return m;
                });
        Arbitrary<JsonNode> spec = Combinators.combine(containers(), containers().injectNull(0.7), volumes().injectNull(0.4),
                Arbitraries.of("k1", "k2", "k3").list().ofMaxSize(2).injectNull(0.5),
                Arbitraries.of("Recreate", "RollingUpdate").injectNull(0.5))
                .as((containers, init, volumes, tolerations, strategy) -> {
                    ObjectNode s = NODES.objectNode();
                    s.set("containers", containers);
                    if (init != null) {
                        s.set("initContainers", init);
                    }
                    if (volumes != null) {
                        s.set("volumes", volumes);
                    }
                    if (tolerations != null) {
                        s.set("tolerations", arrayOf(tolerations.stream().map(k -> (JsonNode) NODES.objectNode()
                                .put("key", k).put("effect", "NoSchedule")).toList()));
                    }
                    if (strategy != null) {
                        ObjectNode st = NODES.objectNode().put("type", strategy);
                        if (strategy.equals("RollingUpdate")) {
                            st.set("rollingUpdate", NODES.objectNode().put("maxSurge", "25%"));
                        }
                        s.set("strategy", st);
                    }
                    return s;
                });
        return Combinators.combine(metadata, spec).as((m, s) -> {
            ObjectNode pod = NODES.objectNode().put("apiVersion", "v1").put("kind", "Pod");
            pod.set("metadata", m);
            pod.set("spec", s);
            return pod;
        });
    }

    private Arbitrary<JsonNode> containers() {
        Arbitrary<JsonNode> ports = Arbitraries.of(80, 443, 8080).list().uniqueElements().ofMaxSize(3)
                .map(ps -> arrayOf(ps.stream().map(p -> (JsonNode) NODES.objectNode().put("containerPort", p)
                        .put("protocol", "TCP")).toList()));
        Arbitrary<JsonNode> env = Combinators.combine(Arbitraries.of("A", "B", "C").list().uniqueElements().ofMaxSize(3),
                Arbitraries.of("1", "2")).as((names, v) -> arrayOf(names.stream()
                        .map(n -> (JsonNode) NODES.objectNode().put("name", n).put("value", v)).toList()));
        Arbitrary<JsonNode> args = Arbitraries.of("x", "y").list().ofMaxSize(3)
                .map(l -> arrayOf(l.stream().map(a -> (JsonNode) NODES.textNode(a)).toList()));
        return Combinators.combine(Arbitraries.of("app", "proxy", "init", "log").list().uniqueElements().ofMaxSize(3),
                Arbitraries.of("img:1", "img:2").injectNull(0.2), ports.injectNull(0.5), env.injectNull(0.5),
                args.injectNull(0.6))
                .as((names, image, p, e, a) -> arrayOf(names.stream().map(n -> {
                    ObjectNode c = NODES.objectNode().put("name", n);
                    if (image != null) {
                        c.put("image", image + "-" + n);
                    }
                    if (p != null) {
                        c.set("ports", p);
                    }
                    if (e != null) {
                        c.set("env", e);
                    }
                    if (a != null) {
                        c.set("args", a);
                    }
                    return (JsonNode) c;
                }).toList()));
    }

    private Arbitrary<JsonNode> volumes() {
        return Combinators.combine(Arbitraries.of("data", "cache", "token").list().uniqueElements().ofMaxSize(3),
                Arbitraries.of("emptyDir", "hostPath", "configMap").list().ofSize(3))
                .as((names, sources) -> {
                    ArrayNode out = NODES.arrayNode();
                    for (int i = 0; i < names.size(); i++) {
                        ObjectNode v = NODES.objectNode().put("name", names.get(i));
                        switch (sources.get(i)) {
                            case "emptyDir" -> v.set("emptyDir", NODES.objectNode());
                            case "hostPath" -> v.set("hostPath", NODES.objectNode().put("path", "/srv/" + names.get(i)));
                            default -> v.set("configMap", NODES.objectNode().put("name", "cm"));
                        }
                        out.add(v);
                    }
                    return out;
                });
    }

    private static JsonNode objectOf(Map<String, JsonNode> fields) {
        ObjectNode out = NODES.objectNode();
        new TreeMap<>(fields).forEach(out::set);
        return out;
    }

    private static ArrayNode arrayOf(List<JsonNode> items) {
        ArrayNode out = NODES.arrayNode();
        items.forEach(out::add);
        return out;
    }
}
