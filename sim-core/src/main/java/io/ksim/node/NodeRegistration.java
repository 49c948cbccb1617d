package io.ksim.node;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Node;
import io.ksim.api.core.Node.ContainerImage;
import io.ksim.api.core.Node.DaemonEndpoint;
import io.ksim.api.core.Node.NodeAddress;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Node.NodeDaemonEndpoints;
import io.ksim.api.core.Node.NodeStatus;
import io.ksim.api.core.Node.NodeSystemInfo;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Node object a kubelet registers and the status it posts, with upstream's condition reasons and
 * messages (pkg/kubelet/nodestatus/setters.go): a healthy simulated machine has no memory, disk or PID
 * pressure and is Ready.
 */
final class NodeRegistration {

    static final String KUBELET_VERSION = "v1.32.0";
    static final String CONTAINER_RUNTIME_VERSION = "containerd://1.7.24";
    static final String KERNEL_VERSION = "6.8.0-51-generic";
    static final String OS_IMAGE = "Ubuntu 24.04.1 LTS";
    static final int KUBELET_PORT = 10250;

    private NodeRegistration() {
    }

    /** The Node as first registered (spec and metadata; the status follows with {@link #status}). */
    static Node node(NodeConfig config) {
        ObjectMeta meta = ObjectMeta.builder().name(config.name()).labels(config.labels()).build();
        Node.NodeSpec spec = new Node.NodeSpec(config.podCIDR(), List.of(config.podCIDR()), null, null,
                config.taints(), null, null);
        return new Node(null, null, meta, spec, null);
    }

    /**
     * The status at {@code now}; a condition whose status did not change since {@code previous} keeps its
     * lastTransitionTime, as the kubelet's setters do. With {@code readyError} (the kubelet's runtime errors)
     * Ready is False with reason {@code KubeletNotReady} and that text as its message.
     */
    static NodeStatus status(NodeConfig config, ImageCatalog catalog, List<String> images, String bootID,
            NodeStatus previous, Instant now, String readyError) {
        List<NodeCondition> conditions = List.of(
                condition(previous, NodeCondition.MEMORY_PRESSURE, ConditionStatus.FALSE,
                        "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
                condition(previous, NodeCondition.DISK_PRESSURE, ConditionStatus.FALSE,
                        "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
                condition(previous, NodeCondition.PID_PRESSURE, ConditionStatus.FALSE,
                        "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
                readyError == null
                        ? condition(previous, NodeCondition.READY, ConditionStatus.TRUE,
                                "KubeletReady", "kubelet is posting ready status", now)
                        : condition(previous, NodeCondition.READY, ConditionStatus.FALSE,
                                "KubeletNotReady", readyError, now));
        List<NodeAddress> addresses = List.of(new NodeAddress(NodeAddress.INTERNAL_IP, config.internalIP()),
                new NodeAddress(NodeAddress.HOSTNAME, config.name()));
        NodeSystemInfo info = new NodeSystemInfo(bootID.replace("-", ""), bootID, bootID, KERNEL_VERSION, OS_IMAGE,
                CONTAINER_RUNTIME_VERSION, KUBELET_VERSION, "", "linux", "amd64");
        List<ContainerImage> imageList = new ArrayList<>();
        for (String image : images) {
            imageList.add(new ContainerImage(List.of(image), catalog.model(image).sizeBytes()));
        }
        return new NodeStatus(config.capacity(), config.capacity(), null, conditions, addresses,
                new NodeDaemonEndpoints(new DaemonEndpoint(KUBELET_PORT)), info, imageList, null, null, null, null,
                null);
    }

    private static NodeCondition condition(NodeStatus previous, String type, String status, String reason,
            String message, Instant now) {
        NodeCondition old = previous == null ? null : previous.condition(type);
        Instant transition = old != null && status.equals(old.status()) && old.lastTransitionTime() != null
                ? old.lastTransitionTime() : now;
        return new NodeCondition(type, status, now, transition, reason, message);
    }
}
