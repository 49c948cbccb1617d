package io.ksim.scheduler.plugins;

import io.ksim.api.core.Pod;
import io.ksim.api.selector.LabelSelector;
import io.ksim.api.storage.CSINode;
import io.ksim.apiserver.ApiServer;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.PostFilterPlugin;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * The "default-scheduler" profile: upstream v1.32's default plugins in upstream's order with upstream's
 * score weights (pkg/scheduler/apis/config/v1/default_plugins.go): NodeUnschedulable, NodeName,
 * TaintToleration (3), NodeAffinity (2), NodePorts, NodeResourcesFit (1), VolumeRestrictions, NodeVolumeLimits,
 * VolumeBinding, VolumeZone, PodTopologySpread (2), InterPodAffinity (2), DefaultPreemption,
 * NodeResourcesBalancedAllocation (1), ImageLocality (1), DefaultBinder. PrioritySort is the queue's order; every
 * volume plugin of v1.32's profile is there (the in-tree EBS, GCE PD and Azure Disk limit plugins no longer are).
 */
public final class DefaultProfile {

    public static final String NAME = "default-scheduler";

    private DefaultProfile() {
    }

    /**
     * What the plugins need from the scheduler around them. {@code csiNodes} finds a node's CSINode in the
     * scheduler's informer cache (null: NodeVolumeLimits asks the API server).
     */
    public record Context(ApiServer api, IntSupplier totalNodes, ToIntFunction<String> nodesWithImage,
            Function<Pod, LabelSelector> defaultSpreadSelector, PostFilterPlugin preemption,
            Function<String, CSINode> csiNodes) {

        public Context(ApiServer api, IntSupplier totalNodes, ToIntFunction<String> nodesWithImage,
                Function<Pod, LabelSelector> defaultSpreadSelector, PostFilterPlugin preemption) {
            this(api, totalNodes, nodesWithImage, defaultSpreadSelector, preemption, null);
        }
    }

    public static Framework build(Context ctx, ScoringStrategy strategy) {
        Framework f = new Framework(NAME);
        f.add(new NodeUnschedulable());
        f.add(new NodeName());
        f.add(new TaintToleration(), 3);
        f.add(new NodeAffinity(), 2);
        f.add(new NodePorts());
        f.add(new NodeResourcesFit(strategy), 1);
        f.add(new VolumeRestrictions(ctx.api()));
        f.add(new NodeVolumeLimits(ctx.api(), ctx.csiNodes()));
        f.add(new VolumeBinding(ctx.api()));
        f.add(new VolumeZone(ctx.api()));
        f.add(new PodTopologySpread(ctx.defaultSpreadSelector()), 2);
        f.add(new InterPodAffinity(), 2);
        if (ctx.preemption() != null) {
            f.add(ctx.preemption());
        }
        f.add(new NodeResourcesBalancedAllocation(), 1);
        f.add(new ImageLocality(ctx.totalNodes(), ctx.nodesWithImage()), 1);
        f.add(new DefaultBinder(ctx.api()));
        return f;
    }
}
