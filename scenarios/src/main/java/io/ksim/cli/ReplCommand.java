package io.ksim.cli;

import io.ksim.cluster.Cluster;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.repl.ReplConsole;
import io.ksim.repl.ReplSession;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ksim repl}: an interactive prompt over a simulated cluster; see {@link ReplSession} for the verbs. */
@Command(name = "repl",
        description = "An interactive prompt over a simulated cluster: kubectl commands (with or without the word "
                + "kubectl) and the simulator's verbs (advance 30s, fail node-2, explain pod NAME, iptables-save "
                + "node-1, trace 20, help). Reads plain lines when standard input is not a terminal.")
final class ReplCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--nodes", paramLabel = "N", description = "Number of nodes, 2 CPUs and 4Gi each "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int nodes;

    @Option(names = "--proxy-mode", paramLabel = "MODE", description = "kube-proxy mode: iptables or ipvs "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "iptables")
    String proxyMode;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The cluster the prompt starts with. */
    static Cluster cluster(long seed, int nodes, KubeProxy.Mode mode) {
        return Cluster.builder().seed(seed).nodes(nodes, n -> n.cpu("2").memory("4Gi")).proxyMode(mode).build();
    }

    static KubeProxy.Mode mode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "iptables", "" -> KubeProxy.Mode.IPTABLES;
            case "ipvs" -> KubeProxy.Mode.IPVS;
            default -> throw new IllegalArgumentException("--proxy-mode must be iptables or ipvs, not \"" + text + "\"");
        };
    }

    static String banner(long seed, int nodes, KubeProxy.Mode mode) {
        return "ksim repl: " + nodes + " node" + (nodes == 1 ? "" : "s") + ", seed " + seed + ", kube-proxy in "
                + mode.name().toLowerCase(Locale.ROOT) + " mode. Type help for the verbs; exit, quit or Ctrl-D "
                + "leaves.\n";
    }

    @Override
    public Integer call() {
        if (nodes < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--nodes must not be negative: " + nodes);
        }
        KubeProxy.Mode mode;
        try {
            mode = mode(proxyMode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ReplSession session = new ReplSession(cluster(seed, nodes, mode));
        Path history = Path.of(System.getProperty("user.home"), ".ksim_history");
        return ReplConsole.system(session, history).run(banner(seed, nodes, mode));
    }
}
