package io.ksim.repl;

import io.ksim.kernel.TraceEvent;
import io.ksim.scheduler.NodeVerdict;
import io.ksim.scheduler.PluginScore;
import io.ksim.scheduler.SchedulingDecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduler's last decision about a pod as a reader wants it ({@code explain pod NAME}): the outcome and
 * its message, then the feasible nodes as the scheduler ranked them (the chosen node first, then by total
 * score), each with its score table (plugin, raw score, normalized score, weight, weighted score, total),
 * then each rejected node with the filter plugin that rejected it and its reason, then the nodes the search
 * never reached (percentageOfNodesToScore).
 */
public final class SchedulingExplanation {

    private SchedulingExplanation() {
    }

    public static String format(SchedulingDecision d) {
        StringBuilder b = new StringBuilder();
        b.append("Pod ").append(d.pod()).append(", attempt ").append(d.attempt()).append(" at ")
                .append(TraceEvent.formatTime(d.nanos())).append(": ")
                .append(d.scheduled() ? "scheduled to " + d.selectedNode() : "unschedulable").append('\n');
        b.append("  ").append(d.message()).append('\n');
        if (!d.detailKept()) {
            b.append("  (the scheduler no longer keeps the per-node detail of this attempt)\n");
            return b.toString();
        }
        List<NodeVerdict> feasible = new ArrayList<>();
        List<NodeVerdict> rejected = new ArrayList<>();
        List<NodeVerdict> unexamined = new ArrayList<>();
        for (NodeVerdict v : d.nodes()) {
            if (!v.examined()) {
                unexamined.add(v);
            } else if (v.rejection() != null) {
                rejected.add(v);
            } else {
                feasible.add(v);
            }
        }
        // Stable sort: the chosen node first, then by total score; equal totals keep node-tree order
        // (the scheduler chose among equal best scores at random, from its seeded stream).
        feasible.sort(Comparator.comparing((NodeVerdict v) -> !v.node().equals(d.selectedNode()))
                .thenComparing(Comparator.comparingLong(NodeVerdict::totalScore).reversed()));
        if (!feasible.isEmpty()) {
            b.append('\n').append("Feasible nodes (").append(feasible.size()).append(" of ").append(d.numAllNodes())
                    .append("), as ranked:\n");
            if (d.scheduled()) {
                long top = feasible.get(0).totalScore();
                long tied = feasible.stream().filter(v -> !v.scores().isEmpty() && v.totalScore() == top).count();
                if (tied > 1) {
                    b.append("  (").append(tied).append(" nodes tied at the top score ").append(top)
                            .append("; the scheduler picked one of them at random)\n");
                }
            }
            for (NodeVerdict v : feasible) {
                b.append("  ").append(v.node());
                if (v.scores().isEmpty()) {
                    b.append(": feasible, not scored (the only feasible node)");
                } else {
                    b.append(": total ").append(v.totalScore());
                }
                if (v.node().equals(d.selectedNode())) {
                    b.append("  <- selected");
                }
                b.append('\n');
                if (!v.scores().isEmpty()) {
                    appendScores(b, v);
                }
            }
        }
        if (!rejected.isEmpty()) {
            b.append('\n').append("Rejected nodes (").append(rejected.size()).append(" of ").append(d.numAllNodes())
                    .append("):\n");
            int width = rejected.stream().mapToInt(v -> v.node().length()).max().orElse(0);
            for (NodeVerdict v : rejected) {
                b.append("  ").append(pad(v.node() + ":", width + 1)).append(' ').append(v.rejection().plugin())
                        .append(": ").append(v.rejection().message()).append('\n');
            }
        }
        if (!unexamined.isEmpty()) {
            b.append('\n').append("Not examined (enough feasible nodes were found):");
            for (NodeVerdict v : unexamined) {
                b.append(' ').append(v.node());
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void appendScores(StringBuilder b, NodeVerdict v) {
        int width = "PLUGIN".length();
        for (PluginScore s : v.scores()) {
            width = Math.max(width, s.plugin().length());
        }
        String row = "    %-" + width + "s %6s %11s %7s %9s\n";
        b.append(String.format(row, "PLUGIN", "RAW", "NORMALIZED", "WEIGHT", "WEIGHTED"));
        for (PluginScore s : v.scores()) {
            b.append(String.format(row, s.plugin(), s.raw(), s.normalized(), s.weight(), s.weighted()));
        }
        b.append(String.format(row, "total", "", "", "", v.totalScore()));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
