package io.ksim.cli;

import io.ksim.api.core.Pod;
import io.ksim.cluster.Cluster;
import io.ksim.kubectl.printers.TabWriter;
import io.ksim.repl.ReplResult;
import io.ksim.repl.SimVerbs;
import io.ksim.scenario.Scenario;
import io.ksim.scenario.ScenarioRunner;
import io.ksim.scheduler.SchedulingDecision;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ksim explain SCENARIO [POD...]}: plays a scenario without printing it, then asks the scheduler about
 * the pods as they are at its end. Each POD named prints what {@code explain pod NAME} prints at
 * {@code ksim repl} (the same {@link SimVerbs} verb); with no POD, one row per pod the scheduler decided about.
 * Exit 0, or 2 for a scenario that cannot be loaded or a POD that names no single pod (nothing is explained
 * then). An expectation that fails in the scenario is only noted on standard error: the explanation is of
 * the cluster as the scenario left it, which is what one wants to understand when it fails.
 *
 * <pre>
 * $ ksim explain taints-and-affinity nvme
 * Pod default/nvme, attempt 3 at 81.800s: unschedulable
 *   0/3 nodes are available: ...
 * </pre>
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Play a scenario without printing it, then print the scheduler's last decision about each POD "
                + "as 'explain pod NAME' prints it at ksim repl: per node the filter that rejected the pod, or the "
                + "score table, ranked as the scheduler ranked them. With no POD, a table of every pod the scheduler "
                + "decided about: pod, node (or unschedulable) and the decision in one line.",
            "SCENARIO is a path or a bundled scenario's name (as for ksim run). A POD is a name, or a prefix of "
                + "exactly one pod's name, in namespace default, the -n namespace, or NS/NAME.",
            "An expectation that fails in the scenario does not stop the explanation (standard error notes it); "
                + "exit status 2 when the scenario cannot be loaded or a POD names no pod or several."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file or a bundled scenario's name.")
    String scenario;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "POD",
            description = "Pods to explain: NAME, a prefix of one pod's name, or NS/NAME.")
    List<String> pods = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "The namespace of PODs given without one (default: ${DEFAULT-VALUE}).", defaultValue = "default")
    String namespace;

    @Option(names = "--seed", description = "Override the scenario's seed.")
    Long seed;

    private final PrintStream out;
    private final PrintStream err;

    ExplainCommand() {
        this(System.out, System.err);
    }

    ExplainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Scenario s = RunCommand.load(scenario, err);
        if (s == null) {
            return 2;
        }
        Cluster cluster = play(s);
        List<Pod> all = cluster.pods(null);
        if (pods.isEmpty()) {
            out.print(decisionTable(cluster, all));
            out.flush();
            return 0;
        }
        List<String[]> targets = new ArrayList<>();
        boolean bad = false;
        for (String query : pods) {
            PodMatch m = PodMatch.resolve(query, namespace, all);
            if (m.error() != null) {
                err.println("ksim explain: " + m.error());
                bad = true;
            } else {
                targets.add(new String[] {m.namespace(), m.name()});
            }
        }
        if (bad) {
            return 2;
        }
        SimVerbs verbs = new SimVerbs(cluster);
        for (int i = 0; i < targets.size(); i++) {
            String[] t = targets.get(i);
            ReplResult r = verbs.run(List.of("explain", "pod", t[1], "-n", t[0]));
            out.print((i > 0 ? "\n" : "") + r.output());
        }
        out.flush();
        return 0;
    }

    /**
     * Plays {@code s} to its end with nothing printed (no trace, no command output, no notes) and hands back
     * its cluster; failed expectations are counted on standard error only.
     */
    private Cluster play(Scenario s) {
        Cluster[] cluster = new Cluster[1];
        ScenarioRunner.Listener listener = new ScenarioRunner.Listener() {
            @Override
            public void clusterBuilt(Cluster c) {
                cluster[0] = c;
            }
        };
        ScenarioRunner.Options options = new ScenarioRunner.Options(seed, true, ScenarioRunner.TraceFormat.TEXT,
                ScenarioRunner.Pacing.NONE);
        ScenarioRunner.Result result = ScenarioRunner.run(s, options,
                new PrintStream(OutputStream.nullOutputStream()), listener);
        if (!result.ok()) {
            err.println("ksim explain: " + result.failed() + " of " + (result.passed() + result.failed())
                    + " expectations of " + s.name() + " failed (ksim run " + scenario
                    + " shows them); explaining the cluster as it ended");
        }
        return cluster[0];
    }

    /**
     * One row per pod the scheduler holds a decision about, by namespace and name: the pod, the node it was
     * scheduled to or {@code unschedulable}, and the decision's message (the score, or why no node fits).
     */
    static String decisionTable(Cluster cluster, List<Pod> all) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("POD", "NODE", "DECISION"));
        all.stream()
                .sorted(Comparator.comparing((Pod p) -> p.metadata().namespace()).thenComparing(p -> p.metadata().name()))
                .forEach(p -> {
                    Optional<SchedulingDecision> d = cluster.scheduler().explain(p.metadata().namespace(),
                            p.metadata().name());
                    d.ifPresent(decision -> rows.add(List.of(decision.pod(),
                            decision.scheduled() ? decision.selectedNode() : "unschedulable", decision.message())));
                });
        if (rows.size() == 1) {
            return "No pod has been through a scheduling attempt.\n";
        }
        return TabWriter.rows(rows, false);
    }
}
