package io.ksim.cli;

import io.ksim.cluster.Cluster;
import io.ksim.report.HtmlReport;
import io.ksim.report.RunRecorder;
import io.ksim.report.RunReport;
import io.ksim.scenario.Scenario;
import io.ksim.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ksim report FILE -o out.html}: runs a scenario file (or a bundled scenario by name) with a
 * {@link RunRecorder} attached from the start, its curl steps' answers included, and writes the report, one
 * self-contained HTML page. {@code --rollout} reports on the built-in rolling update demo instead.
 */
@Command(name = "report",
        description = "Write an HTML report of a run: a timeline with a lane per node, pods as bars coloured by "
                + "ReplicaSet revision, rollout steps and node failures. --rollout runs the built-in rolling "
                + "update demo (the run of ksim rollout).")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--rollout", description = "Report on the built-in rolling update demo.")
    boolean rollout;

    @CommandLine.Parameters(paramLabel = "FILE", arity = "0..1",
            description = "A scenario file or the name of a bundled scenario.")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the page "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "ksim-report.html")
    Path output;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}; a scenario's own seed when a FILE is given).")
    Long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The rolling update demo's report for {@code seed}. */
    static RunReport rolloutReport(long seed) {
        RolloutDemo demo = new RolloutDemo(seed);
        RunRecorder recorder = RunRecorder.attach(demo.cluster());
        demo.play();
        recorder.stop();
        return recorder.report("ksim rollout: Deployment web from nginx:1.25 to nginx:1.26 on 3 nodes (seed " + seed + ")");
    }

    /**
     * The report of {@code scenario}'s run; its narration goes to {@code narration}. Expectations that fail
     * are in the narration; the report is written all the same, to show what happened.
     */
    static RunReport scenarioReport(Scenario scenario, Long seed, PrintStream narration) {
        RunRecorder[] recorder = new RunRecorder[1];
        ScenarioRunner.Listener listener = new ScenarioRunner.Listener() {
            @Override
            public void clusterBuilt(Cluster cluster) {
                recorder[0] = RunRecorder.attach(cluster);
            }

            @Override
            public void traffic(String label, String url, Map<String, Integer> hits) {
                recorder[0].recordTraffic(label, url, hits);
            }
        };
        ScenarioRunner.Options options = new ScenarioRunner.Options(seed, true, ScenarioRunner.TraceFormat.TEXT,
                ScenarioRunner.Pacing.NONE);
        ScenarioRunner.run(scenario, options, narration, listener);
        recorder[0].stop();
        long used = seed != null ? seed : scenario.seed();
        return recorder[0].report("ksim run " + scenario.name() + " (seed " + used + ")");
    }

    @Override
    public Integer call() throws IOException {
        if (rollout == (file != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give the run to report on: a scenario FILE (or bundled name), or --rollout for the built-in rolling update demo");
        }
        RunReport report;
        if (rollout) {
            report = rolloutReport(seed == null ? 42 : seed);
        } else {
            Scenario scenario = RunCommand.load(file, System.err);
            if (scenario == null) {
                return 2;
            }
            report = scenarioReport(scenario, seed, System.out);
        }
        Files.writeString(output, HtmlReport.render(report), StandardCharsets.UTF_8);
        System.out.println("wrote " + output + ": " + report.lanes().size() + " node lanes, " + report.pods().size()
                + " pods, " + report.markers().size() + " markers");
        return 0;
    }
}
