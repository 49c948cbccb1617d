package io.ksim.scheduler;

import java.util.List;

/**
 * The scheduler's last decision about a pod, as {@code ksim explain pod} shows it: where it went (or the
 * FailedScheduling message), and what each node looked like to the filters and scores.
 *
 * @param pod          {@code namespace/name}
 * @param nanos        virtual time of the attempt
 * @param attempt      the pod's scheduling attempt number (1 for the first)
 * @param selectedNode the chosen node, or null when none fit
 * @param message      for a failure, upstream's FailedScheduling text; for a success, a one-line summary
 * @param numAllNodes  nodes in the snapshot
 * @param nodes        one verdict per node, in the order they were visited
 */
public record SchedulingDecision(String pod, long nanos, int attempt, String selectedNode, String message,
        int numAllNodes, List<NodeVerdict> nodes) {

    public SchedulingDecision {
        nodes = List.copyOf(nodes);
    }

    public boolean scheduled() {
        return selectedNode != null;
    }

    /** The verdict about {@code node}, or null. */
    public NodeVerdict verdict(String node) {
        for (NodeVerdict v : nodes) {
            if (v.node().equals(node)) {
                return v;
            }
        }
        return null;
    }

    /** Multi-line text: the outcome, then one line per node. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("Pod ").append(pod).append(", attempt ").append(attempt).append(": ");
        b.append(scheduled() ? "scheduled to " + selectedNode : "unschedulable").append('\n');
        b.append("  ").append(message).append('\n');
        for (NodeVerdict v : nodes) {
            b.append("  ").append(v.format()).append('\n');
        }
        return b.toString();
    }
}
