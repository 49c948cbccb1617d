package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.storage.StorageClass;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DefaultStorageClass admission plugin and upstream's choice among several default classes. */
class DefaultStorageClassTest {

    private final Kernel kernel = Kernel.builder().seed(4).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private void createClass(String name, String defaultAnnotation) {
        Map<String, String> ann = defaultAnnotation == null ? Map.of() : Map.of(defaultAnnotation, "true");
        api.create(BuiltinResources.STORAGE_CLASSES, null, new StorageClass(null, null,
                ObjectMeta.builder().name(name).annotations(ann).build(), "rancher.io/local-path", null, null, null,
                null, null, null));
    }

    private PersistentVolumeClaim claim(String name, String extra) {
        return (PersistentVolumeClaim) api.createObject("default", api.scheme().decodeAll("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                %s""".formatted(name, extra)).get(0));
    }

    @Test
    void aClaimWithoutClassGetsTheDefault() {
        createClass("slow", null);
        createClass("standard", StorageClass.ANNOTATION_IS_DEFAULT_CLASS);
        assertEquals("standard", claim("a", "").spec().storageClassName());
    }

    @Test
    void anExplicitClassEvenEmptyOrTheBetaAnnotationIsKept() {
        createClass("standard", StorageClass.ANNOTATION_IS_DEFAULT_CLASS);
        assertEquals("slow", claim("a", "  storageClassName: slow\n").spec().storageClassName());
        assertEquals("", claim("b", "  storageClassName: \"\"\n").spec().storageClassName());
        PersistentVolumeClaim beta = (PersistentVolumeClaim) api.createObject("default", api.scheme().decodeAll("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: c, annotations: {volume.beta.kubernetes.io/storage-class: old}}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                """).get(0));
        assertNull(beta.spec().storageClassName());
    }

    @Test
    void withoutADefaultClassTheClaimHasNone() {
        createClass("slow", null);
        assertNull(claim("a", "").spec().storageClassName());
    }

    @Test
    void theNewestOfSeveralDefaultsWinsThenTheFirstByName() {
        createClass("old-default", StorageClass.ANNOTATION_IS_DEFAULT_CLASS);
        kernel.runUntil(Duration.ofSeconds(5));
        createClass("zz-new", StorageClass.ANNOTATION_BETA_IS_DEFAULT_CLASS);
        createClass("new", StorageClass.ANNOTATION_IS_DEFAULT_CLASS);
        assertEquals("new", claim("a", "").spec().storageClassName());
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        StorageClass b = sc("b", t);
        StorageClass a = sc("a", t);
        StorageClass older = sc("0-older", t.minusSeconds(1));
        assertEquals("a", StorageClass.defaultClass(List.of(older, b, a)).metadata().name());
    }

    private static StorageClass sc(String name, Instant created) {
        return new StorageClass(null, null, ObjectMeta.builder().name(name).creationTimestamp(created)
                .annotations(Map.of(StorageClass.ANNOTATION_IS_DEFAULT_CLASS, "true")).build(), "x", null, null, null,
                null, null, null);
    }
}
