package io.ksim.kubectl;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code kubectl} command: its global flags and the list of subcommands. A subcommand is a
 * picocli command class whose constructor takes the {@link KubectlContext}; it returns its exit status
 * from {@code call()} and reports errors by throwing {@link KubectlException} or letting the API server's
 * {@link io.ksim.apiserver.ApiException} through.
 */
@Command(name = "kubectl",
        subcommands = {
            AnnotateCommand.class,
            ApiResourcesCommand.class,
            ApplyCommand.class,
            AuthCommand.class,
            ClusterInfoCommand.class,
            CordonCommand.class,
            CreateCommand.class,
            DeleteCommand.class,
            DescribeCommand.class,
            DrainCommand.class,
            ExecCommand.class,
            ExposeCommand.class,
            GetCommand.class,
            LabelCommand.class,
            LogsCommand.class,
            PatchCommand.class,
            ReplaceCommand.class,
            RolloutCommand.class,
            RunCommand.class,
            ScaleCommand.class,
            SetCommand.class,
            TaintCommand.class,
            TopCommand.class,
            UncordonCommand.class,
            VersionCommand.class,
        })
public final class KubectlCommand implements Runnable {

    @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT,
            description = "If present, the namespace scope for this CLI request")
    private String namespace;

    String namespace() {
        return namespace;
    }

    @Override
    public void run() {
        throw new KubectlException("error: kubectl needs a command; ksim serves: get, describe, create, apply, delete, "
                + "and the other commands of its kubectl layer");
    }
}
