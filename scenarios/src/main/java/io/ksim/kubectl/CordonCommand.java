package io.ksim.kubectl;

import io.ksim.api.core.Node;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Drain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl cordon NODE...} (or {@code -l}): {@code node/n cordoned} or {@code node/n already cordoned}. */
@Command(name = "cordon")
class CordonCommand implements Callable<Integer> {

    final KubectlContext ctx;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Parameters
    List<String> nodes = new ArrayList<>();

    CordonCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    boolean desired() {
        return true;
    }

    String name() {
        return "cordon";
    }

    @Override
    public Integer call() {
        cordonAll(ctx, nodes, selector, name(), desired());
        return 0;
    }

    /** The nodes named or selected, as kubectl's builder finds them; kubectl's usage error for none. */
    static List<Node> nodes(KubectlContext ctx, List<String> names, String selector, String command) {
        boolean bySelector = selector != null && !selector.isEmpty();
        if (names.isEmpty() && !bySelector) {
            throw new KubectlException("error: USAGE: " + command + " NODE [flags]\nSee 'kubectl " + command
                    + " -h' for help and examples");
        }
        if (!names.isEmpty() && bySelector) {
            throw new KubectlException("error: error: cannot specify both a node name and a --selector option\n"
                    + "See 'kubectl " + command + " -h' for help and examples");
        }
        if (bySelector) {
            return ctx.api().list(BuiltinResources.NODES, null, ListOptions.labels(selector)).items();
        }
        List<Node> out = new ArrayList<>();
        for (String n : names) {
            out.add(ctx.api().get(BuiltinResources.NODES, null, n));
        }
        return out;
    }

    /** Cordons or uncordons each node and prints kubectl's line for it. */
    static List<Node> cordonAll(KubectlContext ctx, List<String> names, String selector, String command, boolean desired) {
        List<Node> found = nodes(ctx, names, selector, command);
        for (Node n : found) {
            String name = n.metadata().name();
            if (n.spec().isUnschedulable() == desired) {
                ctx.out().println("node/" + name + (desired ? " already cordoned" : " already uncordoned"));
                continue;
            }
            try {
                if (desired) {
                    Drain.cordon(ctx.api(), name);
                } else {
                    Drain.uncordon(ctx.api(), name);
                }
                ctx.out().println("node/" + name + (desired ? " cordoned" : " uncordoned"));
            } catch (ApiException e) {
                ctx.err().println("error: unable to " + command + " node \"" + name + "\": " + e.getMessage());
            }
        }
        return found;
    }
}
