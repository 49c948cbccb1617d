package io.ksim.scheduler.plugins;

import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.PreScorePlugin;
import io.ksim.scheduler.framework.ScorePlugin;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/** Runs plugins the way the framework does, for table tests. */
final class PluginTesting {

    private PluginTesting() {
    }

    static NodeInfo nodeInfo(Node node, Pod... pods) {
        NodeInfo n = new NodeInfo(node);
        for (Pod p : pods) {
            n.addPod(PodInfo.of(p));
        }
        return n;
    }

    /** PreScore (if any), Score on every node, then NormalizeScore; null if PreScore skipped. */
    static long[] scores(ScorePlugin plugin, Pod pod, List<NodeInfo> nodes) {
        CycleState state = new CycleState();
        PodInfo pi = PodInfo.of(pod);
        if (plugin instanceof PreScorePlugin pre) {
            Status s = pre.preScore(state, pi, nodes, Snapshot.of(nodes));
            if (s.isSkip()) {
                return null;
            }
        }
        long[] out = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            out[i] = plugin.score(state, pi, nodes.get(i));
        }
        // the framework scores all feasible nodes in one call; it must give what node-by-node scoring gives
        long[] all = new long[nodes.size()];
        plugin.scoreAll(state, pi, nodes, all);
        org.junit.jupiter.api.Assertions.assertArrayEquals(out, all, plugin.name() + ": scoreAll against score");
        plugin.normalize(state, pi, nodes, out);
        return out;
    }

    static List<NodeInfo> list(NodeInfo... nodes) {
        return new ArrayList<>(List.of(nodes));
    }
}
