package io.ksim.apiserver.patch;

import static io.ksim.apiserver.patch.JsonPatchTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.patch.PatchTypes.Container;
import io.ksim.apiserver.patch.PatchTypes.Pod;
import io.ksim.apiserver.patch.PatchTypes.PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API around the table cases: records in and out, inputs untouched, error kinds, output form. */
class StrategicMergePatchTest {

    private static Pod pod(List<String> finalizers, Container... containers) {
        ObjectMeta meta = ObjectMeta.builder().namespace("default").name("web").finalizers(finalizers).build();
        return new Pod("v1", "Pod", meta, new PodSpec(null, null, List.of(containers), null, null, null, null));
    }

    private static Container container(String name, String image) {
        return new Container(name, image, null, null, null, null);
    }

    @Test
    void patchesARecordAsTheApiServerWill() throws Exception {
        Pod live = pod(List.of("a"), container("app", "app:1"), container("proxy", "envoy:1"));
        JsonNode tree = KubeJson.json().valueToTree(live);
        JsonNode patch = json("{\"metadata\":{\"finalizers\":[\"b\"]},"
                + "\"spec\":{\"containers\":[{\"name\":\"proxy\",\"image\":\"envoy:2\"}]}}");
        Pod patched = KubeJson.json().treeToValue(StrategicMergePatch.apply(tree, patch, Pod.class), Pod.class);
        // The new finalizer goes first: upstream places patch items before live-only items it cannot
        // order against them (none of the patch's items is in the live list).
        assertEquals(pod(List.of("b", "a"), container("app", "app:1"), container("proxy", "envoy:2")), patched);
        assertEquals(KubeJson.json().valueToTree(live), tree, "input untouched");
    }

    @Test
    void twoWayPatchOfTwoRecords() {
        JsonNode a = KubeJson.json().valueToTree(pod(List.of("x", "y"), container("app", "app:1")));
        JsonNode b = KubeJson.json().valueToTree(pod(List.of("y"), container("app", "app:2"), container("c", null)));
        JsonNode patch = StrategicMergePatch.createTwoWayMergePatch(a, b, Pod.class);
        assertEquals(json("{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"x\"],"
                + "\"$setElementOrder/finalizers\":[\"y\"]},\"spec\":{\"$setElementOrder/containers\":"
                + "[{\"name\":\"app\"},{\"name\":\"c\"}],\"containers\":[{\"image\":\"app:2\",\"name\":\"app\"},"
                + "{\"name\":\"c\"}]}}"), patch);
        assertEquals(b, StrategicMergePatch.apply(a, patch, Pod.class));
    }

    @Test
    void patchKeysComeOutSortedAsGoWritesThem() {
        JsonNode patch = StrategicMergePatch.createTwoWayMergePatch(json("{\"kind\":\"a\",\"apiVersion\":\"x\"}"),
                json("{\"kind\":\"b\",\"apiVersion\":\"y\"}"), Pod.class);
        assertEquals("{\"apiVersion\":\"y\",\"kind\":\"b\"}", patch.toString());
    }

    @Test
    void anUnchangedUnsortedScalarListStillGetsItsOrder() {
        // Upstream sorts the original list in place while diffing, then sees it as reordered.
        JsonNode a = json("{\"metadata\":{\"finalizers\":[\"b\",\"a\"]}}");
        assertEquals(json("{\"metadata\":{\"$setElementOrder/finalizers\":[\"b\",\"a\"]}}"),
                StrategicMergePatch.createTwoWayMergePatch(a, a, Pod.class));
    }

    @Test
    void aScalarListReorderedIntoSortedOrderGetsNoPatch() {
        // The same in-place sort: the original now equals the modified list.
        assertEquals(json("{}"), StrategicMergePatch.createTwoWayMergePatch(
                json("{\"metadata\":{\"finalizers\":[\"b\",\"a\"]}}"),
                json("{\"metadata\":{\"finalizers\":[\"a\",\"b\"]}}"), Pod.class));
    }

    @Test
    void nullDocumentsAreEmptyObjects() {
        assertEquals(json("{\"kind\":\"Pod\"}"),
                StrategicMergePatch.apply(NullNode.getInstance(), json("{\"kind\":\"Pod\"}"), Pod.class));
        assertEquals(json("{\"kind\":\"Pod\"}"), StrategicMergePatch.apply(json("{\"kind\":\"Pod\"}"), null, Pod.class));
    }

    @Test
    void errorKindsFollowTheApiServer() {
        PatchException notObject = assertThrows(PatchException.class,
                () -> StrategicMergePatch.apply(json("{}"), json("[1]"), Pod.class));
        assertEquals("invalid JSON document", notObject.getMessage());
        assertEquals(PatchException.Kind.BAD_REQUEST, notObject.kind());

        PatchException retain = assertThrows(PatchException.class, () -> StrategicMergePatch.apply(
                json("{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}"),
                json("{\"spec\":{\"strategy\":{\"$retainKeys\":\"type\"}}}"), Pod.class));
        assertEquals(PatchException.Kind.BAD_REQUEST, retain.kind());

        PatchException lists = assertThrows(PatchException.class, () -> StrategicMergePatch.apply(
                json("{\"metadata\":{\"finalizers\":[]}}"), json("{\"metadata\":{\"finalizers\":[[1]]}}"), Pod.class));
        assertEquals(PatchException.Kind.UNPROCESSABLE_ENTITY, lists.kind());

        PatchException key = assertThrows(PatchException.class, () -> StrategicMergePatch.apply(
                json("{\"spec\":{\"containers\":[]}}"), json("{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}"),
                Pod.class));
        assertEquals("map: map[image:x] does not contain declared merge key: name", key.getMessage());
        assertEquals(PatchException.Kind.UNKNOWN, key.kind());
    }

    @Test
    void unknownFieldsFailOnlyWhereTheirMetadataIsNeeded() {
        JsonNode live = json("{\"spec\":{\"extra\":{\"a\":1}}}");
        assertEquals(json("{\"spec\":{\"extra\":2}}"), StrategicMergePatch.apply(live, json("{\"spec\":{\"extra\":2}}"),
                Pod.class));
        assertEquals("unable to find api field in struct PodSpec for the json field \"extra\"",
                assertThrows(PatchException.class, () -> StrategicMergePatch.apply(live,
                        json("{\"spec\":{\"extra\":{\"b\":1}}}"), Pod.class)).getMessage());
    }

    @Test
    void threeWayConflictOnlyWithoutOverwrite() {
        JsonNode original = json("{\"spec\":{\"nodeName\":\"a\"}}");
        JsonNode modified = json("{\"spec\":{\"nodeName\":\"b\"}}");
        JsonNode current = json("{\"spec\":{\"nodeName\":\"c\"}}");
        assertEquals(modified, StrategicMergePatch.createThreeWayMergePatch(original, modified, current, Pod.class));
        PatchException e = assertThrows(PatchException.class,
                () -> StrategicMergePatch.createThreeWayMergePatch(original, modified, current, Pod.class, false));
        assertEquals(PatchException.Kind.CONFLICT, e.kind());
        assertEquals("patch:\nspec:\n  nodeName: b\n\nconflicts with changes made from original to current:\n"
                + "spec:\n  nodeName: c\n\n", e.getMessage());
    }
}
