package io.ksim.apiserver.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The table cases of the resource files {@code smp-*.yaml}: two-way patches, three-way patches as
 * {@code kubectl apply} makes them, hand-written patches and their errors. Each case checks the computed
 * patches against upstream's exactly (list order included) and that applying them gives the expected
 * objects.
 */
class StrategicMergePatchCasesTest {

    @TestFactory
    Stream<DynamicTest> mapsAndDirectives() throws IOException {
        return cases("smp-maps-and-directives.yaml", PatchTypes.MergeItem.class);
    }

    @TestFactory
    Stream<DynamicTest> mergingLists() throws IOException {
        return cases("smp-merging-lists.yaml", PatchTypes.MergeItem.class);
    }

    @TestFactory
    Stream<DynamicTest> order() throws IOException {
        return cases("smp-order.yaml", PatchTypes.MergeItem.class);
    }

    @TestFactory
    Stream<DynamicTest> retainKeys() throws IOException {
        return cases("smp-retain-keys.yaml", PatchTypes.MergeItem.class);
    }

    @TestFactory
    Stream<DynamicTest> pod() throws IOException {
        return cases("smp-pod.yaml", PatchTypes.Pod.class);
    }

    private Stream<DynamicTest> cases(String resource, Type type) throws IOException {
        JsonNode all;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            all = KubeJson.yaml().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> check(c, type)));
        }
        return tests.stream();
    }

    private static void check(JsonNode c, Type type) {
        JsonNode original = c.get("original");
        JsonNode patch = c.get("twoWay");
        if (c.path("applyOnly").asBoolean()) {
            if (c.has("error")) {
                PatchException e = assertThrows(PatchException.class,
                        () -> StrategicMergePatch.apply(original, patch, type));
                assertTrue(e.getMessage().contains(c.get("error").asText()), e.getMessage());
            } else {
                same("applied", c.get("modified"), StrategicMergePatch.apply(original, patch, type));
            }
            return;
        }
        JsonNode modified = c.get("modified");
        same("two-way patch", patch, StrategicMergePatch.createTwoWayMergePatch(original, modified, type));
        same("two-way result", c.has("twoWayResult") ? c.get("twoWayResult") : modified,
                StrategicMergePatch.apply(original, patch, type));
        if (!c.has("current")) {
            return;
        }
        JsonNode current = c.get("current");
        JsonNode threeWay = c.get("threeWay");
        same("three-way patch", threeWay,
                StrategicMergePatch.createThreeWayMergePatch(original, modified, current, type));
        same("three-way result", c.get("result"), StrategicMergePatch.apply(current, threeWay, type));
        if (c.path("conflict").asBoolean()) {
            PatchException e = assertThrows(PatchException.class,
                    () -> StrategicMergePatch.createThreeWayMergePatch(original, modified, current, type, false));
            assertEquals(PatchException.Kind.CONFLICT, e.kind());
        } else {
            same("three-way patch without overwrite", threeWay,
                    StrategicMergePatch.createThreeWayMergePatch(original, modified, current, type, false));
        }
    }

    /** Equal as decoded JSON: map order ignored, list order not, numbers by Go type and value. */
    static void same(String what, JsonNode expected, JsonNode actual) {
        if (!GoJson.deepEqual(expected, actual)) {
            fail(what + "\nexpected: " + GoJson.sortedCopy(expected) + "\nactual:   " + GoJson.sortedCopy(actual));
        }
    }
}
