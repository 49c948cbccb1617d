package io.ksim.node;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.Node;
import io.ksim.api.meta.MicroTime;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kernel.Kernel;
import io.ksim.kernel.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The kubelet's node lease controller (upstream component-helpers' lease controller as the kubelet configures
 * it): the Lease {@code kube-node-lease/<node>}, owned by the Node, held by the node, valid 40 s and renewed
 * every 10 s (a quarter of its duration).
 */
final class NodeLeaseRenewer {

    static final Duration LEASE_RENEW_INTERVAL = Duration.ofSeconds(10);
    static final int LEASE_DURATION_SECONDS = 40;

    private final Kernel kernel;
    private final ApiServer api;
    private final String component;
    private final String nodeName;
    private Timer timer;

    NodeLeaseRenewer(Kernel kernel, ApiServer api, String component, String nodeName) {
        this.kernel = kernel;
        this.api = api;
        this.component = component;
        this.nodeName = nodeName;
    }

    /** Renews now, then every 10 s. */
    void start() {
        renew();
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void renew() {
        MicroTime now = MicroTime.of(kernel.instant());
        Lease lease = get(BuiltinResources.LEASES, Lease.NODE_LEASE_NAMESPACE);
        if (lease == null) {
            Node node = getNode();
            ObjectMeta meta = ObjectMeta.builder().name(nodeName).namespace(Lease.NODE_LEASE_NAMESPACE)
                    .ownerReferences(node == null ? null : List.of(new OwnerReference(Node.API_VERSION, Node.KIND,
                            nodeName, node.metadata().uid(), null, null)))
                    .build();
            api.create(BuiltinResources.LEASES, Lease.NODE_LEASE_NAMESPACE, new Lease(null, null, meta,
                    new Lease.LeaseSpec(nodeName, LEASE_DURATION_SECONDS, null, now, null, null, null)));
        } else {
            api.update(BuiltinResources.LEASES, lease.withSpec(lease.spec().withRenewTime(now)));
        }
        timer = kernel.schedule(LEASE_RENEW_INTERVAL, component, this::renew);
    }

    private Lease get(io.ksim.apiserver.ResourceType<Lease> type, String namespace) {
        try {
            return api.get(type, namespace, nodeName);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            return null;
        }
    }

    private Node getNode() {
        try {
            return api.get(BuiltinResources.NODES, null, nodeName);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            return null;
        }
    }
}
