package io.ksim.kubectl;

import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--as", scope = ScopeType.INHERIT,
            description = "Username to impersonate for the operation. User could be a regular user or a service account "
                    + "in a namespace.")
    private String as;

    @Option(names = "--as-group", scope = ScopeType.INHERIT,
            description = "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.")
    private List<String> asGroups = new ArrayList<>();

    @Option(names = "--as-uid", scope = ScopeType.INHERIT, description = "UID to impersonate for the operation.")
    private String asUid;

    @Option(names = "--request-timeout", scope = ScopeType.INHERIT,
            description = "The length of time to wait before giving up on a single server request.")
    private String requestTimeout;

    String namespace() {
        return namespace;
    }

    /** {@code --as}, or null. */
    String as() {
        return as;
    }

    /** {@code --as-group}, in the order given. */
    List<String> asGroups() {
        return asGroups;
    }

    /** {@code --as-uid}, or null. */
    String asUid() {
        return asUid;
    }

    /** {@code --request-timeout} as given, or null. */
    String requestTimeout() {
        return requestTimeout;
    }

    @Override
    public void run() {
        throw new KubectlException("error: kubectl needs a command; ksim serves: get, describe, create, apply, delete, "
                + "and the other commands of its kubectl layer");
    }
}
