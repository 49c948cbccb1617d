package io.ksim.kubectl;

import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.auth.RbacAuthorizer;
import io.ksim.apiserver.auth.UserInfo;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl auth can-i} and {@code kubectl auth whoami}, answered by the API server's authorizer chain
 * (system:masters, then RBAC) for the kubeadm admin kubectl runs as, or for the user {@code --as} names
 * (with {@code --as-group}), as a SelfSubjectAccessReview under impersonation is. The review is the server's:
 * it reads roles and bindings whatever the user may read.
 */
@Command(name = "auth", subcommands = {AuthCommand.CanI.class, AuthCommand.WhoAmI.class})
final class AuthCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    AuthCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** Without a subcommand kubectl prints the command's help to stderr and fails (ksim serves no reconcile). */
    @Override
    public Integer call() {
        ctx.err().print("""
                Inspect authorization.

                Available Commands:
                  can-i         Check whether an action is allowed
                  whoami        Experimental: Check self subject attributes

                Usage:
                  kubectl auth [flags] [options]

                Use "kubectl auth <command> --help" for more information about a given command.
                Use "kubectl options" for a list of global command-line options (applies to all commands).
                """);
        return 1;
    }

    /** {@code kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]}. */
    @Command(name = "can-i")
    static final class CanI implements Callable<Integer> {

        private static final Set<String> RESOURCE_VERBS = Set.of("get", "list", "watch", "create", "update", "patch",
                "delete", "deletecollection", "use", "bind", "impersonate", "*", "approve", "sign", "escalate",
                "attest");
        private static final Set<String> NON_RESOURCE_VERBS = Set.of("get", "put", "post", "head", "options",
                "delete", "patch", "*");

        private final KubectlContext ctx;

        @Parameters(arity = "0..*")
        private List<String> args = new ArrayList<>();

        @Option(names = {"-A", "--all-namespaces"}, arity = "0..1", fallbackValue = "true")
        private boolean allNamespaces;

        @Option(names = {"-q", "--quiet"}, arity = "0..1", fallbackValue = "true")
        private boolean quiet;

        @Option(names = "--list", arity = "0..1", fallbackValue = "true")
        private boolean list;

        @Option(names = "--no-headers", arity = "0..1", fallbackValue = "true")
        private boolean noHeaders;

        @Option(names = "--subresource")
        private String subresource;

        CanI(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            UserInfo user = ctx.user();
            String namespace = allNamespaces ? "" : ctx.namespace();
            if (list) {
                return new RulesList(ctx).print(user, namespace, noHeaders);
            }
            if (args.size() != 2) {
                throw new KubectlException("error: you must specify two arguments: verb resource or verb "
                        + "resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
            }
            String verb = args.get(0);
            String target = args.get(1);
            RbacAuthorizer authorizer = new RbacAuthorizer(ctx.cluster().api());
            String answer;
            if (target.startsWith("/")) {
                if (subresource != null && !subresource.isEmpty()) {
                    throw new KubectlException("error: --subresource can not be used with NonResourceURL");
                }
                if (!NON_RESOURCE_VERBS.contains(verb)) {
                    ctx.err().println("Warning: verb '" + verb + "' is not a known verb");
                }
                answer = authorizer.canI(user, verb, target, "", "");
            } else {
                int slash = target.indexOf('/');
                String typed = slash < 0 ? target : target.substring(0, slash);
                String name = slash < 0 ? "" : target.substring(slash + 1);
                String resource = typed;
                if (!typed.equals("*")) {
                    try {
                        ResourceType<?> t = ctx.resources().resolve(typed);
                        resource = t.group().isEmpty() ? t.resource() : t.resource() + "." + t.group();
                        if (!t.namespaced() && !allNamespaces) {
                            ctx.err().println(t.group().isEmpty()
                                    ? "Warning: resource '" + t.resource() + "' is not namespace scoped"
                                    : "Warning: resource '" + t.resource() + "' is not namespace scoped in group '"
                                            + t.group() + "'");
                        }
                    } catch (KubectlException e) {
                        ctx.err().println("Warning: the server doesn't have a resource type '" + typed + "'");
                    }
                }
                if (!RESOURCE_VERBS.contains(verb)) {
                    ctx.err().println("Warning: verb '" + verb + "' is not a known verb");
                }
                if (subresource != null && !subresource.isEmpty()) {
                    resource = resourceWithSub(resource, subresource);
                }
                answer = authorizer.canI(user, verb, resource, namespace, name);
            }
            if (!quiet) {
                ctx.out().println(answer);
            }
            return answer.equals("yes") ? 0 : 1;
        }

        /** "deployments.apps" with "scale": "deployments.apps/scale", as {@link RbacAuthorizer#canI} reads it. */
        private static String resourceWithSub(String resource, String sub) {
            return resource + "/" + sub;
        }
    }

    /** {@code kubectl auth whoami}: the SelfSubjectReview's user, in kubectl's table. */
    @Command(name = "whoami")
    static final class WhoAmI implements Callable<Integer> {

        private final KubectlContext ctx;

        WhoAmI(KubectlContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            UserInfo user = ctx.user();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ATTRIBUTE", "VALUE"));
            rows.add(List.of("Username", user.name()));
            rows.add(List.of("Groups", "[" + String.join(" ", user.groups()) + "]"));
            ctx.out().print(TabWriter.rows(rows, false));
            return 0;
        }
    }
}
