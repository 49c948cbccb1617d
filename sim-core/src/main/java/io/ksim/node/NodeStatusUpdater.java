package io.ksim.node;

import io.ksim.api.core.Node;
import io.ksim.api.core.Node.NodeCondition;
import io.ksim.api.core.Node.NodeStatus;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The kubelet's node registration and node status loop (upstream pkg/kubelet/kubelet_node_status.go): every
 * nodeStatusUpdateFrequency (10 s) it computes the node's status and posts it if anything but the
 * conditions' heartbeat times changed (nodeStatusHasChanged), or if nodeStatusReportFrequency (5 minutes)
 * has passed since the last post. So a node that pulled an image reports it within 10 s; an idle node posts
 * every 5 minutes.
 */
final class NodeStatusUpdater {

    /** How often the status is computed and compared (nodeStatusUpdateFrequency). */
    static final Duration NODE_STATUS_UPDATE_FREQUENCY = Duration.ofSeconds(10);
    /** How often an unchanged status is posted anyway (nodeStatusReportFrequency). */
    static final Duration NODE_STATUS_REPORT_FREQUENCY = Duration.ofMinutes(5);

    private final Kernel kernel;
    private final ApiServer api;
    private final String component;
    private final NodeConfig config;
    private final ImageCatalog catalog;
    private final Supplier<List<String>> images;
    private final String bootID;
    private final Supplier<String> runtimeErrors;
    private final KubeletEvents recorder;
    private Timer timer;
    private long lastReportNanos;

    NodeStatusUpdater(Kernel kernel, ApiServer api, String component, NodeConfig config, ImageCatalog catalog,
            Supplier<List<String>> images, String bootID, Supplier<String> runtimeErrors, KubeletEvents recorder) {
        this.kernel = kernel;
        this.api = api;
        this.component = component;
        this.config = config;
        this.catalog = catalog;
        this.images = images;
        this.bootID = bootID;
        this.runtimeErrors = runtimeErrors;
        this.recorder = recorder;
    }

    /** Registers the node (or posts its status if it exists) and starts the loop. */
    void start() {
        Node existing = findNode();
        if (existing == null) {
            Node created = api.create(BuiltinResources.NODES, null, NodeRegistration.node(config));
            post(created);
            kernel.trace().record(component, "RegisteredNode", config.name(), "Node " + config.name()
                    + " status is now: NodeReady");
        } else {
            post(existing);
        }
        schedule();
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void schedule() {
        timer = kernel.schedule(NODE_STATUS_UPDATE_FREQUENCY, component, () -> {
            update();
            schedule();
        });
    }

    /** One turn of the loop: post if changed or if the report is due. */
    private void update() {
        Node node = findNode();
        if (node == null) {
            return;
        }
        NodeStatus fresh = compute(node);
        boolean reportDue = kernel.nanos() - lastReportNanos >= NODE_STATUS_REPORT_FREQUENCY.toNanos();
        if (reportDue || hasChanged(node.status(), fresh)) {
            post(node);
        }
    }

    private void post(Node node) {
        NodeStatus fresh = compute(node);
        recordReadyChange(node, fresh);
        api.updateStatus(BuiltinResources.NODES, node.withStatus(fresh));
        lastReportNanos = kernel.nanos();
    }

    /**
     * The kubelet's node events on a Ready change (upstream's ReadyCondition setter): "NodeReady" or
     * "NodeNotReady" when the status it computes differs from the one on the Node (whoever set that).
     */
    private void recordReadyChange(Node node, NodeStatus fresh) {
        NodeCondition old = node.status() == null ? null : node.status().condition(NodeCondition.READY);
        NodeCondition now = fresh.condition(NodeCondition.READY);
        if (old == null || now == null || old.status().equals(now.status())) {
            return;
        }
        String event = now.isTrue() ? "NodeReady" : "NodeNotReady";
        recorder.normal(node, event, "Node " + config.name() + " status is now: " + event);
    }

    private NodeStatus compute(Node node) {
        return NodeRegistration.status(config, catalog, images.get(), bootID, node.status(), kernel.instant(),
                runtimeErrors.get());
    }

    /** Upstream's nodeStatusHasChanged: equal but for the conditions' lastHeartbeatTime. */
    static boolean hasChanged(NodeStatus old, NodeStatus fresh) {
        if (old == null) {
            return true;
        }
        return !withoutHeartbeats(old).equals(withoutHeartbeats(fresh));
    }

    private static NodeStatus withoutHeartbeats(NodeStatus status) {
        List<NodeCondition> conditions = new ArrayList<>();
        for (NodeCondition c : status.conditions()) {
            conditions.add(new NodeCondition(c.type(), c.status(), null, c.lastTransitionTime(), c.reason(),
                    c.message()));
        }
        return status.withConditions(conditions);
    }

    private Node findNode() {
        try {
            return api.get(BuiltinResources.NODES, null, config.name());
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }
}
