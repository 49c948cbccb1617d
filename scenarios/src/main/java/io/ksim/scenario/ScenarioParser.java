package io.ksim.scenario;

import io.ksim.api.resource.Quantity;
import io.ksim.cluster.ClusterFaults;
import io.ksim.kernel.GoDuration;
import io.ksim.node.ImageCatalog;
import io.ksim.scenario.Scenario.Condition;
import io.ksim.scenario.Scenario.Expectation;
import io.ksim.scenario.Scenario.NodeGroup;
import io.ksim.scenario.Scenario.Step;
import io.ksim.scenario.YamlNode.Mapping;
import io.ksim.scenario.YamlNode.Scalar;
import io.ksim.scenario.YamlNode.Sequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a scenario file and checks all of it before anything runs: unknown keys, wrong types, missing fields,
 * bad durations, quantities, taints, conditions, unknown nodes and components are errors naming file, line,
 * column, the field and the rule ({@link ScenarioException}).
 *
 * <pre>
 * name: rolling-update
 * description: A Deployment of four nginx pods is updated to a new image.
 * seed: 42
 * cluster:
 *   nodes:
 *     - {count: 3, cpu: "2", memory: 4Gi, zone: zone-a}
 *   images: ["nginx:1.25 size=70Mi ready=3s"]
 * steps:
 *   - apply: web.yaml
 *   - waitFor: {condition: "rollout complete deployment/web", timeout: 2m}
 *   - expect: {pods: {selector: app=web, phase: Running, count: 4}}
 * </pre>
 */
public final class ScenarioParser {

    /** The fault actions ({@link ClusterFaults}): on a node, on the node's network, or on a component. */
    public static final Set<String> NODE_FAULTS = Set.copyOf(ClusterFaults.NODE_ACTIONS);
    public static final Set<String> COMPONENT_FAULTS = Set.copyOf(ClusterFaults.COMPONENT_ACTIONS);
    static final List<String> FAULTS = ClusterFaults.ACTIONS;

    /** Components a fault can crash or restart: the scheduler, the whole controller manager, or one controller. */
    public static final List<String> COMPONENTS = ClusterFaults.COMPONENTS;

    static final Duration DEFAULT_WAIT = Duration.ofMinutes(5);
    private static final String DURATION_HINT = " (want e.g. 30s, 2m, 1h30m)";
    private static final Pattern TAINT = Pattern.compile("([A-Za-z0-9./_-]+)(=([A-Za-z0-9._-]*))?:(NoSchedule|PreferNoSchedule|NoExecute)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private final String file;
    private final Path directory;
    private int nodeCount;
    private boolean controlPlane;

    private ScenarioParser(String file, Path directory) {
        this.file = file;
        this.directory = directory;
    }

    /** Parses the scenario file at {@code path}; its name in errors is the path as given. */
    public static Scenario parse(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ScenarioException(path.toString(), 1, 1, "", "cannot read the file: " + e.getMessage());
        }
        Path dir = path.toAbsolutePath().getParent();
        return parse(path.toString(), dir, text);
    }

    /**
     * Parses {@code text}; {@code file} names it in errors, {@code directory} is where {@code apply:} file
     * paths resolve (null: only inline manifests and bundled files).
     */
    public static Scenario parse(String file, Path directory, String text) {
        return new ScenarioParser(file, directory).scenario(YamlNode.parse(file, text));
    }

    private Scenario scenario(YamlNode root) {
        Mapping m = mapping(root, Set.of("name", "description", "seed", "cluster", "steps"), Set.of("name", "steps"));
        String name = string(m.get("name"));
        if (!NAME.matcher(name).matches()) {
            throw m.get("name").error("invalid name \"" + name
                    + "\" (want lower-case letters, digits and '-', as a Kubernetes object name)");
        }
        String description = m.get("description") == null ? "" : string(m.get("description")).strip();
        long seed = m.get("seed") == null ? 42 : integer(m.get("seed"), Long.MIN_VALUE, Long.MAX_VALUE);
        Scenario.ClusterSpec cluster = cluster(m.get("cluster"));
        nodeCount = cluster.nodes().stream().mapToInt(NodeGroup::count).sum();
        controlPlane = cluster.controlPlane();
        Sequence stepList = sequence(m.get("steps"));
        if (stepList.items.isEmpty()) {
            throw stepList.error("a scenario needs at least one step");
        }
        List<Step> steps = new ArrayList<>();
        for (YamlNode s : stepList.items) {
            steps.add(step(steps.size(), s));
        }
        return new Scenario(file, directory, name, description, seed, cluster, List.copyOf(steps));
    }

    // ---- cluster ----------------------------------------------------------------------------------------

    private Scenario.ClusterSpec cluster(YamlNode node) {
        if (node == null) {
            return new Scenario.ClusterSpec(List.of(new NodeGroup(3, null, null, null, Map.of(), List.of(), null)),
                    "iptables", null, List.of());
        }
        Mapping m = mapping(node, Set.of("nodes", "proxyMode", "loadBalancerPool", "images", "controlPlane"), Set.of());
        List<NodeGroup> groups = new ArrayList<>();
        if (m.get("nodes") == null) {
            groups.add(new NodeGroup(3, null, null, null, Map.of(), List.of(), null));
        } else {
            for (YamlNode n : sequence(m.get("nodes")).items) {
                groups.add(nodeGroup(n));
            }
        }
        if (groups.stream().mapToInt(NodeGroup::count).sum() == 0) {
            throw (m.get("nodes") == null ? m : m.get("nodes")).error("a cluster needs at least one node");
        }
        String proxyMode = "iptables";
        if (m.get("proxyMode") != null) {
            proxyMode = string(m.get("proxyMode"));
            if (!proxyMode.equals("iptables") && !proxyMode.equals("ipvs")) {
                throw m.get("proxyMode").error("invalid proxy mode \"" + proxyMode + "\" (want iptables or ipvs)");
            }
        }
        String pool = null;
        if (m.get("loadBalancerPool") != null) {
            pool = string(m.get("loadBalancerPool"));
            if (!pool.matches("\\d+\\.\\d+\\.\\d+\\.\\d+-\\d+\\.\\d+\\.\\d+\\.\\d+|\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
                throw m.get("loadBalancerPool").error("invalid address pool \"" + pool
                        + "\" (want a range 172.18.255.200-172.18.255.250 or a CIDR 172.18.255.0/24)");
            }
        }
        List<String> images = new ArrayList<>();
        if (m.get("images") != null) {
            for (YamlNode i : sequence(m.get("images")).items) {
                String line = string(i);
                try {
                    ImageCatalog.builder().image(line);
                } catch (RuntimeException e) {
                    throw i.error("invalid image line \"" + line + "\": " + e.getMessage() + " (syntax: docs/images.md)");
                }
                images.add(line);
            }
        }
        boolean controlPlane = m.get("controlPlane") != null && bool(m.get("controlPlane"));
        return new Scenario.ClusterSpec(List.copyOf(groups), proxyMode, pool, List.copyOf(images), controlPlane);
    }

    private NodeGroup nodeGroup(YamlNode node) {
        Mapping m = mapping(node, Set.of("count", "cpu", "memory", "pods", "labels", "taints", "zone"), Set.of());
        int count = m.get("count") == null ? 1 : (int) integer(m.get("count"), 0, 1000);
        String cpu = m.get("cpu") == null ? null : quantity(m.get("cpu"));
        String memory = m.get("memory") == null ? null : quantity(m.get("memory"));
        Integer pods = m.get("pods") == null ? null : (int) integer(m.get("pods"), 1, 10000);
        Map<String, String> labels = new TreeMap<>();
        if (m.get("labels") != null) {
            Mapping l = mapping(m.get("labels"), null, Set.of());
            l.entries.forEach((k, v) -> labels.put(k, string(v)));
        }
        List<String> taints = new ArrayList<>();
        if (m.get("taints") != null) {
            for (YamlNode t : sequence(m.get("taints")).items) {
                String s = string(t);
                if (!TAINT.matcher(s).matches()) {
                    throw t.error("invalid taint \"" + s
                            + "\" (want key=value:Effect or key:Effect, Effect one of NoSchedule, PreferNoSchedule, NoExecute)");
                }
                taints.add(s);
            }
        }
        String zone = m.get("zone") == null ? null : string(m.get("zone"));
        return new NodeGroup(count, cpu, memory, pods, Map.copyOf(labels), List.copyOf(taints), zone);
    }

    /** Parses a taint in kubectl's {@code key=value:Effect} syntax (checked by the parser). */
    static io.ksim.api.core.Taint taint(String s) {
        var m = TAINT.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid taint " + s);
        }
        return io.ksim.api.core.Taint.of(m.group(1), m.group(3) == null ? null : m.group(3), m.group(4));
    }

    // ---- steps ------------------------------------------------------------------------------------------

    private static final List<String> STEP_KINDS = List.of("note", "apply", "kubectl", "show", "advance", "waitFor",
            "fault", "curl", "dns", "expect");

    private Step step(int index, YamlNode node) {
        if (!(node instanceof Mapping m) || m.entries.size() != 1) {
            throw node.error("a step is a mapping with one key, one of " + String.join(", ", STEP_KINDS));
        }
        String kind = m.entries.keySet().iterator().next();
        YamlNode v = m.get(kind);
        int line = node.line;
        return switch (kind) {
            case "note" -> new Scenario.Note(index, line, string(v).strip());
            case "apply" -> apply(index, line, v);
            case "kubectl", "show" -> new Scenario.Kubectl(index, line, command(v, kind), kind.equals("show"));
            case "advance" -> new Scenario.Advance(index, line, duration(v));
            case "waitFor" -> waitFor(index, line, v);
            case "fault" -> fault(index, line, v);
            case "curl" -> curl(index, line, v);
            case "dns" -> dns(index, line, v);
            case "expect" -> new Scenario.Expect(index, line, expectation(v));
            default -> throw m.keyError(kind, "unknown step \"" + kind + "\" (want one of "
                    + String.join(", ", STEP_KINDS) + ")");
        };
    }

    /**
     * A kubectl command line, or for {@code show} also one of the simulator verbs that only look (iptables-save,
     * ipvsadm, explain pod, trace, endpoint-bytes); either may end in {@code | grep PATTERN}.
     */
    private String command(YamlNode v, String kind) {
        String c = string(v).strip();
        if (c.startsWith("kubectl ")) {
            c = c.substring("kubectl ".length()).strip();
        }
        if (c.isEmpty()) {
            throw v.error("empty kubectl command");
        }
        List<String> words;
        try {
            words = io.ksim.kubectl.CommandWords.split(c);
            io.ksim.repl.Grep.fromPipe(words);
        } catch (io.ksim.kubectl.KubectlException | IllegalArgumentException e) {
            throw v.error(e.getMessage());
        }
        var verb = io.ksim.repl.SimVerbs.verb(words.get(0));
        if (verb.isPresent() && !verb.get().inspects()) {
            throw v.error("\"" + words.get(0) + "\" is not a kubectl command; a scenario "
                    + (words.get(0).equals("advance") ? "moves time with an advance step" : "injects faults with a fault step"));
        }
        if (verb.isPresent() && kind.equals("kubectl") && !words.get(0).equals("explain")) {
            throw v.error("\"" + words.get(0) + "\" is a simulator verb, not a kubectl command: use a show step");
        }
        return c;
    }

    private Step apply(int index, int line, YamlNode v) {
        String text = string(v);
        if (text.contains("\n") || text.contains(":")) {
            return new Scenario.Apply(index, line, text, "inline");
        }
        String path = text.strip();
        String manifest = Bundled.readRelative(directory, path);
        if (manifest == null) {
            throw v.error("no file \"" + path + "\" (a path is relative to the scenario file; an inline manifest "
                    + "is a multi-line string)");
        }
        return new Scenario.Apply(index, line, manifest, path);
    }

    private Step waitFor(int index, int line, YamlNode v) {
        Mapping m = mapping(v, Set.of("condition", "timeout", "namespace"), Set.of("condition"));
        String ns = namespace(m);
        Condition c = condition(m.get("condition"), ns);
        Duration timeout = m.get("timeout") == null ? DEFAULT_WAIT : duration(m.get("timeout"));
        return new Scenario.WaitFor(index, line, c, timeout);
    }

    private String namespace(Mapping m) {
        if (m.get("namespace") == null) {
            return "default";
        }
        String ns = string(m.get("namespace"));
        if (!NAME.matcher(ns).matches()) {
            throw m.get("namespace").error("invalid namespace \"" + ns + "\"");
        }
        return ns;
    }

    private static final String CONDITIONS = "want \"rollout complete deployment/web\", \"pods ready app=web 4\", "
            + "\"pods running app=web 4\", \"pod web-0 Running\" (a phase, Ready or Gone) or \"node node-2 NotReady\" "
            + "(Ready or NotReady)";

    private Condition condition(YamlNode node, String ns) {
        String text = string(node).strip();
        String[] w = text.split("\\s+");
        Function<String, ScenarioException> bad = why -> node.error("invalid condition \"" + text + "\": " + why);
        if (w.length == 3 && w[0].equals("rollout") && w[1].equals("complete")) {
            rolloutObject(node, w[2]);
            return new Condition(text, Condition.Kind.ROLLOUT_COMPLETE, ns, w[2], null, null, 0);
        }
        if (w.length >= 4 && w[0].equals("pods") && (w[1].equals("ready") || w[1].equals("running"))) {
            int count;
            try {
                count = Integer.parseInt(w[w.length - 1]);
            } catch (NumberFormatException e) {
                throw bad.apply("the last word is the number of pods");
            }
            String selector = String.join(" ", java.util.Arrays.asList(w).subList(2, w.length - 1));
            checkSelector(node, selector);
            return new Condition(text, w[1].equals("ready") ? Condition.Kind.PODS_READY : Condition.Kind.PODS_RUNNING,
                    ns, null, selector, null, count);
        }
        if (w.length == 3 && w[0].equals("pod")) {
            if (!Set.of("Pending", "Running", "Succeeded", "Failed", "Ready", "Gone").contains(w[2])) {
                throw bad.apply("a pod state is Pending, Running, Succeeded, Failed, Ready or Gone");
            }
            return new Condition(text, Condition.Kind.POD_STATE, ns, w[1], null, w[2], 0);
        }
        if (w.length == 3 && w[0].equals("node")) {
            if (!w[2].equals("Ready") && !w[2].equals("NotReady")) {
                throw bad.apply("a node state is Ready or NotReady");
            }
            checkNode(node, w[1]);
            return new Condition(text, Condition.Kind.NODE_STATE, null, w[1], null, w[2], 0);
        }
        throw bad.apply(CONDITIONS);
    }

    private static void rolloutObject(YamlNode node, String object) {
        int slash = object.indexOf('/');
        if (slash < 0 || io.ksim.kubectl.RolloutStatusViewer.workload(object.substring(0, slash)) == null
                || !object.substring(slash + 1).matches("[a-z0-9.-]+")) {
            throw node.error("invalid rollout object \"" + object
                    + "\" (want deployment/<name>, daemonset/<name> or statefulset/<name>)");
        }
    }

    private void checkNode(YamlNode node, String name) {
        if (controlPlane && name.equals("control-plane")) {
            return;
        }
        if (!name.matches("node-\\d+") || Integer.parseInt(name.substring(5)) < 1
                || Integer.parseInt(name.substring(5)) > nodeCount) {
            throw node.error("no node \"" + name + "\" (the cluster has " + (controlPlane ? "control-plane and " : "")
                    + "node-1 to node-" + nodeCount + ")");
        }
    }

    private Step fault(int index, int line, YamlNode v) {
        Mapping m = mapping(v, Set.copyOf(FAULTS), Set.of());
        if (m.entries.size() != 1) {
            throw m.error("a fault is one of " + String.join(", ", FAULTS) + " with its target");
        }
        String action = m.entries.keySet().iterator().next();
        YamlNode t = m.get(action);
        String target = string(t);
        if (NODE_FAULTS.contains(action)) {
            checkNode(t, target);
        } else if (!COMPONENTS.contains(target)) {
            throw t.error("unknown component \"" + target + "\" (want one of " + String.join(", ", COMPONENTS) + ")");
        }
        return new Scenario.Fault(index, line, action, target);
    }

    private String from(YamlNode node) {
        String from = string(node);
        if (!from.equals("outside") && !from.matches("pod/([a-z0-9.-]+/)?[a-z0-9.-]+")) {
            throw node.error("invalid source \"" + from + "\" (want pod/<name>, pod/<namespace>/<name> or outside)");
        }
        return from;
    }

    private Step curl(int index, int line, YamlNode v) {
        Mapping m = mapping(v, Set.of("from", "url", "count"), Set.of("from", "url"));
        String url = string(m.get("url"));
        if (!url.matches("(https?://)?[A-Za-z0-9.-]+(:\\d+)?(/.*)?")) {
            throw m.get("url").error("invalid URL \"" + url + "\" (want http://host[:port][/path])");
        }
        int count = m.get("count") == null ? 1 : (int) integer(m.get("count"), 1, 100_000);
        return new Scenario.Curl(index, line, from(m.get("from")), url, count);
    }

    private Step dns(int index, int line, YamlNode v) {
        Mapping m = mapping(v, Set.of("from", "name", "type"), Set.of("from", "name"));
        String type = m.get("type") == null ? "A" : string(m.get("type"));
        if (!Set.of("A", "SRV", "PTR", "CNAME", "AAAA").contains(type)) {
            throw m.get("type").error("invalid record type \"" + type + "\" (want A, AAAA, SRV, PTR or CNAME)");
        }
        String from = from(m.get("from"));
        if (from.equals("outside")) {
            throw m.get("from").error("DNS is asked from a pod: cluster names resolve only inside the cluster");
        }
        return new Scenario.Dns(index, line, from, string(m.get("name")), type);
    }

    private static final List<String> EXPECTATIONS = List.of("pods", "objects", "output", "rolloutComplete",
            "condition", "shares");

    private Expectation expectation(YamlNode v) {
        Mapping m = mapping(v, Set.copyOf(EXPECTATIONS), Set.of());
        if (m.entries.size() != 1) {
            throw m.error("an expectation is one of " + String.join(", ", EXPECTATIONS));
        }
        String kind = m.entries.keySet().iterator().next();
        YamlNode e = m.get(kind);
        switch (kind) {
            case "pods" -> {
                Mapping p = mapping(e, Set.of("selector", "namespace", "phase", "image", "node", "ready", "terminating",
                        "count"), Set.of("count"));
                String phase = p.get("phase") == null ? null : string(p.get("phase"));
                if (phase != null && !Set.of("Pending", "Running", "Succeeded", "Failed", "Unknown").contains(phase)) {
                    throw p.get("phase").error("invalid phase \"" + phase
                            + "\" (want Pending, Running, Succeeded, Failed or Unknown)");
                }
                String node = p.get("node") == null ? null : string(p.get("node"));
                if (node != null) {
                    checkNode(p.get("node"), node);
                }
                return new Scenario.PodCount(namespace(p), selector(p.get("selector")),
                        phase, p.get("image") == null ? null : string(p.get("image")), node,
                        p.get("ready") == null ? null : bool(p.get("ready")),
                        p.get("terminating") != null && bool(p.get("terminating")),
                        (int) integer(p.get("count"), 0, 100_000));
            }
            case "objects" -> {
                Mapping o = mapping(e, Set.of("type", "selector", "namespace", "phase", "count"), Set.of("type", "count"));
                String type = string(o.get("type"));
                if (!type.matches("[A-Za-z]+(\\.[a-z0-9.-]+)?")) {
                    throw o.get("type").error("invalid resource type \"" + type + "\" (want e.g. pvc, services, deployments.apps)");
                }
                return new Scenario.ObjectCount(namespace(o), type, selector(o.get("selector")),
                        o.get("phase") == null ? null : string(o.get("phase")), (int) integer(o.get("count"), 0, 100_000));
            }
            case "output" -> {
                return new Scenario.OutputContains(string(e));
            }
            case "rolloutComplete" -> {
                if (e instanceof Mapping r) {
                    Mapping rm = mapping(r, Set.of("object", "namespace"), Set.of("object"));
                    rolloutObject(rm.get("object"), string(rm.get("object")));
                    return new Scenario.RolloutComplete(namespace(rm), string(rm.get("object")));
                }
                rolloutObject(e, string(e));
                return new Scenario.RolloutComplete("default", string(e));
            }
            case "condition" -> {
                Mapping c = mapping(e, Set.of("object", "namespace", "type", "status", "reason"),
                        Set.of("object", "type"));
                String object = string(c.get("object"));
                if (!object.matches("[A-Za-z.]+/[a-z0-9.-]+")) {
                    throw c.get("object").error("invalid object \"" + object + "\" (want <type>/<name>, e.g. deployment/web)");
                }
                String status = c.get("status") == null ? "True" : string(c.get("status"));
                if (!Set.of("True", "False", "Unknown").contains(status)) {
                    throw c.get("status").error("invalid status \"" + status + "\" (want \"True\", \"False\" or \"Unknown\")");
                }
                return new Scenario.ConditionIs(namespace(c), object, string(c.get("type")), status,
                        c.get("reason") == null ? null : string(c.get("reason")));
            }
            default -> {
                Mapping s = mapping(e, Set.of("selector", "namespace", "tolerance"), Set.of("selector"));
                double tolerance = 0.1;
                if (s.get("tolerance") != null) {
                    try {
                        tolerance = Double.parseDouble(scalar(s.get("tolerance")).text);
                    } catch (NumberFormatException ex) {
                        tolerance = -1;
                    }
                    if (!(tolerance >= 0 && tolerance <= 1)) {
                        throw s.get("tolerance").error("invalid tolerance (want a fraction between 0 and 1, e.g. 0.1)");
                    }
                }
                return new Scenario.Shares(namespace(s), selector(s.get("selector")), tolerance);
            }
        }
    }

    // ---- typed values -----------------------------------------------------------------------------------

    /** A mapping with only {@code allowed} keys (null: any) and every {@code required} one. */
    private static Mapping mapping(YamlNode node, Set<String> allowed, Set<String> required) {
        if (!(node instanceof Mapping m)) {
            throw node.error("want a mapping, got " + node.describe());
        }
        if (allowed != null) {
            for (String key : m.entries.keySet()) {
                if (!allowed.contains(key)) {
                    throw m.keyError(key, "unknown key \"" + key + "\" (allowed: "
                            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
                }
            }
        }
        for (String key : new java.util.TreeSet<>(required)) {
            if (m.get(key) == null) {
                throw m.error("missing field \"" + key + "\"");
            }
        }
        return m;
    }

    private static Sequence sequence(YamlNode node) {
        if (!(node instanceof Sequence s)) {
            throw node.error("want a list, got " + node.describe());
        }
        return s;
    }

    private static Scalar scalar(YamlNode node) {
        if (!(node instanceof Scalar s) || s.isNull()) {
            throw node.error("want a value, got " + node.describe());
        }
        return s;
    }

    private static String string(YamlNode node) {
        Scalar s = scalar(node);
        if (s.token != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
            throw node.error("want a string, got " + node.describe() + " (quote it)");
        }
        return s.text;
    }

    private static long integer(YamlNode node, long min, long max) {
        Scalar s = scalar(node);
        if (s.token != com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
            throw node.error("want a whole number, got " + node.describe());
        }
        long v;
        try {
            v = Long.parseLong(s.text);
        } catch (NumberFormatException e) {
            throw node.error("number out of range: " + s.text);
        }
        if (v < min || v > max) {
            throw node.error("number out of range: " + v + " (want " + min + " to " + max + ")");
        }
        return v;
    }

    private static boolean bool(YamlNode node) {
        Scalar s = scalar(node);
        if (s.token != com.fasterxml.jackson.core.JsonToken.VALUE_TRUE
                && s.token != com.fasterxml.jackson.core.JsonToken.VALUE_FALSE) {
            throw node.error("want true or false, got " + node.describe());
        }
        return s.token == com.fasterxml.jackson.core.JsonToken.VALUE_TRUE;
    }

    /** A label selector in kubectl's syntax ({@code app=web}, {@code tier in (web,api)}); empty selects all. */
    private static String selector(YamlNode node) {
        if (node == null) {
            return "";
        }
        String text = string(node);
        checkSelector(node, text);
        return text;
    }

    private static void checkSelector(YamlNode node, String text) {
        if (text.isBlank()) {
            return;
        }
        try {
            io.ksim.api.selector.LabelSelector.parse(text);
        } catch (RuntimeException e) {
            throw node.error("invalid label selector \"" + text + "\": " + e.getMessage());
        }
    }

    private static Duration duration(YamlNode node) {
        Scalar s = scalar(node);
        // Go's syntax without a sign: a scenario's durations are never negative.
        if (!s.text.startsWith("-") && !s.text.startsWith("+")) {
            try {
                return GoDuration.parse(s.text);
            } catch (IllegalArgumentException e) {
                // Reported below in the scenario's words.
            }
        }
        throw node.error("invalid duration \"" + s.text + "\"" + DURATION_HINT);
    }

    private static String quantity(YamlNode node) {
        Scalar s = scalar(node);
        try {
            Quantity.parse(s.text);
        } catch (RuntimeException e) {
            throw node.error("invalid quantity \"" + s.text + "\" (want e.g. 2, 500m, 4Gi)");
        }
        return s.text;
    }

}
