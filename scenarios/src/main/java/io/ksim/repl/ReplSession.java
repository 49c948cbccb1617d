package io.ksim.repl;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import io.ksim.kernel.GoDuration;
import io.ksim.kernel.TraceEvent;
import io.ksim.kubectl.CommandWords;
import io.ksim.kubectl.Kubectl;
import io.ksim.kubectl.KubectlException;
import io.ksim.kubectl.KubectlResult;
import io.ksim.kubectl.ResourceResolver;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.scheduler.SchedulingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One interactive session over a simulated cluster, without any terminal: {@link #execute} takes one line and
 * returns what it printed. A line is a kubectl command, with or without the {@code kubectl} word (run by
 * {@link Kubectl}), or one of the simulator's verbs:
 *
 * <pre>
 * advance 30s              run virtual time forward
 * fail node-2              power a node off (kubelet, kube-proxy and containers gone)
 * recover node-2           power it on again
 * explain pod NAME [-n NS] the scheduler's last decision about a pod, node by node
 * iptables-save node-1     the nat and filter rules kube-proxy keeps on a node (either mode)
 * ipvsadm node-1           the node's IPVS table, as ipvsadm -Ln prints it
 * trace [N]                the last N trace lines (20 by default)
 * help, exit, quit
 * </pre>
 *
 * Blank lines and lines starting with {@code #} do nothing. The scenario runner reuses the simulator verbs
 * through {@link #isSimVerb} and {@link #execute}.
 */
public final class ReplSession {

    /** The simulator's own verbs, in the order {@code help} lists them. */
    public static final List<String> SIM_VERBS =
            List.of("advance", "fail", "recover", "explain", "iptables-save", "ipvsadm", "trace", "help", "exit", "quit");

    static final int DEFAULT_TRACE_LINES = 20;

    private final Cluster cluster;
    private final Kubectl kubectl;
    private final ResourceResolver resources;

    public ReplSession(Cluster cluster) {
        this.cluster = cluster;
        this.kubectl = new Kubectl(cluster);
        this.resources = new ResourceResolver(cluster.api());
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The prompt, with the virtual time: {@code ksim [00:01:30]> }. */
    public String prompt() {
        return "ksim [" + clock(cluster.kernel().nanos()) + "]> ";
    }

    /** Runs one line and returns standard output followed by standard error. */
    public String execute(String line) {
        return run(line).output();
    }

    /** Whether {@code words} is a simulator verb rather than a kubectl command. */
    public boolean isSimVerb(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        String verb = words.get(0);
        if (verb.equals("explain")) {
            return explainTarget(words) != null;
        }
        return SIM_VERBS.contains(verb);
    }

    /** Runs one line. */
    public ReplResult run(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return ReplResult.ok("");
        }
        List<String> words;
        try {
            words = CommandWords.split(trimmed);
        } catch (KubectlException e) {
            return ReplResult.error(e.getMessage() + "\n");
        }
        if (words.isEmpty()) {
            return ReplResult.ok("");
        }
        if (!isSimVerb(words)) {
            KubectlResult r = kubectl.run(words, "");
            return new ReplResult(r.exitCode(), r.out(), r.err(), false);
        }
        try {
            return simVerb(words);
        } catch (ApiException e) {
            return ReplResult.error(e.kubectlMessage() + "\n");
        } catch (KubectlException | IllegalArgumentException e) {
            String m = e.getMessage();
            return ReplResult.error((m.startsWith("error: ") ? m : "error: " + m) + "\n");
        }
    }

    private ReplResult simVerb(List<String> words) {
        String verb = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (verb) {
            case "exit", "quit" -> new ReplResult(0, "", "", true);
            case "help" -> ReplResult.ok(help());
            case "advance" -> advance(args);
            case "fail" -> power(args, false);
            case "recover" -> power(args, true);
            case "explain" -> explain(words);
            case "iptables-save" -> iptablesSave(args);
            case "ipvsadm" -> ipvsadm(args);
            case "trace" -> trace(args);
            default -> throw new IllegalStateException(verb);
        };
    }

    static String help() {
        return """
                Type kubectl commands with or without the word kubectl (get pods -o wide, kubectl describe pod web-1),
                or one of the simulator's verbs:
                  advance DURATION          run virtual time forward (30s, 1m30s, 500ms)
                  fail NODE                 power a node off: its kubelet, kube-proxy and containers are gone
                  recover NODE              power a node on again
                  explain pod NAME [-n NS]  the scheduler's last decision about a pod: per node the filter that
                                            rejected it, or the score table, ranked as the scheduler ranked them
                  iptables-save NODE        the iptables rules kube-proxy keeps on a node
                  ipvsadm NODE              the node's IPVS table, as ipvsadm -Ln prints it (ipvs mode)
                  trace [N]                 the last N lines of the trace (default 20)
                  help                      this text
                  exit, quit                leave (Ctrl-D too)
                The prompt shows the virtual time; it moves only with advance and with commands that wait.
                """;
    }

    private ReplResult advance(List<String> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("advance takes one duration, e.g. advance 30s");
        }
        Duration d = GoDuration.parse(args.get(0));
        if (d.isNegative()) {
            throw new IllegalArgumentException("virtual time only moves forward: " + args.get(0));
        }
        int before = cluster.trace().size();
        cluster.advance(d);
        int events = cluster.trace().size() - before;
        return ReplResult.ok("advanced " + GoDuration.format(d) + " to " + clock(cluster.kernel().nanos())
                + ": " + events + " trace event" + (events == 1 ? "" : "s")
                + (events == 0 ? "" : " (trace " + events + " shows them)") + "\n");
    }

    private ReplResult power(List<String> args, boolean on) {
        String node = oneNode(args, on ? "recover" : "fail");
        boolean powered = cluster.kubelet(node).isPoweredOn();
        if (powered == on) {
            return ReplResult.ok(node + " is already powered " + (on ? "on" : "off") + "\n");
        }
        if (on) {
            cluster.powerOn(node);
        } else {
            cluster.powerOff(node);
        }
        return ReplResult.ok(node + " powered " + (on ? "on" : "off") + "\n");
    }

    private String oneNode(List<String> args, String verb) {
        List<String> nodes = new ArrayList<>();
        for (String a : args) {
            if (!a.equals("-L") && !a.equals("-n") && !a.equals("-Ln") && !a.equals("-nL")) {
                nodes.add(a);
            } else if (!verb.equals("ipvsadm")) {
                throw new IllegalArgumentException("unknown flag " + a + " for " + verb);
            }
        }
        if (nodes.size() != 1) {
            throw new IllegalArgumentException(verb + " takes one node name, e.g. " + verb + " "
                    + (cluster.nodeNames().isEmpty() ? "node-1" : cluster.nodeNames().get(0)));
        }
        String node = nodes.get(0);
        if (!cluster.nodeNames().contains(node)) {
            throw new IllegalArgumentException("no node \"" + node + "\" (nodes: "
                    + String.join(", ", cluster.nodeNames()) + ")");
        }
        return node;
    }

    /** The namespace and name of {@code explain pod NAME [-n NS]}, or null when the line is kubectl's explain. */
    private String[] explainTarget(List<String> words) {
        String namespace = "default";
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("-n") || w.equals("--namespace")) && i + 1 < words.size()) {
                namespace = words.get(++i);
            } else if (w.startsWith("--namespace=")) {
                namespace = w.substring("--namespace=".length());
            } else if (w.startsWith("-n") && w.length() > 2) {
                namespace = w.substring(2);
            } else if (w.startsWith("-")) {
                return null;
            } else {
                positional.add(w);
            }
        }
        String kind;
        String name;
        if (positional.size() == 1 && positional.get(0).contains("/")) {
            int slash = positional.get(0).indexOf('/');
            kind = positional.get(0).substring(0, slash);
            name = positional.get(0).substring(slash + 1);
        } else if (positional.size() == 2) {
            kind = positional.get(0);
            name = positional.get(1);
        } else {
            return null;
        }
        ResourceType<?> type;
        try {
            type = resources.resolve(kind);
        } catch (KubectlException e) {
            return null;
        }
        return type == BuiltinResources.PODS && !name.isEmpty() ? new String[] {namespace, name} : null;
    }

    private ReplResult explain(List<String> words) {
        String[] target = explainTarget(words);
        String namespace = target[0];
        String name = target[1];
        Optional<SchedulingDecision> decision = cluster.scheduler().explain(namespace, name);
        if (decision.isPresent()) {
            return ReplResult.ok(SchedulingExplanation.format(decision.get()));
        }
        Pod pod = cluster.pod(namespace, name); // NotFound when there is no such pod
        if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
            return ReplResult.ok("Pod " + namespace + "/" + name + " was created with spec.nodeName "
                    + pod.spec().nodeName() + ": the scheduler never placed it.\n");
        }
        return ReplResult.ok("Pod " + namespace + "/" + name + " has not been through a scheduling attempt yet.\n");
    }

    private ReplResult iptablesSave(List<String> args) {
        String node = oneNode(args, "iptables-save");
        KubeProxy proxy = runningProxy(node);
        // Both modes write iptables rules (ipvs mode its ipset matches), and earlier kube-proxies' rules stay.
        String rules = proxy.iptablesSave();
        if (rules == null) {
            throw new IllegalArgumentException("kube-proxy on " + node + " has not synced its rules yet");
        }
        return ReplResult.ok(rules);
    }

    private ReplResult ipvsadm(List<String> args) {
        String node = oneNode(args, "ipvsadm");
        KubeProxy proxy = runningProxy(node);
        if (proxy.mode() != KubeProxy.Mode.IPVS || proxy.ipvsState() == null) {
            // In iptables mode kube-proxy programs no virtual servers: ipvsadm prints its headers only.
            return ReplResult.ok("IP Virtual Server version 1.2.1 (size=4096)\n"
                    + "Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
        }
        return ReplResult.ok(proxy.ipvsState().ipvsadm());
    }

    private KubeProxy runningProxy(String node) {
        if (!cluster.kubelet(node).isPoweredOn()) {
            throw new IllegalArgumentException(node + " is powered off");
        }
        KubeProxy proxy = cluster.kubeProxy(node);
        if (proxy == null || !cluster.isKubeProxyRunning(node)) {
            throw new IllegalArgumentException("no kube-proxy is running on " + node + " (its kube-proxy pod is not Running)");
        }
        return proxy;
    }

    private ReplResult trace(List<String> args) {
        int n = DEFAULT_TRACE_LINES;
        if (args.size() > 1) {
            throw new IllegalArgumentException("trace takes at most one number, e.g. trace 50");
        }
        if (args.size() == 1) {
            try {
                n = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                throw new IllegalArgumentException("trace takes a number of lines, not \"" + args.get(0) + "\"");
            }
        }
        List<TraceEvent> events = cluster.trace().events();
        StringBuilder out = new StringBuilder();
        for (TraceEvent e : events.subList(Math.max(0, events.size() - n), events.size())) {
            out.append(e.format()).append('\n');
        }
        return ReplResult.ok(out.toString());
    }

    /** Virtual time as the prompt shows it: {@code 00:01:30} (hours grow past two digits if need be). */
    private static String clock(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
