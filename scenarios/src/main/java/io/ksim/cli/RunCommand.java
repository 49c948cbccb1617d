package io.ksim.cli;

import io.ksim.scenario.Bundled;
import io.ksim.scenario.Scenario;
import io.ksim.scenario.ScenarioException;
import io.ksim.scenario.ScenarioParser;
import io.ksim.scenario.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ksim run FILE...}: checks every scenario file first (a malformed one exits 2 before anything runs),
 * then runs them in order. Exit 0 when every expectation passed, 1 otherwise.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run scenario files (YAML: a cluster and steps: apply, kubectl, advance, waitFor, fault, curl, "
                + "dns, show, note, expect). FILE is a path or a bundled scenario: "
                + "rolling-update, node-failure, statefulset, dns.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files or bundled scenario names.")
    List<String> files;

    @Option(names = "--seed", description = "Override the scenarios' seeds.")
    Long seed;

    @Option(names = "--quiet", description = "Print only notes, shows and expectation results.")
    boolean quiet;

    @Option(names = "--trace", defaultValue = "text",
            description = "How to print the trace: text or json (one JSON object per line; default: ${DEFAULT-VALUE}).")
    String trace;

    @Option(names = "--pace", paramLabel = "D",
            description = "Instructor mode: one second of virtual time takes D of wall time (e.g. 1s, 200ms).")
    String pace;

    @Option(names = "--step", description = "Wait for Enter before each step.")
    boolean step;

    private final PrintStream out;
    private final PrintStream err;

    RunCommand() {
        this(System.out, System.err);
    }

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ScenarioRunner.TraceFormat format;
        if (trace.equals("text")) {
            format = ScenarioRunner.TraceFormat.TEXT;
        } else if (trace.equals("json")) {
            format = ScenarioRunner.TraceFormat.JSON;
        } else {
            err.println("ksim run: invalid --trace \"" + trace + "\" (want text or json)");
            return 2;
        }
        Duration paceEvery = null;
        if (pace != null) {
            paceEvery = InstructorPacing.parse(pace);
            if (paceEvery == null) {
                err.println("ksim run: invalid --pace \"" + pace + "\" (want e.g. 1s, 200ms)");
                return 2;
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        boolean malformed = false;
        for (String f : files) {
            Scenario s = load(f, err);
            if (s == null) {
                malformed = true;
            } else {
                scenarios.add(s);
            }
        }
        if (malformed) {
            return 2;
        }
        ScenarioRunner.Pacing pacing = paceEvery == null && !step ? ScenarioRunner.Pacing.NONE
                : new InstructorPacing(paceEvery, step, err);
        ScenarioRunner.Options options = new ScenarioRunner.Options(seed, quiet, format, pacing);
        boolean ok = true;
        for (Scenario s : scenarios) {
            ok &= ScenarioRunner.run(s, options, out).ok();
        }
        out.flush();
        return ok ? 0 : 1;
    }

    /**
     * The scenario {@code f} names (a file, or a bundled scenario's name), or null after printing to {@code err}
     * why there is none: the file's first malformation, or that nothing of that name exists.
     */
    static Scenario load(String f, PrintStream err) {
        try {
            Scenario s = load(f);
            if (s == null) {
                err.println(f + ": no such file, and no bundled scenario of that name (bundled: "
                        + String.join(", ", Bundled.NAMES) + ")");
            }
            return s;
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    private static Scenario load(String f) {
        Path p = Path.of(f);
        if (Files.isRegularFile(p)) {
            return ScenarioParser.parse(p);
        }
        return f.contains("/") || f.endsWith(".yaml") || f.endsWith(".yml") ? null : Bundled.load(f);
    }
}
