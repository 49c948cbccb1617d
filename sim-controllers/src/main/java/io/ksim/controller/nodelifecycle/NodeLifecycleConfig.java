package io.ksim.controller.nodelifecycle;

import java.time.Duration;

/**
 * kube-controller-manager's node lifecycle settings (upstream pkg/controller/nodelifecycle/config and the
 * {@code --node-monitor-period}, {@code --node-monitor-grace-period}, {@code --node-startup-grace-period},
 * {@code --node-eviction-rate}, {@code --secondary-node-eviction-rate}, {@code --unhealthy-zone-threshold} and
 * {@code --large-cluster-size-threshold} flags).
 *
 * @param nodeMonitorPeriod how often node health is looked at
 * @param nodeMonitorGracePeriod how long a node that has posted status may go without a heartbeat
 * @param nodeStartupGracePeriod the same for a node that never posted a Ready condition
 * @param nodeEvictionRate nodes per second tainted NoExecute in a healthy (or fully disrupted) zone
 * @param secondaryNodeEvictionRate the same in a partially disrupted zone of a large cluster
 * @param unhealthyZoneThreshold the fraction of not-ready nodes that makes a zone partially disrupted
 * @param largeClusterSizeThreshold above this many nodes a partially disrupted zone still evicts, slowly
 */
public record NodeLifecycleConfig(Duration nodeMonitorPeriod, Duration nodeMonitorGracePeriod,
        Duration nodeStartupGracePeriod, double nodeEvictionRate, double secondaryNodeEvictionRate,
        double unhealthyZoneThreshold, int largeClusterSizeThreshold) {

    /**
     * The v1.32 defaults. The grace period is 50 s: v1.32 raised it from 40 s so that it exceeds the 30 s + 15 s
     * HTTP/2 health-check timeouts the field's documentation requires it to exceed.
     */
    public static NodeLifecycleConfig defaults() {
        return new NodeLifecycleConfig(Duration.ofSeconds(5), Duration.ofSeconds(50), Duration.ofSeconds(60), 0.1,
                0.01, 0.55, 50);
    }

    public NodeLifecycleConfig withNodeMonitorGracePeriod(Duration grace) {
        return new NodeLifecycleConfig(nodeMonitorPeriod, grace, nodeStartupGracePeriod, nodeEvictionRate,
                secondaryNodeEvictionRate, unhealthyZoneThreshold, largeClusterSizeThreshold);
    }
}
