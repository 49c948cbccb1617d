package io.ksim.scheduler.plugins;

import io.ksim.api.core.Container;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreScorePlugin;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * Favours nodes that already have the pod's images (upstream imagelocality plugin).
 *
 * <p>Each image of the pod's init and regular containers present on the node counts its size times the
 * share of nodes that have it (so an image everywhere does not sway the choice). The sum is clamped to
 * [23 MiB, 1000 MiB x number of containers] and mapped linearly onto 0..100.
 */
public final class ImageLocality implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "ImageLocality";
    static final long MB = 1024L * 1024L;
    static final long MIN_THRESHOLD = 23 * MB;
    static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

    /** The number of nodes in the cluster, which the spread factor divides by. */
    private final IntSupplier totalNodes;
    /** On how many nodes an image (by name) is present. */
    private final ToIntFunction<String> nodesWithImage;

    public ImageLocality(IntSupplier totalNodes, ToIntFunction<String> nodesWithImage) {
        this.totalNodes = totalNodes;
        this.nodesWithImage = nodesWithImage;
    }

    @Override
    public String name() {
        return NAME;
    }

    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    /** Normalizes the pod's image names once per cycle rather than once per node. */
    @Override
    public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasible, Snapshot snapshot) {
        state.write(PRE_SCORE_KEY, images(pod));
        return Status.SUCCESS;
    }

    private static List<String> images(PodInfo pod) {
        List<String> out = new ArrayList<>();
        for (Container c : pod.pod().spec().initContainers()) {
            out.add(normalizedImageName(c.image()));
        }
        for (Container c : pod.pod().spec().containers()) {
            out.add(normalizedImageName(c.image()));
        }
        return out;
    }

    @Override
    public void scoreAll(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            NodeInfo node = nodes.get(i);
            scores[i] = node.imageSizes().isEmpty() ? 0 : score(state, pod, node);
        }
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        Map<String, Long> sizes = node.imageSizes();
        if (sizes.isEmpty()) {
            // A node that reports no images (as most simulated nodes) sums to 0, which the clamp raises to the
            // minimum threshold, and that maps to 0 whatever the number of containers.
            return 0;
        }
        List<String> images = state.read(PRE_SCORE_KEY);
        if (images == null) {
            images = images(pod);
        }
        int total = Math.max(1, totalNodes.getAsInt());
        long sum = 0;
        for (String image : images) {
            Long size = sizes.get(image);
            if (size != null) {
                double spread = (double) nodesWithImage.applyAsInt(image) / (double) total;
                sum += (long) ((double) size * spread);
            }
        }
        long maxThreshold = MAX_CONTAINER_THRESHOLD * images.size();
        if (sum < MIN_THRESHOLD) {
            sum = MIN_THRESHOLD;
        } else if (sum > maxThreshold) {
            sum = maxThreshold;
        }
        if (maxThreshold <= MIN_THRESHOLD) {
            return 0;
        }
        return MAX_NODE_SCORE * (sum - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
    }

    /** An image name without tag or digest gets ":latest", as upstream normalizes before looking it up. */
    public static String normalizedImageName(String name) {
        if (name == null) {
            return "";
        }
        if (name.lastIndexOf(':') <= name.lastIndexOf('/')) {
            return name + ":latest";
        }
        return name;
    }
}
