package io.ksim.kubectl;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
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

    DescribeCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (args.isEmpty()) {
            throw new KubectlException("error: You must specify the type of resource to describe. Use "
                    + "\"kubectl api-resources\" for a complete list of supported resources.");
        }
        Describers describers = new Describers(ctx.api(), ctx::now).showEvents(showEvents);
        String namespace = ctx.namespace();
        List<String> outputs = new ArrayList<>();
        List<ApiException> errors = new ArrayList<>();
        long withSlash = args.stream().filter(a -> a.contains("/")).count();
        if (withSlash > 0 && withSlash != args.size()) {
            throw new KubectlException("error: there is no need to specify a resource type as a separate argument "
                    + "when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
                    + "instead of 'kubectl get resource resource/<resource_name>'");
        }
        boolean named = withSlash > 0 || args.size() > 1;
        if (named && selector != null) {
            throw new KubectlException(withSlash > 0
                    ? "error: selectors and the all flag cannot be used when passing resource/name arguments"
                    : "error: name cannot be provided when a selector is specified");
        }
        if (withSlash > 0) {
            List<ResourceType<?>> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String arg : args) {
                String[] seg = arg.split("/", -1);
                if (seg.length != 2) {
                    throw new KubectlException("error: arguments in resource/name form may not have more than one slash");
                }
                if (seg[0].isEmpty() || seg[1].isEmpty() || seg[0].contains(",")) {
                    throw new KubectlException("error: arguments in resource/name form must have a single resource and name");
                }
                types.add(ctx.resources().resolve(seg[0]));
                names.add(seg[1]);
            }
            for (int i = 0; i < types.size(); i++) {
                checkNamespaced(types.get(i));
                describeNamed(describers, types.get(i), namespace, names.get(i), outputs, errors);
            }
        } else if (args.size() == 1) {
            List<ResourceType<?>> types = new ArrayList<>();
            for (String typed : args.get(0).split(",")) {
                // A category (kubectl describe all) stands for its resources, as discovery lists them.
                List<ResourceType<?>> category = ctx.resources().category(typed);
                if (category.isEmpty()) {
                    types.add(ctx.resources().resolve(typed));
                } else {
                    types.addAll(category);
                }
            }
            for (ResourceType<?> type : types) {
                String ns = allNamespaces || !type.namespaced() ? null : namespace;
                ListOptions options = selector == null ? ListOptions.everything() : ListOptions.labels(selector);
                for (KubeObject obj : ctx.api().list(type, ns, options).items()) {
                    outputs.add(describers.describe(type, obj));
                }
            }
            if (outputs.isEmpty()) {
                ctx.err().println(allNamespaces ? "No resources found" : "No resources found in " + namespace + " namespace.");
                return 0;
            }
        } else {
            List<ResourceType<?>> types = new ArrayList<>();
            for (String typed : args.get(0).split(",")) {
                types.add(ctx.resources().resolve(typed));
            }
            List<String> names = args.subList(1, args.size());
            for (ResourceType<?> type : types) {
                checkNamespaced(type);
            }
            if (names.size() == 1 && types.size() == 1) {
                return describeOneOrPrefix(describers, types.get(0), namespace, names.get(0));
            }
            for (ResourceType<?> type : types) {
                for (String name : names) {
                    describeNamed(describers, type, namespace, name, outputs, errors);
                }
            }
        }
        ctx.out().print(String.join("\n\n", outputs));
        for (ApiException e : errors) {
            ctx.err().println(e.kubectlMessage());
        }
        return errors.isEmpty() ? 0 : 1;
    }

    /** kubectl's builder refuses a name lookup across all namespaces. */
    private void checkNamespaced(ResourceType<?> type) {
        if (allNamespaces && type.namespaced()) {
            throw new KubectlException("error: a resource cannot be retrieved by name across all namespaces");
        }
    }

    private void describeNamed(Describers describers, ResourceType<?> type, String namespace, String name,
            List<String> outputs, List<ApiException> errors) {
        try {
            outputs.add(describers.describe(type, namespace, name));
        } catch (ApiException e) {
            errors.add(e);
        }
    }

    /** One name: the object, or else every object whose name starts with it, or else the NotFound error. */
    private int describeOneOrPrefix(Describers describers, ResourceType<?> type, String namespace, String name) {
        try {
            ctx.out().print(describers.describe(type, namespace, name));
            return 0;
        } catch (ApiException notFound) {
            if (notFound.code() != 404) {
                throw notFound;
            }
            boolean found = false;
            for (KubeObject obj : ctx.api().list(type, type.namespaced() ? namespace : null).items()) {
                if (obj.metadata().name().startsWith(name)) {
                    found = true;
                    ctx.out().print(describers.describe(type, obj) + "\n");
                }
            }
            if (!found) {
                throw notFound;
            }
            return 0;
        }
    }
}
