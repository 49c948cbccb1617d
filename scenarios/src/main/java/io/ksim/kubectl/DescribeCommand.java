package io.ksim.kubectl;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ResourceType;
import io.ksim.kubectl.ResourceBuilder.Request;
import io.ksim.kubectl.describe.Describers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl describe TYPE [NAME_PREFIX] [-l selector] [-A]} and {@code describe TYPE/NAME}: kubectl
 * 1.32's descriptions. A name that is not found is taken as a prefix: every object of the type whose name
 * starts with it is described. Without a name, every object of the type (in the namespace, or all of them
 * with {@code -A}, optionally filtered by {@code -l}) is described, separated by blank lines.
 */
@Command(name = "describe")
final class DescribeCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    @Parameters(arity = "0..*")
    private List<String> args = new ArrayList<>();

    @Option(names = {"-l", "--selector"})
    private String selector;

    @Option(names = {"-A", "--all-namespaces"})
    private boolean allNamespaces;

    @Option(names = "--show-events", arity = "0..1", fallbackValue = "true")
    private boolean showEvents = true;

    @Option(names = "--chunk-size")
    private int chunkSize = 500;

    @Option(names = {"-f", "--filename"})
    private List<String> filenames = new ArrayList<>();

    DescribeCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (!filenames.isEmpty()) {
            return describeFiles();
        }
        if (args.isEmpty()) {
            throw new KubectlException("error: You must specify the type of resource to describe. Use "
                    + "\"kubectl api-resources\" for a complete list of supported resources.");
        }
        Describers describers = new Describers(ctx.api(), ctx::now).showEvents(showEvents);
        ResourceBuilder builder = new ResourceBuilder(ctx).labelSelector(selector).allNamespaces(allNamespaces)
                .allowEmptySelector(true);
        List<Request> requests = builder.requests(args);
        String namespace = ctx.namespace();
        List<String> outputs = new ArrayList<>();
        if (requests.stream().allMatch(r -> r.name() == null)) {
            for (Request r : requests) {
                for (KubeObject obj : builder.list(r.type())) {
                    outputs.add(describers.describe(r.type(), obj));
                }
            }
            if (outputs.isEmpty()) {
                ctx.err().println(allNamespaces ? "No resources found" : "No resources found in " + namespace + " namespace.");
                return 0;
            }
            ctx.out().print(String.join("\n\n", outputs));
            return 0;
        }
        if (args.size() == 2 && requests.size() == 1) {
            return describeOneOrPrefix(describers, builder, requests.get(0).type(), namespace, requests.get(0).name());
        }
        ErrorText errors = new ErrorText();
        for (Request r : requests) {
            describeNamed(describers, r.type(), namespace, r.name(), outputs, errors);
        }
        ctx.out().print(String.join("\n\n", outputs));
        return errors.print(ctx);
    }

    /** {@code describe -f}: each object the documents name, NotFound for those that do not exist. */
    private int describeFiles() {
        Describers describers = new Describers(ctx.api(), ctx::now).showEvents(showEvents);
        List<String> outputs = new ArrayList<>();
        ErrorText errors = new ErrorText();
        for (ManifestSource.Named n : ManifestSource.named(ctx, filenames, args)) {
            describeNamed(describers, n.type(), n.namespace(), n.name(), outputs, errors);
        }
        ctx.out().print(String.join("\n\n", outputs));
        return errors.print(ctx);
    }

    private void describeNamed(Describers describers, ResourceType<?> type, String namespace, String name,
            List<String> outputs, ErrorText errors) {
        try {
            outputs.add(describers.describe(type, namespace, name));
        } catch (ApiException e) {
            errors.add(e);
        }
    }

    /** One name: the object, or else every object whose name starts with it, or else the NotFound error. */
    private int describeOneOrPrefix(Describers describers, ResourceBuilder builder, ResourceType<?> type,
            String namespace, String name) {
        try {
            ctx.out().print(describers.describe(type, namespace, name));
            return 0;
        } catch (ApiException notFound) {
            if (notFound.code() != 404) {
                throw notFound;
            }
            List<? extends KubeObject> matches = builder.prefixMatches(type, name);
            if (matches.isEmpty()) {
                throw notFound;
            }
            for (KubeObject obj : matches) {
                ctx.out().print(describers.describe(type, obj) + "\n");
            }
            return 0;
        }
    }
}
