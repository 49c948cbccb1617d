package io.ksim.kubectl;

import io.ksim.api.core.Container;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl top node} and {@code kubectl top pod} in kubectl's columns and units (CPU in m, memory in Mi,
 * percentages of the node's allocatable, truncated). ksim runs no metrics-server and no workload consumes
 * anything: a running container's usage is taken to be its requests, and a node's the sum over its running
 * pods.
 */
@Command(name = "top", subcommands = {TopCommand.Nodes.class, TopCommand.Pods.class})
final class TopCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    TopCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** Without a subcommand kubectl prints the command's help to stderr and fails. */
    @Override
    public Integer call() {
        ctx.err().print("""
                Display resource (CPU/memory) usage.

                 The top command allows you to see the resource consumption for nodes or pods.

                 This command requires Metrics Server to be correctly configured and working on the server.

                Available Commands:
                  node          Display resource (CPU/memory) usage of nodes
                  pod           Display resource (CPU/memory) usage of pods

                Usage:
                  kubectl top [flags] [options]

                Use "kubectl top <command> --help" for more information about a given command.
                Use "kubectl options" for a list of global command-line options (applies to all commands).
                """);
        return 1;
    }

    /** {@code kubectl top node [NAME]}. */
    @Command(name = "node", aliases = {"nodes", "no"})
    static final class Nodes implements Callable<Integer> {

        private final KubectlContext ctx;

        @Parameters(arity = "0..1")
        private String name;

        @Option(names = "--no-headers", arity = "0..1", fallbackValue = "true")
        private boolean noHeaders;

        @Option(names = "--show-capacity", arity = "0..1", fallbackValue = "true")
        private boolean showCapacity;

        @Option(names = {"-l", "--selector"})
        private String selector;

        @Option(names = "--sort-by")
        private String sortBy;

        Nodes(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<Node> nodes = name != null ? List.of(ctx.api().get(BuiltinResources.NODES, null, name))
                    : ctx.api().list(BuiltinResources.NODES, null,
                            selector == null ? ListOptions.everything() : ListOptions.labels(selector)).items();
            if (nodes.isEmpty()) {
                ctx.err().println("No resources found");
                return 0;
            }
            List<Pod> pods = ctx.api().list(BuiltinResources.PODS, null).items();
            List<List<String>> rows = new ArrayList<>();
            if (!noHeaders) {
                rows.add(List.of("NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"));
            }
            Map<String, long[]> usage = new java.util.HashMap<>();
            for (Node n : nodes) {
                long cpu = 0;
                long mem = 0;
                for (Pod p : pods) {
                    if (n.metadata().name().equals(p.spec().nodeName()) && "Running".equals(p.status().phase())) {
                        for (Container c : p.spec().containers()) {
                            cpu += request(c, "cpu").milliValue();
                            mem += request(c, "memory").value();
                        }
                    }
                }
                usage.put(n.metadata().name(), new long[] {cpu, mem});
            }
            nodes = sorted(nodes, sortBy, n -> usage.get(n.metadata().name()));
            for (Node n : nodes) {
                long cpu = usage.get(n.metadata().name())[0];
                long mem = usage.get(n.metadata().name())[1];
                Map<String, Quantity> available = showCapacity ? n.status().capacity() : n.status().allocatable();
                rows.add(List.of(n.metadata().name(), cpu + "m", percent(cpu, available.get("cpu")),
                        mem / (1024 * 1024) + "Mi", percent(mem * 1000, available.get("memory"))));
            }
            tabbed(ctx, rows);
            return 0;
        }

        private static String percent(long usedMilli, Quantity available) {
            if (available == null || available.milliValue() == 0) {
                return "0%";
            }
            return (long) ((double) usedMilli / (double) available.milliValue() * 100) + "%";
        }
    }

    /** {@code kubectl top pod [NAME] [-A] [--containers] [-l selector]}. */
    @Command(name = "pod", aliases = {"pods", "po"})
    static final class Pods implements Callable<Integer> {

        private final KubectlContext ctx;

        @Parameters(arity = "0..1")
        private String name;

        @Option(names = {"-A", "--all-namespaces"}, arity = "0..1", fallbackValue = "true")
        private boolean allNamespaces;

        @Option(names = "--containers", arity = "0..1", fallbackValue = "true")
        private boolean containers;

        @Option(names = "--no-headers", arity = "0..1", fallbackValue = "true")
        private boolean noHeaders;

        @Option(names = {"-l", "--selector"})
        private String selector;

        @Option(names = "--sort-by")
        private String sortBy;

        @Option(names = "--sum", arity = "0..1", fallbackValue = "true")
        private boolean sum;

        Pods(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String ns = allNamespaces ? null : ctx.namespace();
            List<Pod> pods;
            if (name != null) {
                Pod p = ctx.api().get(BuiltinResources.PODS, ns == null ? ctx.namespace() : ns, name);
                if (!"Running".equals(p.status().phase())) {
                    throw new KubectlException("error: Metrics not available for pod " + p.metadata().namespace()
                            + "/" + p.metadata().name() + ", age: " + age(p));
                }
                pods = List.of(p);
            } else {
                pods = ctx.api().list(BuiltinResources.PODS, ns,
                        selector == null ? ListOptions.everything() : ListOptions.labels(selector)).items()
                        .stream().filter(p -> "Running".equals(p.status().phase())).toList();
            }
            if (pods.isEmpty()) {
                ctx.err().println(ns == null ? "No resources found" : "No resources found in " + ns + " namespace.");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            boolean withNamespace = allNamespaces;
            if (!noHeaders) {
                List<String> h = new ArrayList<>();
                if (withNamespace) {
                    h.add("NAMESPACE");
                }
                if (containers) {
                    h.add("POD");
                }
                h.addAll(List.of("NAME", "CPU(cores)", "MEMORY(bytes)"));
                rows.add(h);
            }
            pods = sorted(pods, sortBy, p -> {
                long[] u = {0, 0};
                p.spec().containers().forEach(c -> {
                    u[0] += request(c, "cpu").milliValue();
                    u[1] += request(c, "memory").value();
                });
                return u;
            });
            long totalCpu = 0;
            long totalMem = 0;
            for (Pod p : pods) {
                for (Container c : p.spec().containers()) {
                    totalCpu += request(c, "cpu").milliValue();
                    totalMem += request(c, "memory").value();
                }
                if (containers) {
                    List<Container> cs = new ArrayList<>(p.spec().containers());
                    cs.sort(java.util.Comparator.comparing(Container::name));
                    for (Container c : cs) {
                        List<String> row = new ArrayList<>();
                        if (withNamespace) {
                            row.add(p.metadata().namespace());
                        }
                        row.add(p.metadata().name());
                        row.add(c.name());
                        row.add(request(c, "cpu").milliValue() + "m");
                        row.add(request(c, "memory").value() / (1024 * 1024) + "Mi");
                        rows.add(row);
                    }
                } else {
                    long cpu = 0;
                    long mem = 0;
                    for (Container c : p.spec().containers()) {
                        cpu += request(c, "cpu").milliValue();
                        mem += request(c, "memory").value();
                    }
                    List<String> row = new ArrayList<>();
                    if (withNamespace) {
                        row.add(p.metadata().namespace());
                    }
                    row.addAll(List.of(p.metadata().name(), cpu + "m", mem / (1024 * 1024) + "Mi"));
                    rows.add(row);
                }
            }
            if (sum) {
                // kubectl's sum: underlines below the two usage columns, then the totals.
                int width = 3 + (withNamespace ? 1 : 0) + (containers ? 1 : 0);
                List<String> line = new ArrayList<>();
                for (int i = 0; i < width - 2; i++) {
                    line.add("");
                }
                line.add("________");
                line.add("________");
                rows.add(line);
                List<String> total = new ArrayList<>();
                for (int i = 0; i < width - 3; i++) {
                    total.add("");
                }
                total.addAll(List.of("", totalCpu + "m", totalMem / (1024 * 1024) + "Mi"));
                rows.add(total);
            }
            tabbed(ctx, rows);
            return 0;
        }

        private String age(Pod p) {
            java.time.Duration d = java.time.Duration.between(p.metadata().creationTimestamp(), ctx.now());
            long s = d.getSeconds();
            return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60) + "s"
                    : (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
        }
    }

    /**
     * kubectl's --sort-by for top: "cpu" or "memory", largest first (ties in name order); empty: by name, as
     * listed; anything else is kubectl's error.
     */
    static <T> List<T> sorted(List<T> items, String sortBy, java.util.function.Function<T, long[]> usage) {
        if (sortBy == null || sortBy.isEmpty()) {
            return items;
        }
        int index = switch (sortBy) {
            case "cpu" -> 0;
            case "memory" -> 1;
            default -> throw new KubectlException("error: --sort-by accepts only cpu or memory");
        };
        List<T> out = new ArrayList<>(items);
        out.sort(java.util.Comparator.comparingLong((T t) -> -usage.apply(t)[index]));
        return out;
    }

    private static Quantity request(Container c, String resource) {
        if (c.resources() == null || c.resources().requests() == null) {
            return Quantity.ZERO;
        }
        Quantity q = c.resources().requests().get(resource);
        return q == null ? Quantity.ZERO : q;
    }

    /** The rows through kubectl's printer tab writer, each cell (the last too) ending in a tab. */
    static void tabbed(KubectlContext ctx, List<List<String>> rows) {
        ctx.out().print(TabWriter.rows(rows, true));
    }
}
