package io.ksim.apiserver.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patch metadata read from record types, walking alongside the JSON. */
class PatchMetaTest {

    private final PatchMeta pod = PatchMeta.of(PatchTypes.Pod.class);

    @Test
    void mergingListsOfRecords() {
        PatchMeta spec = pod.lookupForStruct("spec").schema();
        PatchMeta.Field containers = spec.lookupForSlice("containers");
        assertEquals(List.of("merge"), containers.strategies());
        assertEquals("name", containers.mergeKey());
        assertEquals("struct", containers.schema().name());
        PatchMeta.Field ports = containers.schema().lookupForSlice("ports");
        assertEquals("containerPort", ports.mergeKey());
        PatchMeta.Field volumes = spec.lookupForSlice("volumes");
        assertEquals(List.of("merge", "retainKeys"), volumes.strategies());
    }

    @Test
    void fieldsWithoutStrategy() {
        PatchMeta spec = pod.lookupForStruct("spec").schema();
        PatchMeta.Field tolerations = spec.lookupForSlice("tolerations");
        assertEquals(List.of(""), tolerations.strategies());
        assertEquals("", tolerations.mergeKey());
        PatchMeta.Field nodeSelector = spec.lookupForStruct("nodeSelector");
        assertEquals("map", nodeSelector.schema().name());
        assertEquals("string", nodeSelector.schema().lookupForStruct("any-key").schema().name());
    }

    @Test
    void objectMetaMergesOwnerReferencesByUidAndFinalizersAsASet() {
        PatchMeta meta = PatchMeta.of(ObjectMeta.class);
        PatchMeta.Field owners = meta.lookupForSlice("ownerReferences");
        assertEquals("uid", owners.mergeKey());
        assertEquals(PatchMeta.of(OwnerReference.class).name(), owners.schema().name());
        PatchMeta.Field finalizers = meta.lookupForSlice("finalizers");
        assertEquals(List.of("merge"), finalizers.strategies());
        assertEquals("", finalizers.mergeKey());
        assertEquals("string", finalizers.schema().name());
    }

    @Test
    void replaceAndRetainKeysOnObjects() {
        PatchMeta item = PatchMeta.of(PatchTypes.MergeItem.class);
        assertEquals(List.of("replace"), item.lookupForStruct("replacingItem").strategies());
        assertEquals(List.of("merge", "retainKeys"), item.lookupForStruct("retainKeysMap").strategies());
        // Opaque content has no metadata: objects merge, lists are replaced.
        PatchMeta.Field inside = item.lookupForStruct("replacingItem").schema().lookupForSlice("anything");
        assertEquals(List.of(""), inside.strategies());
    }

    @Test
    void aRecordFieldCanBeLookedUpAsAList() {
        PatchMeta.Field ptr = PatchMeta.of(PatchTypes.MergeItem.class).lookupForSlice("mergeItemPtr");
        assertEquals("name", ptr.mergeKey());
        assertEquals("struct", ptr.schema().name());
    }

    @Test
    void namesMatchCaseInsensitivelyAsGoDoes() {
        assertEquals("name", pod.lookupForStruct("SPEC").schema().lookupForSlice("Containers").mergeKey());
    }

    @Test
    void upstreamErrors() {
        assertEquals("unable to find api field in struct Pod for the json field \"bogus\"",
                assertThrows(PatchException.class, () -> pod.lookupForStruct("bogus")).getMessage());
        assertEquals("expected slice or array type, but got: struct",
                assertThrows(PatchException.class, () -> pod.lookupForSlice("kind")).getMessage());
        PatchMeta kind = pod.lookupForStruct("kind").schema();
        assertEquals("merging an object in json but data type is not struct, instead is: string",
                assertThrows(PatchException.class, () -> kind.lookupForStruct("x")).getMessage());
    }
}
