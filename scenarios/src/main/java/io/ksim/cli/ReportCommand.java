package io.ksim.cli;

import io.ksim.report.HtmlReport;
import io.ksim.report.RunRecorder;
import io.ksim.report.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ksim report --rollout -o out.html}: plays the rolling update demo ({@link RolloutDemo}) with a
 * {@link RunRecorder} attached from the start and writes its report, one self-contained HTML page.
 */
@Command(name = "report",
        description = "Write an HTML report of a run: a timeline with a lane per node, pods as bars coloured by "
                + "ReplicaSet revision, rollout steps and node failures. --rollout runs the built-in rolling "
                + "update demo (the run of ksim rollout).")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--rollout", description = "Report on the built-in rolling update demo.")
    boolean rollout;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the page "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "ksim-report.html")
    Path output;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

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

    @Override
    public Integer call() throws IOException {
        if (!rollout) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing --rollout: the run to report on (the built-in rolling update demo)");
        }
        RunReport report = rolloutReport(seed);
        Files.writeString(output, HtmlReport.render(report), StandardCharsets.UTF_8);
        System.out.println("wrote " + output + ": " + report.lanes().size() + " node lanes, " + report.pods().size()
                + " pods, " + report.markers().size() + " markers");
        return 0;
    }
}
