package io.ksim.api.storage;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageClassTest {

    /** The allowedTopologies example of kubernetes.io/docs/concepts/storage/storage-classes. */
    @Test
    void storageClassRoundTrips() throws Exception {
        StorageClass sc = roundTrip("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: standard
                  annotations:
                    storageclass.kubernetes.io/is-default-class: "true"
                provisioner: example.com/example
                parameters:
                  type: pd-standard
                reclaimPolicy: Retain
                allowVolumeExpansion: true
                mountOptions:
                  - discard
                volumeBindingMode: WaitForFirstConsumer
                allowedTopologies:
                - matchLabelExpressions:
                  - key: topology.kubernetes.io/zone
                    values:
                    - us-central-1a
                    - us-central-1b
                """, StorageClass.class);
        assertEquals("example.com/example", sc.provisioner());
        assertEquals("pd-standard", sc.parameters().get("type"));
        assertEquals(StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, sc.volumeBindingMode());
        assertEquals(List.of("us-central-1a", "us-central-1b"),
                sc.allowedTopologies().get(0).matchLabelExpressions().get(0).values());
        assertTrue(sc.isDefaultClass());
    }

    /** SetDefaults_StorageClass (kubernetes pkg/apis/storage/v1/defaults.go; defaults_test.go). */
    @Test
    void defaultsReclaimDeleteAndBindingImmediate() throws Exception {
        StorageClass bare = KubeJson.yaml().readValue("""
                metadata: {name: fast}
                provisioner: kubernetes.io/no-provisioner
                """, StorageClass.class);
        StorageClass out = StorageDefaults.storageClass(bare);
        assertEquals("Delete", out.reclaimPolicy());
        assertEquals("Immediate", out.volumeBindingMode());
        assertSame(out, StorageDefaults.storageClass(out));
        assertFalse(out.isDefaultClass());
        StorageClass set = bare.withReclaimPolicy("Retain").withVolumeBindingMode("WaitForFirstConsumer");
        assertSame(set, StorageDefaults.storageClass(set));
    }

    @Test
    void unknownFieldsAreReported() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: x
                provisioner: p
                bindingMode: Immediate
                allowedTopologies:
                - matchLabelExpressions:
                  - key: k
                    value: v
                """, StorageClass.class, unknown);
        assertEquals(List.of("bindingMode", "allowedTopologies[0].matchLabelExpressions[0].value"), unknown);
    }
}
