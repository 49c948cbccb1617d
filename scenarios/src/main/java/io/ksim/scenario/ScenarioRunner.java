package io.ksim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.core.Container;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import io.ksim.cluster.ClusterFaults;
import io.ksim.controller.deployment.RolloutCommands;
import io.ksim.kernel.GoDuration;
import io.ksim.kernel.TraceEvent;
import io.ksim.kubectl.Kubectl;
import io.ksim.kubectl.KubectlException;
import io.ksim.kubectl.KubectlResult;
import io.ksim.kubectl.ResourceResolver;
import io.ksim.kubectl.RolloutStatusViewer;
import io.ksim.network.dns.DnsRecord;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.dns.Resolver;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.walk.Curl;
import io.ksim.node.NodeConfig;
import io.ksim.repl.Grep;
import io.ksim.repl.ReplResult;
import io.ksim.repl.SimVerbs;
import io.ksim.scenario.Scenario.Condition;
import io.ksim.scenario.Scenario.NodeGroup;
import io.ksim.scenario.Scenario.Step;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs a {@link Scenario} on a fresh {@link Cluster}: builds the cluster the file describes, runs its steps in
 * order and prints the narrated trace (one {@link TraceEvent#format()} line per decision), notes, each command's
 * output and one line per expectation. Everything runs on virtual time, so the same scenario and seed print
 * the same bytes; only a {@link Pacing} (instructor mode) touches the wall clock.
 */
public final class ScenarioRunner {

    /** How the trace is printed: readable lines, or one JSON object per line (every other line is JSON then too). */
    public enum TraceFormat { TEXT, JSON }

    /**
     * Hooks for a presenter: before each step, and each time virtual time moves on (with the new time). The
     * runner itself never looks at the wall clock.
     */
    public interface Pacing {
        Pacing NONE = new Pacing() {
        };

        default void beforeStep(Step step) {
        }

        default void virtualTime(long nanos) {
        }
    }

    /**
     * @param seed    overrides the scenario's seed when not null
     * @param quiet   print only notes, shows and expectation results (no trace, no other command output)
     */
    public record Options(Long seed, boolean quiet, TraceFormat trace, Pacing pacing) {
        public Options {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(pacing, "pacing");
        }

        public static Options defaults() {
            return new Options(null, false, TraceFormat.TEXT, Pacing.NONE);
        }
    }

    /** How a scenario went: expectations (and waits, and steps that failed) passed and failed. */
    public record Result(String scenario, int passed, int failed) {
        public boolean ok() {
            return failed == 0;
        }
    }

    /**
     * Watches a run from outside (the HTML report does): the cluster as soon as it is built, before any step,
     * and the answers per backend pod of every curl step.
     */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void clusterBuilt(Cluster cluster) {
        }

        default void traffic(String label, String url, Map<String, Integer> hitsByBackend) {
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Scenario scenario;
    private final Options options;
    private final PrintStream out;
    private final long seed;
    private final Listener listener;
    private Cluster cluster;
    private Kubectl kubectl;
    private SimVerbs verbs;
    /** The last rollout verdict and the object version it was read from. */
    private String lastRolloutKey;
    private RolloutCommands.RolloutStatus lastRollout;
    private String lastOutput = "";
    private Map<String, Integer> lastShares;
    private int lastRequests;
    private int passed;
    private int failed;

    private ScenarioRunner(Scenario scenario, Options options, PrintStream out, Listener listener) {
        this.scenario = scenario;
        this.listener = listener;
        this.options = options;
        this.out = out;
        this.seed = options.seed() != null ? options.seed() : scenario.seed();
    }

    /** Runs {@code scenario}, printing to {@code out}. */
    public static Result run(Scenario scenario, Options options, PrintStream out) {
        return run(scenario, options, out, Listener.NONE);
    }

    /** Runs {@code scenario}, printing to {@code out}, with {@code listener} watching. */
    public static Result run(Scenario scenario, Options options, PrintStream out, Listener listener) {
        return new ScenarioRunner(scenario, options, out, listener).run();
    }

    /** Builds the cluster a scenario describes (nodes named node-1, node-2, ... in file order). */
    public static Cluster buildCluster(Scenario.ClusterSpec spec, long seed) {
        Cluster.Builder b = Cluster.builder().seed(seed);
        for (NodeGroup g : spec.nodes()) {
            b.nodes(g.count(), n -> shape(n, g));
        }
        spec.images().forEach(b::image);
        b.proxyMode(spec.proxyMode().equals("ipvs") ? KubeProxy.Mode.IPVS : KubeProxy.Mode.IPTABLES);
        if (spec.loadBalancerPool() != null) {
            b.loadBalancerPool(spec.loadBalancerPool());
        }
        b.controlPlane(spec.controlPlane());
        return b.build();
    }

    private static void shape(NodeConfig.Builder n, NodeGroup g) {
        if (g.cpu() != null) {
            n.cpu(g.cpu());
        }
        if (g.memory() != null) {
            n.memory(g.memory());
        }
        if (g.pods() != null) {
            n.pods(g.pods());
        }
        g.labels().forEach(n::label);
        if (g.zone() != null) {
            n.zone(g.zone());
        }
        g.taints().forEach(t -> n.taint(ScenarioParser.taint(t)));
    }

    private Result run() {
        header();
        cluster = buildCluster(scenario.cluster(), seed);
        listener.clusterBuilt(cluster);
        kubectl = new Kubectl(cluster);
        verbs = new SimVerbs(cluster);
        if (scenario.directory() != null) {
            kubectl.workingDirectory(scenario.directory());
        }
        // kind hands over a cluster whose default ServiceAccount exists (pods are refused without it).
        cluster.runUntil(() -> !cluster.api().list(BuiltinResources.SERVICE_ACCOUNTS, "default").items().isEmpty(),
                Duration.ofMinutes(1));
        cluster.trace().addListener(this::trace);
        for (Step step : scenario.steps()) {
            options.pacing().beforeStep(step);
            try {
                runStep(step);
            } catch (ApiException e) {
                fail(step, describe(step), e.kubectlMessage());
            } catch (RuntimeException e) {
                fail(step, describe(step), e.getMessage() == null ? e.toString() : e.getMessage());
            }
            options.pacing().virtualTime(cluster.kernel().nanos());
        }
        summary();
        return new Result(scenario.name(), passed, failed);
    }

    // ---- steps -------------------------------------------------------------------------------------------

    private void runStep(Step step) {
        if (step instanceof Scenario.Note n) {
            note(n.text());
        } else if (step instanceof Scenario.Apply a) {
            // kubectl apply -f - with the manifest on stdin: created / configured / unchanged, as on a real cluster.
            KubectlResult r = kubectl.run(java.util.List.of("apply", "-f", "-"), a.manifest());
            command(step, "$ kubectl apply -f " + (a.source().equals("inline") ? "-" : a.source()), r.output(), false);
            if (!r.succeeded()) {
                throw new IllegalStateException(r.err().strip());
            }
        } else if (step instanceof Scenario.Kubectl k) {
            show(step, k);
        } else if (step instanceof Scenario.Advance a) {
            cluster.advance(a.duration());
        } else if (step instanceof Scenario.WaitFor w) {
            waitFor(w);
        } else if (step instanceof Scenario.Fault f) {
            fault(f);
        } else if (step instanceof Scenario.Curl c) {
            curl(c);
        } else if (step instanceof Scenario.Dns d) {
            dns(d);
        } else if (step instanceof Scenario.Expect e) {
            expect(e);
        }
    }

    /**
     * A kubectl step, or a show step: a kubectl command or one of the simulator verbs that look at a node or
     * the scheduler (the REPL's table, {@link SimVerbs}), with an optional {@code | grep PATTERN}.
     */
    private void show(Step step, Scenario.Kubectl k) {
        List<String> words = io.ksim.kubectl.CommandWords.split(k.command());
        Grep grep = Grep.fromPipe(words);
        List<String> command = grep == null ? words : words.subList(0, words.indexOf("|"));
        ReplResult r;
        boolean simVerb = k.show() && verbs.isSimVerb(command);
        if (simVerb) {
            r = verbs.run(command);
        } else {
            KubectlResult kr = kubectl.run(command, "");
            r = new ReplResult(kr.exitCode(), kr.out(), kr.err(), false);
        }
        r = grep == null ? r : grep.apply(r);
        command(step, (simVerb ? "$ " : "$ kubectl ") + k.command(), r.output(), k.show());
    }

    private String describe(Step step) {
        if (step instanceof Scenario.Apply a) {
            return "apply " + a.source();
        } else if (step instanceof Scenario.Kubectl k) {
            return (k.show() ? "show " : "kubectl ") + k.command();
        } else if (step instanceof Scenario.Advance a) {
            return "advance " + GoDuration.format(a.duration());
        } else if (step instanceof Scenario.WaitFor w) {
            return "waitFor " + w.condition().text();
        } else if (step instanceof Scenario.Fault f) {
            return "fault " + f.action() + " " + f.target();
        } else if (step instanceof Scenario.Curl c) {
            return "curl " + c.url() + " from " + c.from();
        } else if (step instanceof Scenario.Dns d) {
            return "dns " + d.name() + " " + d.type() + " from " + d.from();
        } else if (step instanceof Scenario.Expect e) {
            return "expect " + describe(e.expectation());
        }
        return "note";
    }

    private void waitFor(Scenario.WaitFor w) {
        long start = cluster.kernel().nanos();
        boolean met = cluster.runUntil(() -> holds(w.condition()), w.timeout());
        String waited = TraceEvent.formatTime(cluster.kernel().nanos() - start);
        if (met) {
            pass(w, "waitFor " + w.condition().text(), "after " + waited);
        } else {
            fail(w, "waitFor " + w.condition().text(), "timed out after " + GoDuration.format(w.timeout()) + ": "
                    + conditionNow(w.condition()));
        }
    }

    private boolean holds(Condition c) {
        return switch (c.kind()) {
            case ROLLOUT_COMPLETE -> rollout(c.namespace(), c.subject()).done();
            case PODS_READY -> live(c.namespace(), c.selector()).stream().filter(PodConditions::isPodReady).count()
                    == c.count();
            case PODS_RUNNING -> live(c.namespace(), c.selector()).stream()
                    .filter(p -> "Running".equals(p.status().phase())).count() == c.count();
            case POD_STATE -> podState(c.namespace(), c.subject(), c.state());
            case NODE_STATE -> nodeReady(c.subject()) == c.state().equals("Ready");
        };
    }

    private String conditionNow(Condition c) {
        return switch (c.kind()) {
            case ROLLOUT_COMPLETE -> rollout(c.namespace(), c.subject()).message();
            case PODS_READY -> live(c.namespace(), c.selector()).stream().filter(PodConditions::isPodReady).count()
                    + " ready";
            case PODS_RUNNING -> live(c.namespace(), c.selector()).stream()
                    .filter(p -> "Running".equals(p.status().phase())).count() + " running";
            case POD_STATE -> {
                Pod p = findPod(c.namespace(), c.subject());
                yield p == null ? "pod " + c.subject() + " does not exist"
                        : "pod " + c.subject() + " is " + p.status().phase() + (PodConditions.isPodReady(p) ? ", ready"
                        : ", not ready") + (p.metadata().isBeingDeleted() ? ", terminating" : "");
            }
            case NODE_STATE -> "node " + c.subject() + " is " + (nodeReady(c.subject()) ? "Ready" : "NotReady");
        };
    }

    private boolean podState(String ns, String name, String state) {
        Pod p = findPod(ns, name);
        return switch (state) {
            case "Gone" -> p == null;
            case "Ready" -> p != null && PodConditions.isPodReady(p);
            default -> p != null && state.equals(p.status().phase());
        };
    }

    private Pod findPod(String ns, String name) {
        try {
            return cluster.pod(ns, name);
        } catch (ApiException notFound) {
            return null;
        }
    }

    private boolean nodeReady(String name) {
        Node n = cluster.api().get(BuiltinResources.NODES, null, name);
        Node.NodeCondition ready = n.status() == null ? null : n.status().condition(Node.NodeCondition.READY);
        return ready != null && "True".equals(ready.status());
    }

    /** Pods {@code selector} selects in {@code ns} that are not being deleted. */
    private List<Pod> live(String ns, String selector) {
        return cluster.pods(ns, selector).stream().filter(p -> !p.metadata().isBeingDeleted()).toList();
    }

    /** kubectl rollout status's verdict (its own status viewers), for a Deployment, DaemonSet or StatefulSet. */
    private RolloutCommands.RolloutStatus rollout(String ns, String object) {
        String kind = object.substring(0, object.indexOf('/'));
        String name = object.substring(object.indexOf('/') + 1);
        try {
            ResourceType<?> type = RolloutStatusViewer.workload(kind);
            KubeObject obj = cluster.api().get(type, ns, name);
            // waitFor asks after every event: the viewer reads a JSON tree, so ask it again only on a change.
            String key = type.resource() + "/" + ns + "/" + name + "@" + obj.metadata().resourceVersion();
            if (!key.equals(lastRolloutKey)) {
                lastRolloutKey = key;
                lastRollout = RolloutStatusViewer.status(type, obj);
            }
            return lastRollout;
        } catch (ApiException e) {
            return new RolloutCommands.RolloutStatus(e.kubectlMessage(), false);
        } catch (RuntimeException e) {
            return new RolloutCommands.RolloutStatus(String.valueOf(e.getMessage()), false);
        }
    }

    private void fault(Scenario.Fault f) {
        ClusterFaults.inject(cluster, ClusterFaults.of(cluster, f.action(), f.target()));
    }

    private Pod source(String from) {
        String ref = from.substring("pod/".length());
        String ns = "default";
        String name = ref;
        if (ref.contains("/")) {
            ns = ref.substring(0, ref.indexOf('/'));
            name = ref.substring(ref.indexOf('/') + 1);
        }
        return cluster.pod(ns, name);
    }

    private void curl(Scenario.Curl c) {
        Pod client = c.from().equals("outside") ? null : source(c.from());
        String heading = c.from().equals("outside") ? "$ curl -s " + c.url()
                : "$ kubectl exec " + execTarget(client) + " -- curl -s " + c.url();
        if (c.count() > 1) {
            heading = ">> curl " + c.url() + " from " + c.from() + ", " + c.count() + " times: answers per pod";
        }
        Map<String, Integer> shares = new TreeMap<>();
        Map<String, Integer> errors = new TreeMap<>();
        StringBuilder printed = new StringBuilder();
        for (int i = 0; i < c.count(); i++) {
            Curl.Response r = client == null ? cluster.network().curlFromOutside(c.url())
                    : cluster.network().curlFromPod(client, c.url());
            if (c.count() == 1) {
                printed.append(r.output());
            }
            if (r.exitCode() != 0) {
                errors.merge(r.output().strip(), 1, Integer::sum);
            } else if (r.walk() != null && r.walk().backendIP() != null) {
                shares.merge(podNameWithIP(r.walk().backendIP()), 1, Integer::sum);
            } else if (r.walk() != null) {
                shares.merge(podNameWithIP(r.resolvedIP()), 1, Integer::sum);
            }
        }
        if (c.count() > 1) {
            int width = shares.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Integer> e : shares.entrySet()) {
                printed.append(String.format(Locale.ROOT, "%-" + width + "s  %d/%d (%d%%)%n", e.getKey(), e.getValue(),
                        c.count(), Math.round(100.0 * e.getValue() / c.count())));
            }
            errors.forEach((text, n) -> printed.append(n).append("/").append(c.count()).append(" failed: ")
                    .append(text).append('\n'));
        }
        lastShares = shares;
        lastRequests = c.count();
        listener.traffic("curl from " + c.from(), c.url(), shares);
        command(c, heading, printed.toString(), false);
    }

    private static String execTarget(Pod p) {
        return ("default".equals(p.metadata().namespace()) ? "" : "-n " + p.metadata().namespace() + " ")
                + p.metadata().name();
    }

    private String podNameWithIP(String ip) {
        for (Pod p : cluster.pods(null)) {
            if (p.status() != null && ip != null && ip.equals(p.status().podIP())
                    && !Boolean.TRUE.equals(p.spec().hostNetwork())) {
                return p.metadata().name();
            }
        }
        return String.valueOf(ip);
    }

    private void dns(Scenario.Dns d) {
        Pod client = source(d.from());
        ResolvConf conf = cluster.network().resolvConf(client);
        Resolver.Lookup l = cluster.network().resolver(client).lookup(d.name(), d.type());
        StringBuilder sb = new StringBuilder();
        sb.append(";; resolv.conf: nameserver ").append(String.join(" ", conf.nameservers()));
        if (!conf.searches().isEmpty()) {
            sb.append("; search ").append(String.join(" ", conf.searches()));
        }
        conf.options().forEach((k, v) -> sb.append("; options ").append(k).append(v == null ? "" : ":" + v));
        sb.append('\n');
        for (String q : l.queries()) {
            sb.append(";; asked ").append(q).append(' ').append(d.type())
                    .append(q.equals(l.answeredName()) ? ": " + l.answer().rcode() : ": NXDOMAIN").append('\n');
        }
        sb.append(";; status: ").append(l.answer().rcode()).append('\n');
        for (DnsRecord r : l.answer().answers()) {
            sb.append(r).append('\n');
        }
        command(d, ">> dns " + d.name() + " " + d.type() + " from " + d.from()
                + ": the pod's resolv.conf, the names its resolver asks, the answer", sb.toString(), false);
    }

    // ---- expectations ------------------------------------------------------------------------------------

    private void expect(Scenario.Expect e) {
        String what = "expect " + describe(e.expectation());
        Scenario.Expectation x = e.expectation();
        if (x instanceof Scenario.PodCount p) {
            List<Pod> pods = cluster.pods(p.namespace(), p.selector()).stream().filter(pod -> matches(p, pod))
                    .toList();
            String names = pods.stream().map(pod -> pod.metadata().name()).toList().toString();
            check(e, what, pods.size() == p.count(), Integer.toString(p.count()), pods.size() + " " + names);
        } else if (x instanceof Scenario.ObjectCount o) {
            List<String> names = objects(o);
            check(e, what, names.size() == o.count(), Integer.toString(o.count()), names.size() + " " + names);
        } else if (x instanceof Scenario.OutputContains o) {
            boolean found = lastOutput.contains(o.text());
            check(e, what + " contains \"" + o.text() + "\"", found, "it",
                    found ? "found" : lastOutput.isEmpty() ? "no output" : "\"" + lastOutput.strip() + "\"");
        } else if (x instanceof Scenario.RolloutComplete r) {
            RolloutCommands.RolloutStatus s = rollout(r.namespace(), r.object());
            check(e, what, s.done(), "complete", s.message().strip());
        } else if (x instanceof Scenario.ConditionIs c) {
            String actual = conditionOf(c);
            String want = "status=" + c.status() + (c.reason() == null ? "" : " reason=" + c.reason());
            check(e, what, actual.equals(want) || (c.reason() == null && actual.startsWith(want + " ")), want, actual);
        } else if (x instanceof Scenario.Shares s) {
            shares(e, what, s);
        }
    }

    private boolean matches(Scenario.PodCount p, Pod pod) {
        if (pod.metadata().isBeingDeleted() != p.terminating()) {
            return false;
        }
        if (p.phase() != null && !p.phase().equals(pod.status().phase())) {
            return false;
        }
        if (p.image() != null && pod.spec().containers().stream().map(Container::image).noneMatch(p.image()::equals)) {
            return false;
        }
        if (p.node() != null && !p.node().equals(pod.spec().nodeName())) {
            return false;
        }
        return p.ready() == null || p.ready() == PodConditions.isPodReady(pod);
    }

    private List<String> objects(Scenario.ObjectCount o) {
        ResourceType<?> type = new ResourceResolver(cluster.api()).resolve(o.type());
        return list(type, type.namespaced() ? o.namespace() : null, o.selector()).stream()
                .filter(obj -> o.phase() == null || o.phase().equals(
                        KubeJson.json().valueToTree(obj).path("status").path("phase").asText()))
                .map(obj -> obj.metadata().name()).toList();
    }

    private <T extends KubeObject> List<T> list(ResourceType<T> type, String ns, String selector) {
        return cluster.api().list(type, ns, io.ksim.apiserver.ListOptions.labels(selector)).items();
    }

    private String conditionOf(Scenario.ConditionIs c) {
        String kind = c.object().substring(0, c.object().indexOf('/'));
        String name = c.object().substring(c.object().indexOf('/') + 1);
        ResourceType<?> type;
        try {
            type = new ResourceResolver(cluster.api()).resolve(kind);
        } catch (KubectlException e) {
            return e.getMessage();
        }
        KubeObject obj;
        try {
            obj = cluster.api().get(type, type.namespaced() ? c.namespace() : null, name);
        } catch (ApiException e) {
            return e.kubectlMessage();
        }
        JsonNode tree = KubeJson.json().valueToTree(obj);
        for (JsonNode cond : tree.path("status").path("conditions")) {
            if (c.type().equals(cond.path("type").asText())) {
                return "status=" + cond.path("status").asText() + " reason=" + cond.path("reason").asText();
            }
        }
        return "no condition " + c.type();
    }

    private void shares(Step step, String what, Scenario.Shares s) {
        if (lastShares == null) {
            fail(step, what, "no curl step ran before it");
            return;
        }
        List<String> pods = live(s.namespace(), s.selector()).stream().map(p -> p.metadata().name()).toList();
        if (pods.isEmpty()) {
            fail(step, what, "the selector selects no pods");
            return;
        }
        double fair = 1.0 / pods.size();
        boolean ok = true;
        StringBuilder actual = new StringBuilder();
        for (String pod : pods) {
            double share = lastShares.getOrDefault(pod, 0) / (double) lastRequests;
            ok &= Math.abs(share - fair) <= s.tolerance() + 1e-9;
            actual.append(actual.length() == 0 ? "" : ", ").append(pod).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", share));
        }
        for (String other : lastShares.keySet()) {
            if (!pods.contains(other)) {
                ok = false;
                actual.append(", ").append(other).append(' ').append(String.format(Locale.ROOT, "%.2f",
                        lastShares.get(other) / (double) lastRequests)).append(" (not selected)");
            }
        }
        check(step, what, ok, String.format(Locale.ROOT, "%.2f each within %.2f", fair, s.tolerance()),
                actual.toString());
    }

    private static String describe(Scenario.Expectation e) {
        if (e instanceof Scenario.PodCount p) {
            StringBuilder sb = new StringBuilder("pods");
            if (!p.selector().isEmpty()) {
                sb.append(" selector=").append(p.selector());
            }
            if (!"default".equals(p.namespace())) {
                sb.append(" namespace=").append(p.namespace());
            }
            if (p.phase() != null) {
                sb.append(" phase=").append(p.phase());
            }
            if (p.image() != null) {
                sb.append(" image=").append(p.image());
            }
            if (p.node() != null) {
                sb.append(" node=").append(p.node());
            }
            if (p.ready() != null) {
                sb.append(" ready=").append(p.ready());
            }
            if (p.terminating()) {
                sb.append(" terminating=true");
            }
            return sb.toString();
        } else if (e instanceof Scenario.ObjectCount o) {
            return "objects " + o.type() + (o.selector().isEmpty() ? "" : " selector=" + o.selector())
                    + (o.phase() == null ? "" : " phase=" + o.phase());
        } else if (e instanceof Scenario.RolloutComplete r) {
            return "rolloutComplete " + r.object();
        } else if (e instanceof Scenario.ConditionIs c) {
            return "condition " + c.object() + " " + c.type();
        } else if (e instanceof Scenario.Shares s) {
            return "shares selector=" + s.selector();
        }
        return "output";
    }

    private void check(Step step, String what, boolean ok, String expected, String actual) {
        if (ok) {
            pass(step, what, actual);
        } else {
            fail(step, what, "expected " + expected + ", got " + actual);
        }
    }

    // ---- printing ----------------------------------------------------------------------------------------

    private void pass(Step step, String what, String detail) {
        passed++;
        result(step, true, what, detail);
    }

    private void fail(Step step, String what, String detail) {
        failed++;
        result(step, false, what, detail);
    }

    private void result(Step step, boolean ok, String what, String detail) {
        if (options.trace() == TraceFormat.JSON) {
            ObjectNode o = json("result");
            o.put("step", step.index()).put("line", step.line()).put("passed", ok).put("check", what)
                    .put("detail", detail);
            emit(o);
            return;
        }
        out.println((ok ? "PASS " : "FAIL ") + scenario.file() + " " + step.where() + " " + what + ": " + detail);
    }

    private void trace(TraceEvent e) {
        options.pacing().virtualTime(e.nanos());
        if (options.quiet()) {
            return;
        }
        if (options.trace() == TraceFormat.JSON) {
            ObjectNode o = JSON.createObjectNode();
            o.put("type", "trace").put("time", TraceEvent.formatTime(e.nanos())).put("nanos", e.nanos())
                    .put("component", e.component()).put("kind", e.kind()).put("object", e.object())
                    .put("message", e.message());
            emit(o);
        } else {
            out.println(e.format());
        }
    }

    private void note(String text) {
        if (options.trace() == TraceFormat.JSON) {
            emit(json("note").put("text", text));
            return;
        }
        text.lines().forEach(l -> out.println(l.isEmpty() ? "#" : "# " + l));
    }

    private void command(Step step, String heading, String output, boolean show) {
        lastOutput = output;
        if (options.quiet() && !show) {
            return;
        }
        if (options.trace() == TraceFormat.JSON) {
            emit(json("output").put("step", step.index()).put("line", step.line()).put("command", heading)
                    .put("text", output));
            return;
        }
        out.println(heading);
        out.print(output);
        if (!output.isEmpty() && !output.endsWith("\n")) {
            out.println();
        }
    }

    private void header() {
        if (options.trace() == TraceFormat.JSON) {
            emit(json("scenario").put("name", scenario.name()).put("file", scenario.file()).put("seed", seed)
                    .put("description", scenario.description()));
            return;
        }
        out.println("=== " + scenario.name() + " (seed " + seed + ") ===");
        scenario.description().lines().forEach(l -> out.println(l.isEmpty() ? "#" : "# " + l));
    }

    private void summary() {
        if (options.trace() == TraceFormat.JSON) {
            emit(json("summary").put("name", scenario.name()).put("passed", passed).put("failed", failed));
            return;
        }
        out.println("=== " + scenario.name() + ": " + passed + " passed, " + failed + " failed ===");
    }

    private ObjectNode json(String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", type);
        if (cluster != null) {
            o.put("time", TraceEvent.formatTime(cluster.kernel().nanos()));
        }
        return o;
    }

    private void emit(ObjectNode o) {
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
