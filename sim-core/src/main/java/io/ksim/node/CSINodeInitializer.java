package io.ksim.node;

import io.ksim.api.core.Node;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.storage.CSINode;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's CSINode initialisation (pkg/volume/csi's initializeCSINode and nodeinfomanager's
 * InitializeCSINodeWithAnnotation): once its Node exists the kubelet makes sure the CSINode of the same name exists,
 * owned by the Node (ownerReference apiVersion v1, kind Node, name and uid; neither controller nor
 * blockOwnerDeletion), with no drivers, and annotated with the in-tree plugins whose CSI migration is on in v1.32.
 * An existing CSINode only has that annotation brought up to date.
 *
 * <p>ksim's nodes run no CSI driver (kind's local-path provisioner is not one), so no driver ever registers and
 * {@code spec.drivers} stays empty.
 */
final class CSINodeInitializer {

    /**
     * The in-tree plugins the v1.32 kubelet reports as migrated, sorted as the annotation lists them: GCE PD, AWS
     * EBS, Cinder, Azure Disk, Azure File and vSphere always, Portworx because CSIMigrationPortworx is on by default
     * since 1.31.
     */
    static final String MIGRATED_PLUGINS = String.join(",", List.of("kubernetes.io/aws-ebs",
            "kubernetes.io/azure-disk", "kubernetes.io/azure-file", "kubernetes.io/cinder", "kubernetes.io/gce-pd",
            "kubernetes.io/portworx-volume", "kubernetes.io/vsphere-volume"));

    private final ApiServer api;
    private final String nodeName;

    CSINodeInitializer(ApiServer api, String nodeName) {
        this.api = api;
        this.nodeName = nodeName;
    }

    /** Creates the CSINode, or updates its annotation; does nothing while the Node does not exist. */
    void initialize() {
        CSINode existing = get();
        if (existing == null) {
            create();
            return;
        }
        if (!MIGRATED_PLUGINS.equals(existing.metadata().annotations().get(CSINode.MIGRATED_PLUGINS_ANNOTATION))) {
            api.update(BuiltinResources.CSI_NODES, existing.withMetadata(existing.metadata()
                    .withAnnotations(annotated(existing.metadata().annotations()))));
        }
    }

    private void create() {
        Node node;
        try {
            node = api.get(BuiltinResources.NODES, null, nodeName);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        ObjectMeta meta = ObjectMeta.builder().name(nodeName).annotations(annotated(Map.of()))
                .ownerReferences(List.of(new OwnerReference(Node.API_VERSION, Node.KIND, nodeName,
                        node.metadata().uid(), null, null)))
                .build();
        api.create(BuiltinResources.CSI_NODES, null, new CSINode(null, null, meta, null));
    }

    private static Map<String, String> annotated(Map<String, String> annotations) {
        Map<String, String> out = new TreeMap<>(annotations);
        out.put(CSINode.MIGRATED_PLUGINS_ANNOTATION, MIGRATED_PLUGINS);
        return out;
    }

    private CSINode get() {
        try {
            return api.get(BuiltinResources.CSI_NODES, null, nodeName);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }
}
