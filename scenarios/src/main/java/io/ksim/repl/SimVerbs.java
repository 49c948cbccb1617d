package io.ksim.repl;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Service;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import io.ksim.cluster.ClusterFaults;
import io.ksim.kernel.Fault;
import io.ksim.kernel.GoDuration;
import io.ksim.kernel.TraceEvent;
import io.ksim.kubectl.KubectlException;
import io.ksim.kubectl.ResourceResolver;
import io.ksim.network.endpoints.KubeProxyFanout;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.IptablesSave;
import io.ksim.scheduler.SchedulingDecision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The simulator's own verbs, in one table that both {@code ksim repl} ({@link ReplSession}) and the scenario
 * runner's {@code show} steps use: what an instructor would look at on a node or ask the scheduler, and the
 * verbs that move time or power. {@link Verb#inspects()} tells the two kinds apart: a scenario shows only what
 * inspects (it moves time and faults nodes with steps of their own).
 *
 * <pre>
 * advance 30s                     run virtual time forward
 * fail node-2 / recover node-2    power a node off / on
 * fault partition node-2          any fault a scenario's fault step injects (ClusterFaults)
 * explain pod NAME [-n NS]        the scheduler's last decision about a pod, node by node
 * iptables-save node-1 [-t nat]   the iptables rules kube-proxy keeps on a node (either mode), one table or both
 * ipvsadm node-1                  the node's IPVS table, as ipvsadm -Ln prints it
 * trace [N]                       the last N trace lines (20 by default)
 * endpoint-bytes web [-n NS]      the bytes one Service's endpoint changes send to the kube-proxies
 * </pre>
 */
public final class SimVerbs {

    /** One verb: its name, its usage as help prints it, its help text and whether it only looks. */
    public record Verb(String name, String usage, String help, boolean inspects) {
    }

    /** The verbs in the order {@code help} lists them. */
    public static final List<Verb> VERBS = List.of(
            new Verb("advance", "advance DURATION", "run virtual time forward (30s, 1m30s, 500ms)", false),
            new Verb("fail", "fail NODE", "power a node off: its kubelet, kube-proxy and containers are gone", false),
            new Verb("recover", "recover NODE", "power a node on again", false),
            new Verb("fault", "fault ACTION TARGET", "a fault as a scenario's fault step injects it:\npowerOff, powerOn, "
                    + "stopKubelet, startKubelet, partition or\nheal a NODE; crash or restart kube-scheduler,\n"
                    + "kube-controller-manager or one controller", false),
            new Verb("explain", "explain pod NAME [-n NS]", "the scheduler's last decision about a pod: per node the "
                    + "filter that\nrejected it, or the score table, ranked as the scheduler ranked them", true),
            new Verb("iptables-save", "iptables-save NODE", "the iptables rules kube-proxy keeps on a node; "
                    + "-t nat or\n-t filter prints one table", true),
            new Verb("ipvsadm", "ipvsadm NODE", "the node's IPVS table, as ipvsadm -Ln prints it (ipvs mode)", true),
            new Verb("trace", "trace [N]", "the last N lines of the trace (default 20)", true),
            new Verb("endpoint-bytes", "endpoint-bytes SERVICE", "what a Service's Endpoints and EndpointSlices weigh "
                    + "([-n NS]),\nand the bytes their changes sent to every kube-proxy since the\nfirst "
                    + "endpoint-bytes (--nodes N: count N nodes' kube-proxies)", true));

    static final int DEFAULT_TRACE_LINES = 20;

    private final Cluster cluster;
    private final ResourceResolver resources;
    /** Per Service (namespace/name), the byte count that its first endpoint-bytes started. */
    private final Map<String, Fanout> fanouts = new TreeMap<>();

    private record Fanout(KubeProxyFanout counter, long sinceNanos) {
    }

    public SimVerbs(Cluster cluster) {
        this.cluster = cluster;
        this.resources = new ResourceResolver(cluster.api());
    }

    /** The verb named {@code name}, if there is one. */
    public static Optional<Verb> verb(String name) {
        return VERBS.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /**
     * Whether {@code words} is one of these verbs rather than a kubectl command; {@code explain} is the
     * simulator's only as {@code explain pod NAME} (kubectl explain documents fields).
     */
    public boolean isSimVerb(List<String> words) {
        if (words.isEmpty() || verb(words.get(0)).isEmpty()) {
            return false;
        }
        return !words.get(0).equals("explain") || explainTarget(words) != null;
    }

    /** Runs {@code words} (a sim verb, see {@link #isSimVerb}); a bad argument or missing object is an error result. */
    public ReplResult run(List<String> words) {
        try {
            List<String> args = words.subList(1, words.size());
            return switch (words.get(0)) {
                case "advance" -> advance(args);
                case "fail" -> power(args, false);
                case "recover" -> power(args, true);
                case "fault" -> fault(args);
                case "explain" -> explain(words);
                case "iptables-save" -> iptablesSave(args);
                case "ipvsadm" -> ipvsadm(args);
                case "trace" -> trace(args);
                case "endpoint-bytes" -> endpointBytes(args);
                default -> throw new IllegalStateException(words.get(0));
            };
        } catch (ApiException e) {
            return ReplResult.error(e.kubectlMessage() + "\n");
        } catch (KubectlException | IllegalArgumentException e) {
            String m = e.getMessage();
            return ReplResult.error((m.startsWith("error: ") ? m : "error: " + m) + "\n");
        }
    }

    /** The verbs' lines of {@code help}: usage padded to a column, continuation lines under the text. */
    static String helpLines() {
        StringBuilder b = new StringBuilder();
        for (Verb v : VERBS) {
            String[] lines = v.help().split("\n");
            b.append(String.format("  %-26s%s%n", v.usage(), lines[0]));
            for (int i = 1; i < lines.length; i++) {
                b.append(" ".repeat(28)).append(lines[i]).append('\n');
            }
        }
        return b.toString();
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

    private ReplResult fault(List<String> args) {
        if (args.size() != 2) {
            throw new IllegalArgumentException("fault takes an action and a target, e.g. fault partition "
                    + (cluster.nodeNames().isEmpty() ? "node-1" : cluster.nodeNames().get(0)));
        }
        String action = args.get(0);
        String target = args.get(1);
        if (ClusterFaults.NODE_ACTIONS.contains(action)) {
            oneNode(List.of(target), "fault " + action);
        } else if (!ClusterFaults.COMPONENT_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("unknown fault \"" + action + "\" (want one of "
                    + String.join(", ", ClusterFaults.ACTIONS) + ")");
        } else if (!ClusterFaults.COMPONENTS.contains(target)) {
            throw new IllegalArgumentException("unknown component \"" + target + "\" (want one of "
                    + String.join(", ", ClusterFaults.COMPONENTS) + ")");
        }
        Fault fault = ClusterFaults.of(cluster, action, target);
        ClusterFaults.inject(cluster, fault);
        return ReplResult.ok(target + ": " + fault.description() + "\n");
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
        if (node.startsWith("-")) {
            throw new IllegalArgumentException("unknown flag " + node + " for " + verb);
        }
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
        List<String> rest = new ArrayList<>();
        String table = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-t") || a.equals("--table")) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException("iptables-save: option \"" + a + "\" requires an argument");
                }
                table = args.get(++i);
            } else if (a.startsWith("--table=")) {
                table = a.substring("--table=".length());
            } else {
                rest.add(a);
            }
        }
        if (table != null && !IptablesSave.TABLES.contains(table)) {
            throw new IllegalArgumentException("iptables-save: ksim models the tables kube-proxy writes ("
                    + String.join(", ", IptablesSave.TABLES) + "), not \"" + table + "\"");
        }
        String node = oneNode(rest, "iptables-save");
        KubeProxy proxy = runningProxy(node);
        // Both modes write iptables rules (ipvs mode its ipset matches), and earlier kube-proxies' rules stay.
        String rules = table == null ? proxy.iptablesSave() : proxy.iptablesSave(table);
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
            throw new IllegalArgumentException("no kube-proxy is running on " + node
                    + " (its kube-proxy pod is not Running)");
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

    /**
     * {@code endpoint-bytes SERVICE [-n NS] [--nodes N]}: the encoded size of the Service's Endpoints object and
     * of each of its EndpointSlices, what one changed endpoint costs (the whole object to every kube-proxy: the
     * Endpoints object, or the one slice holding it), and what the watch events since the first endpoint-bytes
     * of this Service cost, measured by {@link KubeProxyFanout}.
     */
    private ReplResult endpointBytes(List<String> args) {
        String namespace = "default";
        Integer nodes = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-n") || a.equals("--namespace") || a.equals("--nodes")) && i + 1 == args.size()) {
                throw new IllegalArgumentException("flag needs an argument: " + a);
            } else if (a.equals("-n") || a.equals("--namespace")) {
                namespace = args.get(++i);
            } else if (a.startsWith("--namespace=")) {
                namespace = a.substring("--namespace=".length());
            } else if (a.equals("--nodes") || a.startsWith("--nodes=")) {
                String v = a.equals("--nodes") ? args.get(++i) : a.substring("--nodes=".length());
                try {
                    nodes = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    nodes = 0;
                }
                if (nodes < 1) {
                    throw new IllegalArgumentException("--nodes takes a positive number of nodes, not \"" + v + "\"");
                }
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown flag " + a + " for endpoint-bytes");
            } else {
                names.add(a);
            }
        }
        if (names.size() != 1) {
            throw new IllegalArgumentException("endpoint-bytes takes one Service name, e.g. endpoint-bytes web");
        }
        String name = names.get(0);
        Service svc = cluster.api().get(BuiltinResources.SERVICES, namespace, name); // NotFound names it
        int proxies = nodes != null ? nodes : cluster.nodeNames().size();
        String key = namespace + "/" + name;
        boolean first = !fanouts.containsKey(key);
        Fanout fanout = fanouts.computeIfAbsent(key, k -> new Fanout(KubeProxyFanout.watchService(cluster.api(),
                () -> 1, svc.metadata().namespace(), name), cluster.kernel().nanos()));

        Endpoints ep = cluster.api().list(BuiltinResources.ENDPOINTS, namespace,
                e -> e.metadata().name().equals(name)).items().stream().findFirst().orElse(null);
        List<EndpointSlice> slices = new ArrayList<>(cluster.api().list(BuiltinResources.ENDPOINT_SLICES, namespace,
                s -> name.equals(s.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME))).items());
        slices.sort(Comparator.comparing(s -> s.metadata().name()));
        int addresses = ep == null ? 0 : ep.subsets().stream()
                .mapToInt(s -> s.addresses().size() + s.notReadyAddresses().size()).sum();
        long endpointsSize = ep == null ? 0 : KubeProxyFanout.encodedSize(ep);
        long largestSlice = 0;
        StringBuilder out = new StringBuilder();
        out.append("Service ").append(key).append(": ").append(count(addresses, "endpoint")).append('\n');
        out.append(String.format(Locale.ROOT, "  %-44s %5d addresses  %s%n", "Endpoints " + name, addresses,
                bytes(endpointsSize)));
        for (EndpointSlice s : slices) {
            long size = KubeProxyFanout.encodedSize(s);
            largestSlice = Math.max(largestSlice, size);
            out.append(String.format(Locale.ROOT, "  %-44s %5d endpoints  %s%n", "EndpointSlice " + s.metadata().name(),
                    s.endpoints().size(), bytes(size)));
        }
        String n = String.format(Locale.ROOT, "%,d", proxies);
        out.append("Every kube-proxy watches them all and gets each changed object whole. One endpoint changing sends to ")
                .append(count(proxies, "node")).append(":\n");
        out.append(String.format(Locale.ROOT, "  Endpoints       %s x %s = %s%n", String.format(Locale.ROOT, "%,d",
                endpointsSize), n, bytes(endpointsSize * proxies)));
        out.append(String.format(Locale.ROOT, "  EndpointSlices  %s x %s = %s (the largest slice)%n",
                String.format(Locale.ROOT, "%,d", largestSlice), n, bytes(largestSlice * proxies)));
        KubeProxyFanout c = fanout.counter();
        if (first) {
            out.append("Counting from now (").append(clock(fanout.sinceNanos())).append("): endpoint-bytes ")
                    .append(name).append(" again shows the bytes sent since.\n");
        } else {
            out.append("Sent to ").append(count(proxies, "node")).append("' kube-proxies since ")
                    .append(clock(fanout.sinceNanos())).append(":\n");
            out.append(String.format(Locale.ROOT, "  Endpoints       %-10s %s%n", count(c.endpointsEvents(), "event"),
                    bytes(c.endpointsBytes() * proxies)));
            out.append(String.format(Locale.ROOT, "  EndpointSlices  %-10s %s%n", count(c.endpointSliceEvents(), "event"),
                    bytes(c.endpointSliceBytes() * proxies)));
        }
        return ReplResult.ok(out.toString());
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** A byte count as {@code 1,234,567 bytes (1.2 MB)}: decimal units, as the EndpointSlice blog counts. */
    static String bytes(long n) {
        String exact = String.format(Locale.ROOT, "%,d bytes", n);
        if (n < 1000) {
            return exact;
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return exact + String.format(Locale.ROOT, " (%.1f %s)", v, units[u]);
    }

    /** Virtual time as the prompt shows it: {@code 00:01:30} (hours grow past two digits if need be). */
    static String clock(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
