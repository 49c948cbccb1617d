package io.ksim.kubectl;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl delete}: by type and names, {@code TYPE/NAME}, {@code -f}, {@code -l} or {@code --all}, with
 * kubectl's grace-period and cascade flags. As kubectl does by default ({@code --wait=true}), it returns only
 * when the objects are gone: the simulation runs forward in virtual time until then (a pod's grace period,
 * finalizers, foreground deletion of dependents), bounded by {@code --timeout}.
 */
@Command(name = "delete")
final class DeleteCommand implements Callable<Integer> {

    @Parameters(arity = "0..*")
    List<String> args = new ArrayList<>();

    @Option(names = {"-f", "--filename"})
    List<String> filenames = new ArrayList<>();

    @Option(names = {"-l", "--selector"})
    String selector = "";

    @Option(names = "--all")
    boolean all;

    @Option(names = "--field-selector")
    String fieldSelector = "";

    @Option(names = {"-A", "--all-namespaces"})
    boolean allNamespaces;

    @Option(names = "--grace-period")
    int gracePeriod = -1;

    @Option(names = "--force")
    boolean force;

    @Option(names = "--now")
    boolean now;

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "background")
    String cascade = "background";

    @Option(names = "--wait", arity = "0..1", fallbackValue = "true")
    boolean waitForDeletion = true;

    @Option(names = "--timeout")
    String timeout = "0s";

    @Option(names = "--ignore-not-found", arity = "0..1", fallbackValue = "true")
    Boolean ignoreNotFound;

    @Option(names = {"-o", "--output"})
    String output;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "unchanged")
    String dryRun = "none";

    private final KubectlContext ctx;

    DeleteCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    private record Target(ResourceType<?> type, String namespace, String name, String source) {
    }

    @Override
    public Integer call() {
        String policy = switch (cascade.toLowerCase(java.util.Locale.ROOT)) {
            case "background", "true" -> DeleteOptions.BACKGROUND;
            case "foreground" -> DeleteOptions.FOREGROUND;
            case "orphan", "false" -> DeleteOptions.ORPHAN;
            default -> throw new KubectlException("error: invalid cascade value (" + cascade
                    + "). Must be \"background\", \"foreground\", or \"orphan\"");
        };
        boolean selecting = all || !selector.isEmpty() || !fieldSelector.isEmpty();
        boolean ignore = ignoreNotFound != null ? ignoreNotFound : selecting;
        if (now) {
            if (gracePeriod != -1) {
                throw new KubectlException("error: --now and --grace-period cannot be specified together");
            }
            gracePeriod = 1;
        }
        if (gracePeriod == 0 && !force) {
            gracePeriod = 1;
        }
        if (force && gracePeriod < 0) {
            gracePeriod = 0;
        }
        String dry = switch (dryRun) {
            case "none" -> "";
            case "client", "unchanged" -> " (dry run)";
            case "server" -> " (server dry run)";
            default -> throw new KubectlException("error: Invalid dry-run value (" + dryRun
                    + "). Must be \"none\", \"server\", or \"client\".");
        };
        Duration limit = parseTimeout(timeout, "kubectl delete");
        if (output != null && !output.equals("name")) {
            throw new KubectlException("error: unexpected -o output mode: " + output + ". We only support '-o name'");
        }
        if (all && !selector.isEmpty()) {
            throw new KubectlException("error: cannot set --all and --selector at the same time");
        }
        if (all && !fieldSelector.isEmpty()) {
            throw new KubectlException("error: cannot set --all and --field-selector at the same time");
        }
        if (gracePeriod == 0 && force) {
            ctx.err().println("Warning: Immediate deletion does not wait for confirmation that the running resource "
                    + "has been terminated. The resource may continue to run on the cluster indefinitely.");
        } else if (gracePeriod > 0 && force) {
            throw new KubectlException("error: --force and --grace-period greater than 0 cannot be specified together");
        }

        int status = 0;
        List<Target> targets = targets();
        DeleteOptions options = new DeleteOptions(gracePeriod >= 0 ? Long.valueOf(gracePeriod) : null, policy, null, null);
        List<Target> deleted = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        int found = 0;
        boolean warnClusterScope = ctx.namespaceGiven() && !allNamespaces;
        for (Target t : targets) {
            if (warnClusterScope && !t.type().namespaced()) {
                ctx.err().println("Warning: deleting cluster-scoped resources, not scoped to the provided namespace");
                warnClusterScope = false;
            }
            try {
                KubeObject before = ctx.api().get(t.type(), t.namespace(), t.name());
                found++;
                if (dryRun.equals("none")) {
                    ctx.api().delete(t.type(), t.namespace(), t.name(), options);
                }
                deleted.add(t);
                uids.add(before.metadata().uid());
                print(t, dry);
            } catch (ApiException e) {
                if (e.code() == 404 && ignore) {
                    continue;
                }
                ctx.err().println(WriteCommand.withSource(e, "deleting", t.source()).kubectlMessage());
                status = 1;
            }
        }
        if (found == 0 && status == 0 && selecting) {
            ctx.out().println("No resources found");
            return 0;
        }
        if (waitForDeletion && dryRun.equals("none") && !deleted.isEmpty()) {
            boolean gone = ctx.cluster().runUntil(() -> allGone(deleted, uids), limit);
            if (!gone) {
                for (int i = 0; i < deleted.size(); i++) {
                    Target t = deleted.get(i);
                    if (!isGone(t, uids.get(i))) {
                        ctx.err().println("error: timed out waiting for the condition on " + t.type().groupResource() + "/" + t.name());
                        status = 1;
                        break;
                    }
                }
            }
        }
        return status;
    }

    private void print(Target t, String dry) {
        String kind = ResourceBuilder.kindGroup(t.type());
        if ("name".equals(output)) {
            ctx.out().println(kind + "/" + t.name());
        } else {
            ctx.out().println(kind + " \"" + t.name() + "\" " + (gracePeriod == 0 ? "force deleted" : "deleted") + dry);
        }
    }

    private boolean allGone(List<Target> targets, List<String> uids) {
        for (int i = 0; i < targets.size(); i++) {
            if (!isGone(targets.get(i), uids.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean isGone(Target t, String uid) {
        try {
            KubeObject o = ctx.api().get(t.type(), t.namespace(), t.name());
            return uid != null && !uid.equals(o.metadata().uid());
        } catch (ApiException e) {
            return e.code() == 404;
        }
    }

    private List<Target> targets() {
        List<Target> out = new ArrayList<>();
        if (!filenames.isEmpty()) {
            for (ManifestSource.Named n : ManifestSource.named(ctx, filenames, args)) {
                out.add(new Target(n.type(), n.namespace(), n.name(), n.source()));
            }
            return out;
        }
        ResourceBuilder builder = new ResourceBuilder(ctx).labelSelector(selector).fieldSelector(fieldSelector)
                .all(all).allNamespaces(allNamespaces);
        for (ResourceBuilder.Target t : builder.targets(args)) {
            out.add(new Target(t.type(), t.namespace(), t.name(), null));
        }
        return out;
    }

    /** {@code --timeout} of {@code command}: a Go duration ({@code 30s}, {@code 5m}, {@code 1h}); 0 waits a week. */
    static Duration parseTimeout(String s, String command) {
        Duration d = DurationFlags.parse(s, "--timeout", command);
        return d.isZero() ? Duration.ofHours(168) : d;
    }
}
