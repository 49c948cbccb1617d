package io.ksim.kubectl;

import io.ksim.apiserver.ApiException;
import io.ksim.cluster.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/**
 * kubectl over a simulated cluster: the commands courses use, with kubectl's syntax, output and error
 * texts, run in-process against the API server (no binary, no network), deterministically.
 *
 * <pre>{@code
 * Kubectl kubectl = new Kubectl(cluster);
 * KubectlResult r = kubectl.run("get pods -o wide");
 * }</pre>
 *
 * A command runs on the simulation thread; commands that wait in real kubectl ({@code delete},
 * {@code drain}, {@code rollout status}) run the cluster's virtual time forward until done.
 */
public final class Kubectl {

    private final KubectlContext context;

    public Kubectl(Cluster cluster) {
        this.context = new KubectlContext(cluster);
    }

    /** Relative file paths of later commands ({@code apply -f web.yaml}) resolve against {@code dir}. */
    public Kubectl workingDirectory(Path dir) {
        context.workingDirectory(dir);
        return this;
    }

    /** Runs one command line, with or without the leading {@code kubectl} word. */
    public KubectlResult run(String commandLine) {
        return run(commandLine, "");
    }

    /** Runs one command line with {@code stdin} as its standard input ({@code apply -f -}). */
    public KubectlResult run(String commandLine, String stdin) {
        List<String> words;
        try {
            words = CommandWords.split(commandLine);
        } catch (KubectlException e) {
            return new KubectlResult(1, "", e.getMessage() + "\n");
        }
        return run(words, stdin);
    }

    /** Runs one command given as its words, with {@code stdin} as its standard input. */
    public KubectlResult run(List<String> words, String stdin) {
        List<String> args = !words.isEmpty() && words.get(0).equals("kubectl") ? words.subList(1, words.size()) : words;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        KubectlCommand root = new KubectlCommand();
        context.begin(root, outWriter, errWriter, stdin);
        CommandLine cli = new CommandLine(root, new Factory(context, root));
        cli.setOut(outWriter).setErr(errWriter)
                .setOverwrittenOptionsAllowed(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Kubectl::parameterError)
                .setExecutionExceptionHandler((ex, cmd, parsed) -> executionError(ex, errWriter))
                .setExecutionStrategy(parsed -> {
                    try {
                        if (!servesWithoutRequests(parsed)) {
                            context.checkRequestFlags();
                        }
                    } catch (KubectlException | ApiException e) {
                        errWriter.println(ErrorText.printed(e));
                        return 1;
                    }
                    return new CommandLine.RunLast().execute(parsed);
                });
        int code = cli.execute(args.toArray(String[]::new));
        outWriter.flush();
        errWriter.flush();
        return new KubectlResult(code, out.toString(), err.toString());
    }

    /** {@code kubectl version} (which ksim answers without a request) and help need no client configuration. */
    private static boolean servesWithoutRequests(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().userObject() instanceof VersionCommand || last.isUsageHelpRequested();
    }

    private static int executionError(Exception ex, PrintWriter err) throws Exception {
        if (ex instanceof ApiException || ex instanceof KubectlException) {
            err.println(ErrorText.printed((RuntimeException) ex));
            return 1;
        }
        throw ex;
    }

    /** Parse errors in kubectl's (cobra's) words. */
    private static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String path = commandPath(cmd);
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("--")) {
                err.println("error: unknown flag: " + flagName(arg));
                err.println("See '" + path + " --help' for usage.");
            } else if (arg.startsWith("-") && arg.length() > 1) {
                err.println("error: unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg);
                err.println("See '" + path + " --help' for usage.");
            } else if (cmd.getParent() == null || !cmd.getSubcommands().isEmpty()) {
                err.println("error: unknown command \"" + arg + "\" for \"" + path + "\"");
            } else {
                err.println("error: unexpected argument \"" + arg + "\"");
                err.println("See '" + path + " --help' for usage.");
            }
            return 1;
        }
        if (ex instanceof CommandLine.MissingParameterException && ex.getMessage().startsWith("Missing required parameter for option")) {
            String given = args.length == 0 ? "" : args[args.length - 1];
            err.println(given.startsWith("--") ? "error: flag needs an argument: " + given
                    : "error: flag needs an argument: '" + given.replaceFirst("^-", "") + "' in " + given);
            err.println("See '" + path + " --help' for usage.");
            return 1;
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()
                && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec) {
            StringBuilder names = new StringBuilder();
            for (CommandLine.Model.ArgSpec a : m.getMissing()) {
                if (a instanceof CommandLine.Model.OptionSpec o) {
                    names.append(names.length() == 0 ? "" : " ").append('"')
                            .append(o.longestName().replaceFirst("^--?", "")).append('"');
                }
            }
            err.println("error: required flag(s) " + names + " not set");
            return 1;
        }
        if (ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o && ex.getMessage().startsWith("Invalid value for option")
                && (o.type() == int.class || o.type() == Integer.class || o.type() == long.class)) {
            String value = ex.getMessage().replaceFirst("^.*: '(.*)' is not an? \\w+$", "$1");
            String names = o.names().length == 2 ? o.names()[0] + ", " + o.names()[1] : o.names()[0];
            err.println("error: invalid argument \"" + value + "\" for \"" + names + "\" flag: strconv.ParseInt: parsing \""
                    + value + "\": invalid syntax");
            err.println("See '" + path + " --help' for usage.");
            return 1;
        }
        err.println("error: " + ex.getMessage());
        err.println("See '" + path + " --help' for usage.");
        return 1;
    }

    private static String flagName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    private static String commandPath(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName(" ");
    }

    /** Builds command objects, handing the context to those whose constructor takes it. */
    private record Factory(KubectlContext context, KubectlCommand root) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == KubectlCommand.class) {
                return cls.cast(root);
            }
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == KubectlContext.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(context));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
