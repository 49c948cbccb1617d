package io.ksim.kubectl;

import io.ksim.api.core.Node;
import io.ksim.cluster.Drain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl drain NODE}: cordons the node, refuses or warns about the pods kubectl's filters name,
 * evicts the rest (a 429 from a PodDisruptionBudget is retried every 5 s) and waits until they are gone,
 * running virtual time forward; see {@link Drain}. Standard output gets the node and pod lines, standard
 * error the warnings and eviction retries, as with kubectl.
 */
@Command(name = "drain")
final class DrainCommand implements Callable<Integer> {

    /** How long a drain without --timeout may run in virtual time before ksim gives up on it. */
    static final Duration NO_TIMEOUT_LIMIT = Duration.ofHours(1);

    private final KubectlContext ctx;

    @Option(names = "--ignore-daemonsets")
    boolean ignoreDaemonSets;

    @Option(names = "--delete-emptydir-data")
    boolean deleteEmptyDirData;

    @Option(names = "--force")
    boolean force;

    @Option(names = "--grace-period", defaultValue = "-1")
    int gracePeriod;

    @Option(names = "--timeout", defaultValue = "0s")
    String timeout;

    @Option(names = "--pod-selector")
    String podSelector;

    @Option(names = "--disable-eviction")
    boolean disableEviction;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Parameters
    List<String> nodes = new ArrayList<>();

    DrainCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        Duration limit = DurationFlags.parse(timeout, "--timeout", "kubectl drain");
        if (podSelector != null && !podSelector.isEmpty() && !podSelector.matches("[-A-Za-z0-9_./!=, ()]*")) {
            throw new KubectlException("error: --pod-selector=<pod_selector> must be a valid label selector");
        }
        List<Node> found = CordonCommand.cordonAll(ctx, nodes, selector, "drain", true);
        Drain.Options options = new Drain.Options(ignoreDaemonSets, force, deleteEmptyDirData, gracePeriod, limit,
                podSelector, disableEviction);
        List<String> failed = new ArrayList<>();
        List<String> fatal = new ArrayList<>();
        for (Node n : found) {
            String name = n.metadata().name();
            String error = drain(name, options);
            if (error == null) {
                ctx.out().println("node/" + name + " drained");
            } else {
                ctx.err().println("error: unable to drain node \"" + name + "\" due to error: " + error
                        + ", continuing command...");
                failed.add(name);
                fatal.add(error);
            }
        }
        if (!failed.isEmpty()) {
            ctx.err().println("There are pending nodes to be drained:");
            failed.forEach(n -> ctx.err().println(" " + n));
            throw new KubectlException(fatal.size() == 1 ? fatal.get(0) : "[" + String.join(", ", fatal) + "]");
        }
        return 0;
    }

    /** Drains one (already cordoned) node; the error text, or null when drained. */
    private String drain(String node, Drain.Options options) {
        Drain d;
        try {
            d = Drain.start(ctx.cluster().kernel(), ctx.api(), node, options);
        } catch (Drain.DrainRefusedException e) {
            return e.getMessage();
        }
        ctx.cluster().runUntil(d::isDone, options.timeout().isZero() ? NO_TIMEOUT_LIMIT : options.timeout());
        // The first line is the cordon line, already printed.
        for (String line : d.output().subList(1, d.output().size())) {
            if (line.startsWith("node/") && line.endsWith(" drained")) {
                continue;
            }
            if (line.startsWith("Warning: ") || line.startsWith("error when ")) {
                ctx.err().println(line);
            } else {
                ctx.out().println(line);
            }
        }
        if (!d.isDone() || !d.errors().isEmpty()) {
            List<String> errs = d.errors().isEmpty() ? List.of("drain did not complete within " + NO_TIMEOUT_LIMIT.toHours()
                    + "h of virtual time") : d.errors();
            String err = errs.size() == 1 ? errs.get(0) : "[" + String.join(", ", errs) + "]";
            if (!d.pendingPods().isEmpty()) {
                ctx.err().println("There are pending pods in node \"" + node + "\" when an error occurred: " + err);
                d.pendingPods().forEach(p -> ctx.err().println("pod/" + p.substring(p.indexOf('/') + 1)));
            }
            return err;
        }
        return null;
    }
}
