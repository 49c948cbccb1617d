package io.ksim.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why no node fits a pod (upstream framework.FitError with its Diagnosis), and the message upstream
 * prints for it in the FailedScheduling event and the PodScheduled condition.
 *
 * <p>The message: {@code "0/<all nodes> nodes are available:"}, then either the PreFilter rejection or
 * the histogram of every node's reasons ({@code "<count> <reason>"} strings sorted bytewise, so "10 ..."
 * sorts before "2 ...", joined by ", "), each followed by "." (no histogram at all when no node has a
 * reason); then a space and the PostFilter message as it is. DefaultPreemption's message is itself such a
 * message and brings its own final "." (releases before 1.28 added another one, hence the ".." of older
 * clusters' events). Example: {@code 0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are
 * available: 3 No preemption victims found for incoming pod.}
 *
 * @param numAllNodes   nodes in the snapshot
 * @param nodeStatuses  the rejecting status of each examined node, in the order examined
 * @param narrowedBy    the PreFilter plugins that narrowed the nodes to filter (upstream adds them to the
 *                      diagnosis's UnschedulablePlugins, so that their events retry the pod)
 * @param preFilterMsg  a PreFilter plugin's rejection, or ""
 * @param postFilterMsg the PostFilter message (preemption), or ""
 */
public record FitError(int numAllNodes, Map<String, Status> nodeStatuses, java.util.SortedSet<String> narrowedBy,
        String preFilterMsg, String postFilterMsg) {

    /** upstream NoNodeAvailableMsg. */
    public static final String NO_NODE_AVAILABLE_MSG = "0/%d nodes are available";

    public FitError {
        nodeStatuses = Collections.unmodifiableMap(new LinkedHashMap<>(nodeStatuses));
        narrowedBy = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(narrowedBy));
        preFilterMsg = preFilterMsg == null ? "" : preFilterMsg;
        postFilterMsg = postFilterMsg == null ? "" : postFilterMsg;
    }

    /** A FitError where no PreFilter plugin narrowed the nodes. */
    public FitError(int numAllNodes, Map<String, Status> nodeStatuses, String preFilterMsg, String postFilterMsg) {
        this(numAllNodes, nodeStatuses, java.util.Collections.emptySortedSet(), preFilterMsg, postFilterMsg);
    }

    public FitError withPostFilterMsg(String msg) {
        return new FitError(numAllNodes, nodeStatuses, narrowedBy, preFilterMsg, msg);
    }

    /** The reason histogram: {@code "<count> <reason>"} strings in upstream's (bytewise) order. */
    public List<String> histogram() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Status s : nodeStatuses.values()) {
            for (String reason : s.reasons()) {
                counts.merge(reason, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>(counts.size());
        counts.forEach((reason, n) -> out.add(n + " " + reason));
        Collections.sort(out);
        return out;
    }

    /** upstream FitError.Error(). */
    public String message() {
        StringBuilder msg = new StringBuilder(String.format(NO_NODE_AVAILABLE_MSG, numAllNodes)).append(':');
        if (!preFilterMsg.isEmpty()) {
            msg.append(' ').append(preFilterMsg).append('.');
        } else {
            List<String> histogram = histogram();
            if (!histogram.isEmpty()) {
                msg.append(' ').append(String.join(", ", histogram)).append('.');
            }
        }
        if (!postFilterMsg.isEmpty()) {
            // no separator of its own: the PostFilter message ends in "." already
            msg.append(' ').append(postFilterMsg);
        }
        return msg.toString();
    }

    /**
     * The plugins that rejected some node or narrowed the nodes at PreFilter (upstream
     * Diagnosis.UnschedulablePlugins), sorted.
     */
    public java.util.SortedSet<String> unschedulablePlugins() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(narrowedBy);
        for (Status s : nodeStatuses.values()) {
            if (!s.plugin().isEmpty()) {
                out.add(s.plugin());
            }
        }
        return out;
    }
}
