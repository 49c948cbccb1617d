package io.ksim.scheduler;

import io.ksim.scheduler.framework.Status;
import java.util.List;

/**
 * What one scheduling attempt concluded about one node: rejected (by which filter, with which reasons),
 * feasible with per-plugin scores, or not examined because enough feasible nodes were already found
 * (percentageOfNodesToScore).
 *
 * @param node       the node's name
 * @param rejection  the filter status that rejected the node, or null
 * @param examined   false when the search stopped before this node
 * @param scores     per-plugin scores of a scored feasible node, in profile order (empty otherwise)
 * @param totalScore the weighted total of a scored feasible node
 */
public record NodeVerdict(String node, Status rejection, boolean examined, List<PluginScore> scores, long totalScore) {

    public NodeVerdict {
        scores = List.copyOf(scores);
    }

    public boolean feasible() {
        return examined && rejection == null;
    }

    /** One line: {@code node-1: rejected by TaintToleration: node(s) had untolerated taint {a: b}} or the scores. */
    public String format() {
        if (!examined) {
            return node + ": not examined (enough feasible nodes found)";
        }
        if (rejection != null) {
            return node + ": rejected by " + rejection.plugin() + ": " + rejection.message();
        }
        if (scores.isEmpty()) {
            return node + ": feasible (not scored)";
        }
        StringBuilder b = new StringBuilder(node).append(": score ").append(totalScore).append(" (");
        for (int i = 0; i < scores.size(); i++) {
            PluginScore s = scores.get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(s.plugin()).append(' ').append(s.raw()).append("->").append(s.normalized()).append('x')
                    .append(s.weight()).append('=').append(s.weighted());
        }
        return b.append(')').toString();
    }
}
