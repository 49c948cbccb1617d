package io.ksim.api.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.PatchStrategy;
import java.util.List;

/**
 * The CSI drivers installed on a node (storage.k8s.io/v1 CSINode, cluster-scoped, named after its Node): what the
 * kubelet's node info manager publishes and the scheduler's NodeVolumeLimits reads for per-driver attach limits.
 *
 * <p>{@code spec.drivers} and a driver's {@code topologyKeys} have no omitempty upstream, and an empty list comes
 * back from storage as nil, so both print as {@code null} when empty (a kind node's CSINode reads
 * {@code spec: {drivers: null}}). The record keeps them as null in that case too; {@link CSINodeSpec#driverList()}
 * gives a list to iterate.
 */
public record CSINode(String apiVersion, String kind, ObjectMeta metadata, CSINodeSpec spec) implements KubeObject {

    public static final String API_VERSION = "storage.k8s.io/v1";
    public static final String KIND = "CSINode";

    /**
     * The annotation listing the in-tree volume plugins whose volumes this node handles through their CSI drivers,
     * comma-separated and sorted (v1.MigratedPluginsAnnotationKey).
     */
    public static final String MIGRATED_PLUGINS_ANNOTATION = "storage.alpha.kubernetes.io/migrated-plugins";

    public CSINode {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new CSINodeSpec(null) : spec;
    }

    @Override
    public CSINode withMetadata(ObjectMeta newMetadata) {
        return new CSINode(apiVersion, kind, newMetadata, spec);
    }

    public CSINode withSpec(CSINodeSpec newSpec) {
        return new CSINode(apiVersion, kind, metadata, newSpec);
    }

    /** storage/v1 CSINodeSpec; a strategic merge patch merges drivers by name. */
    public record CSINodeSpec(
            @JsonInclude(JsonInclude.Include.ALWAYS) @PatchStrategy(mergeKey = "name") List<CSINodeDriver> drivers) {

        public CSINodeSpec {
            drivers = drivers == null || drivers.isEmpty() ? null : List.copyOf(drivers);
        }

        /** The drivers, empty when there are none. */
        public List<CSINodeDriver> driverList() {
            return drivers == null ? List.of() : drivers;
        }
    }

    /**
     * One CSI driver on the node (storage/v1 CSINodeDriver): its name, the node's id for it, the node labels it
     * reports topology under, and how many of its volumes the node can attach ({@code allocatable.count}, unset
     * for no limit).
     */
    public record CSINodeDriver(String name, String nodeID,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> topologyKeys, VolumeNodeResources allocatable) {

        public CSINodeDriver {
            topologyKeys = topologyKeys == null || topologyKeys.isEmpty() ? null : List.copyOf(topologyKeys);
        }
    }

    /** storage/v1 VolumeNodeResources: the most volumes of one driver a node can use, or null for no limit. */
    public record VolumeNodeResources(Integer count) {
    }
}
