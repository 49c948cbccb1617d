package io.ksim.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A parsed scenario file: the cluster to build and the steps to run on it. See {@link ScenarioParser} for the
 * format and README.md ("Scenario files").
 *
 * @param file        the name errors and results use (the file name, or the bundled name)
 * @param directory   where relative paths of {@code apply:} steps and kubectl's {@code -f} resolve; null for a
 *                    bundled scenario (they resolve against the bundled resources)
 */
public record Scenario(String file, Path directory, String name, String description, long seed, ClusterSpec cluster,
        List<Step> steps) {

    /**
     * The cluster: node groups in order (named node-1, node-2, ... as kind names them), proxy mode, LB pool, images,
     * and whether kubeadm's control-plane node (with its static pods) is there too.
     */
    public record ClusterSpec(List<NodeGroup> nodes, String proxyMode, String loadBalancerPool, List<String> images,
            boolean controlPlane) {

        /** A cluster of worker nodes only. */
        public ClusterSpec(List<NodeGroup> nodes, String proxyMode, String loadBalancerPool, List<String> images) {
            this(nodes, proxyMode, loadBalancerPool, images, false);
        }
    }

    /** {@code count} nodes with the same shape; taints in kubectl's {@code key=value:Effect} syntax. */
    public record NodeGroup(int count, String cpu, String memory, Integer pods, Map<String, String> labels,
            List<String> taints, String zone) {
    }

    /** One step; {@code index} counts from 0 as in {@code steps[3]}, {@code line} is where it starts. */
    public sealed interface Step {
        int index();

        int line();

        /** The step as the results name it: {@code steps[3] (line 12)}. */
        default String where() {
            return "steps[" + index() + "] (line " + line() + ")";
        }
    }

    public record Note(int index, int line, String text) implements Step {
    }

    /** A manifest to apply; {@code source} is "inline" or the file it came from. */
    public record Apply(int index, int line, String manifest, String source) implements Step {
    }

    /** A kubectl command line; {@code show} steps print their output with a heading, even with --quiet. */
    public record Kubectl(int index, int line, String command, boolean show) implements Step {
    }

    public record Advance(int index, int line, Duration duration) implements Step {
    }

    public record WaitFor(int index, int line, Condition condition, Duration timeout) implements Step {
    }

    /** {@code action} is one of {@link ScenarioParser#FAULTS}; {@code target} a node or a component. */
    public record Fault(int index, int line, String action, String target) implements Step {
    }

    /** {@code from} is {@code pod/<name>} (namespace/name allowed) or {@code outside} (the host kind runs on). */
    public record Curl(int index, int line, String from, String url, int count) implements Step {
    }

    public record Dns(int index, int line, String from, String name, String type) implements Step {
    }

    public record Expect(int index, int line, Expectation expectation) implements Step {
    }

    /** Something waitFor waits for; {@code text} as written. */
    public record Condition(String text, Kind kind, String namespace, String subject, String selector, String state,
            int count) {
        public enum Kind { ROLLOUT_COMPLETE, PODS_READY, PODS_RUNNING, POD_STATE, NODE_STATE }
    }

    /** What an expect step checks. */
    public sealed interface Expectation {
    }

    /** Pods of {@code namespace} that {@code selector} selects and pass the filters (null: any) number {@code count}. */
    public record PodCount(String namespace, String selector, String phase, String image, String node, Boolean ready,
            boolean terminating, int count) implements Expectation {
    }

    /**
     * Objects of a type ({@code persistentvolumeclaims}, {@code pvc}, {@code services}) that {@code selector}
     * selects, with {@code status.phase} equal to {@code phase} when given, number {@code count}.
     */
    public record ObjectCount(String namespace, String type, String selector, String phase, int count)
            implements Expectation {
    }

    /** The previous step's output contains {@code text}. */
    public record OutputContains(String text) implements Expectation {
    }

    /** {@code object} is {@code deployment/web} or {@code statefulset/web}. */
    public record RolloutComplete(String namespace, String object) implements Expectation {
    }

    /** The object's status condition {@code type} has {@code status} (and {@code reason}, when given). */
    public record ConditionIs(String namespace, String object, String type, String status, String reason)
            implements Expectation {
    }

    /** Every pod {@code selector} selects got its equal share of the previous curl step within {@code tolerance}. */
    public record Shares(String namespace, String selector, double tolerance) implements Expectation {
    }
}
