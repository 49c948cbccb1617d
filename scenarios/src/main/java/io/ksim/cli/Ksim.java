package io.ksim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ksim} command line. Subcommands: {@code rollout} and {@code demo} (more arrive with the scenario runner). */
@Command(name = "ksim",
        mixinStandardHelpOptions = true,
        version = "ksim 0.1.0",
        description = "A deterministic simulator of a Kubernetes control plane.",
        subcommands = {RolloutDemoCommand.class, StoreDemoCommand.class, ReplCommand.class, ReportCommand.class,
            CommandLine.HelpCommand.class})
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
