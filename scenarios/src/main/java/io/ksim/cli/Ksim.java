package io.ksim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ksim} command line. Subcommands: {@code rollout}, {@code run} (scenario files), {@code explain} (the scheduler's decisions in a scenario), {@code repl}, {@code report} and {@code demo}. */
@Command(name = "ksim",
        mixinStandardHelpOptions = true,
        version = "ksim 0.1.0",
        description = "A deterministic simulator of a Kubernetes control plane.",
        subcommands = {ExplainCommand.class, ReplCommand.class, ReportCommand.class, RolloutDemoCommand.class, RunCommand.class,
            StoreDemoCommand.class, CommandLine.HelpCommand.class})
public final class Ksim implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Ksim()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
