package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.core.Node;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.storage.CSINode;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each kubelet publishes its node's CSINode as v1.32's (pkg/volume/csi/nodeinfomanager CreateCSINode,
 * setMigrationAnnotation; pkg/volume/csi/csi_plugin.go's migrated plugins).
 */
class CSINodeInitializerTest {

    private final TestCluster cluster = new TestCluster(42);

    @Test
    void eachKubeletCreatesItsNodesCSINodeOwnedByTheNode() throws Exception {
        cluster.runUntil(1);
        List<CSINode> all = cluster.api.list(BuiltinResources.CSI_NODES, null).items();
        assertEquals(List.of("node-1", "node-2", "node-3"), all.stream().map(n -> n.metadata().name()).toList());
        CSINode csiNode = all.get(0);
        Node node = cluster.api.get(BuiltinResources.NODES, null, "node-1");
        assertEquals(List.of(new OwnerReference("v1", "Node", "node-1", node.metadata().uid(), null, null)),
                csiNode.metadata().ownerReferences());
        assertEquals(Map.of(CSINode.MIGRATED_PLUGINS_ANNOTATION, "kubernetes.io/aws-ebs,kubernetes.io/azure-disk,"
                + "kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-volume,"
                + "kubernetes.io/vsphere-volume"), csiNode.metadata().annotations());
        assertTrue(csiNode.spec().driverList().isEmpty());
        // No drivers: storage gives nil back, which prints as null (no omitempty upstream).
        String yaml = KubeJson.yaml().writeValueAsString(csiNode);
        assertTrue(yaml.contains("spec:\n  drivers: null\n"), yaml);
        assertTrue(yaml.startsWith("apiVersion: storage.k8s.io/v1\nkind: CSINode\n"), yaml);
    }

    @Test
    void aRestartedKubeletKeepsTheCSINodeAndRestoresItsAnnotation() {
        cluster.runUntil(1);
        CSINode before = cluster.api.get(BuiltinResources.CSI_NODES, null, "node-2");
        cluster.api.update(BuiltinResources.CSI_NODES, before.withMetadata(before.metadata()
                .withAnnotations(new TreeMap<>(Map.of("note", "kept")))));
        cluster.kubelet(2).stop();
        cluster.kubelet(2).start();
        CSINode after = cluster.api.get(BuiltinResources.CSI_NODES, null, "node-2");
        assertEquals(before.metadata().uid(), after.metadata().uid());
        assertEquals("kept", after.metadata().annotations().get("note"));
        assertEquals(CSINodeInitializer.MIGRATED_PLUGINS,
                after.metadata().annotations().get(CSINode.MIGRATED_PLUGINS_ANNOTATION));
    }

    @Test
    void driversRoundTripWithUpstreamFieldNames() throws Exception {
        String yaml = """
                apiVersion: storage.k8s.io/v1
                kind: CSINode
                metadata:
                  name: node-1
                spec:
                  drivers:
                  - name: ebs.csi.aws.com
                    nodeID: i-0123
                    topologyKeys:
                    - topology.ebs.csi.aws.com/zone
                    allocatable:
                      count: 25
                  - name: example.csi.io
                    nodeID: n1
                """;
        CSINode n = KubeJson.yaml().readValue(yaml, CSINode.class);
        assertEquals(25, n.spec().drivers().get(0).allocatable().count());
        assertEquals(List.of("topology.ebs.csi.aws.com/zone"), n.spec().drivers().get(0).topologyKeys());
        assertNull(n.spec().drivers().get(1).allocatable());
        assertEquals("i-0123", n.spec().drivers().get(0).nodeID());
        String out = KubeJson.yaml().writeValueAsString(n);
        // Keys sorted as kubectl's YAML printer sorts them; an empty topologyKeys is null, as upstream's nil list.
        assertTrue(out.contains("    - name: example.csi.io\n      nodeID: n1\n      topologyKeys: null\n"), out);
        assertTrue(out.contains("    - allocatable:\n        count: 25\n      name: ebs.csi.aws.com\n"), out);
    }
}
