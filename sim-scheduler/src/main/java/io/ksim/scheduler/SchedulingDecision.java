package io.ksim.scheduler;

import java.util.List;
import java.util.function.Supplier;

/**
 * The scheduler's last decision about a pod, as {@code ksim explain pod} shows it: where it went (or the
 * FailedScheduling message), and what each node looked like to the filters and scores.
 *
 * <p>The per-node verdicts are built on first use from what the cycle kept, so that scheduling thousands
 * of pods on thousands of nodes does not pay for explanations nobody reads. The scheduler keeps this detail
 * for its most recent decisions only (see {@link Scheduler.Builder#explanationDetailLimit}); an older
 * decision keeps its outcome and message and reports {@link #detailKept()} false.
 */
public final class SchedulingDecision {

    private final String pod;
    private final long nanos;
    private final int attempt;
    private final String selectedNode;
    private final String message;
    private final int numAllNodes;
    private Supplier<List<NodeVerdict>> source;
    private List<NodeVerdict> nodes;

    /**
     * @param pod          {@code namespace/name}
     * @param nanos        virtual time of the attempt
     * @param attempt      the pod's scheduling attempt number (1 for the first)
     * @param selectedNode the chosen node, or null when none fit
     * @param message      for a failure, upstream's FailedScheduling text; for a success, a one-line summary
     * @param numAllNodes  nodes in the snapshot
     * @param nodes        one verdict per node, in node-tree order
     */
    public SchedulingDecision(String pod, long nanos, int attempt, String selectedNode, String message, int numAllNodes,
            List<NodeVerdict> nodes) {
        this(pod, nanos, attempt, selectedNode, message, numAllNodes, () -> nodes);
    }

    SchedulingDecision(String pod, long nanos, int attempt, String selectedNode, String message, int numAllNodes,
            Supplier<List<NodeVerdict>> source) {
        this.pod = pod;
        this.nanos = nanos;
        this.attempt = attempt;
        this.selectedNode = selectedNode;
        this.message = message;
        this.numAllNodes = numAllNodes;
        this.source = source;
    }

    /** The same decision with another message and outcome (after PostFilter), sharing the node detail. */
    SchedulingDecision withMessage(String newMessage) {
        SchedulingDecision d = new SchedulingDecision(pod, nanos, attempt, selectedNode, newMessage, numAllNodes, source);
        d.nodes = nodes;
        return d;
    }

    public String pod() {
        return pod;
    }

    public long nanos() {
        return nanos;
    }

    public int attempt() {
        return attempt;
    }

    public String selectedNode() {
        return selectedNode;
    }

    public String message() {
        return message;
    }

    public int numAllNodes() {
        return numAllNodes;
    }

    public boolean scheduled() {
        return selectedNode != null;
    }

    /** Whether the per-node verdicts are still kept. */
    public boolean detailKept() {
        return nodes != null || source != null;
    }

    /** Forgets the per-node detail (the scheduler bounds how many decisions keep it). */
    void dropDetail() {
        source = null;
        nodes = null;
    }

    /** One verdict per node, in node-tree order; empty when the detail is no longer kept. */
    public List<NodeVerdict> nodes() {
        if (nodes == null) {
            if (source == null) {
                return List.of();
            }
            nodes = List.copyOf(source.get());
            source = null;
        }
        return nodes;
    }

    /** The verdict about {@code node}, or null. */
    public NodeVerdict verdict(String node) {
        for (NodeVerdict v : nodes()) {
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
        if (!detailKept()) {
            b.append("  (per-node detail no longer kept)\n");
        }
        for (NodeVerdict v : nodes()) {
            b.append("  ").append(v.format()).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
