package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ResourceType;
import io.ksim.kubectl.ResourceBuilder.Request;
import io.ksim.apiserver.printers.ServerPrinters;
import io.ksim.apiserver.printers.Table;
import io.ksim.kubectl.printers.GoJson;
import io.ksim.kubectl.printers.HumanReadablePrinter;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl get}: lists or gets objects and prints them as kubectl 1.32 does (k8s.io/kubectl
 * pkg/cmd/get). Tables come from the API server's printers; kubectl lays them out, adds NAMESPACE, kind
 * prefixes and label columns. {@code -w} prints the table and then one row per change while the cluster's
 * virtual time runs for {@code --request-timeout} (60 s if not given), since a simulated watch cannot wait
 * for Ctrl-C.
 */
@Command(name = "get")
final class GetCommand implements Callable<Integer> {

    private final KubectlContext ctx;

    @Parameters(arity = "0..*")
    List<String> args = new ArrayList<>();

    @Option(names = {"-o", "--output"})
    String output = "";

    @Option(names = "--template")
    String template;

    @Option(names = {"-l", "--selector"})
    String selector;

    @Option(names = "--field-selector")
    String fieldSelector;

    @Option(names = {"-A", "--all-namespaces"})
    boolean allNamespaces;

    @Option(names = {"-w", "--watch"})
    boolean watch;

    @Option(names = "--watch-only")
    boolean watchOnly;

    @Option(names = "--show-labels")
    boolean showLabels;

    @Option(names = "--show-kind")
    boolean showKind;

    @Option(names = {"-L", "--label-columns"}, split = ",")
    List<String> labelColumns = new ArrayList<>();

    @Option(names = "--no-headers")
    boolean noHeaders;

    @Option(names = "--sort-by")
    String sortBy = "";

    @Option(names = "--ignore-not-found")
    boolean ignoreNotFound;


    @Option(names = "--output-watch-events")
    boolean outputWatchEvents;

    @Option(names = "--chunk-size")
    long chunkSize;

    @Option(names = {"-f", "--filename"})
    List<String> filenames = new ArrayList<>();

    GetCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** One object fetched, with the resource it was fetched as. */
    record Info(ResourceType<?> type, KubeObject object) {
    }

    @Override
    public Integer call() {
        if (watch || watchOnly) {
            if (!sortBy.isEmpty()) {
                ctx.err().println("warning: --watch" + (watch ? "" : "-only") + " requested, --sort-by will be ignored"
                        + (watch ? " for watch events received" : ""));
            }
        } else if (args.isEmpty() && filenames.isEmpty()) {
            ctx.err().println("You must specify the type of resource to get. Use \"kubectl api-resources\" for a "
                    + "complete list of supported resources.");
            ctx.err().println();
            throw new KubectlException("error: Required resource not specified.\nUse \"kubectl explain <resource>\" "
                    + "for a detailed description of that resource (e.g. kubectl explain pods).\n"
                    + "See 'kubectl get -h' for help and examples");
        }
        if (showLabels && !output.isEmpty() && !output.equals("wide")) {
            throw new KubectlException("error: --show-labels option cannot be used with " + output + " printer");
        }
        if (outputWatchEvents && !(watch || watchOnly)) {
            throw new KubectlException("error: --output-watch-events option can only be used with --watch or --watch-only");
        }
        OutputFormat format = OutputFormat.parse(output, template, noHeaders);
        if (filenames.isEmpty() && ComponentStatuses.requested(args)) {
            return ComponentStatuses.print(ctx, args, format, noHeaders);
        }
        if (!filenames.isEmpty() && (watch || watchOnly)) {
            throw new KubectlException("error: ksim watches a type or a named object, not the objects of -f");
        }
        ErrorText errors = new ErrorText();
        List<Info> infos;
        boolean singleItemImplied;
        if (filenames.isEmpty()) {
            List<Request> requests = requests();
            if (watch || watchOnly) {
                return new GetWatch(ctx, this, format).run(requests);
            }
            infos = fetch(requests, errors);
            singleItemImplied = requests.size() == 1 && requests.get(0).name() != null;
        } else {
            infos = fetchNamed(ManifestSource.named(ctx, filenames, args), errors);
            singleItemImplied = ManifestSource.singleItemImplied(ctx, filenames);
        }
        StringBuilder out = new StringBuilder();
        try {
            if (format.humanReadable()) {
                printTables(infos, errors, out);
            } else {
                printGeneric(singleItemImplied, infos, errors, format, out);
            }
        } finally {
            ctx.out().print(out);
        }
        return errors.print(ctx);
    }

    String namespace() {
        return allNamespaces ? null : ctx.namespace();
    }

    ListOptions listOptions() {
        return builder().listOptions();
    }

    /** Reads the arguments as kubectl's builder does; a bare type lists its objects. */
    List<Request> requests() {
        if (args.isEmpty()) {
            return new ArrayList<>();
        }
        return builder().requests(args);
    }

    private ResourceBuilder builder() {
        return new ResourceBuilder(ctx).labelSelector(selector).fieldSelector(fieldSelector)
                .allNamespaces(allNamespaces).allowEmptySelector(true);
    }

    /** Gets and lists what was asked, in order; a missing object adds the server's error and the rest go on. */
    private List<Info> fetch(List<Request> requests, ErrorText errors) {
        List<Info> infos = new ArrayList<>();
        for (Request r : requests) {
            try {
                if (r.name() != null) {
                    infos.add(new Info(r.type(), ctx.api().get(r.type(), ctx.namespace(), r.name())));
                } else {
                    for (KubeObject o : list(r.type())) {
                        infos.add(new Info(r.type(), o));
                    }
                }
            } catch (ApiException e) {
                if (ignoreNotFound && e.code() == 404) {
                    continue;
                }
                errors.addOnce(e);
            }
        }
        return infos;
    }

    /** {@code get -f}: the objects the documents name, each read from the server in its namespace. */
    private List<Info> fetchNamed(List<ManifestSource.Named> named, ErrorText errors) {
        List<Info> infos = new ArrayList<>();
        for (ManifestSource.Named n : named) {
            try {
                infos.add(new Info(n.type(), ctx.api().get(n.type(), n.namespace(), n.name())));
            } catch (ApiException e) {
                if (ignoreNotFound && e.code() == 404) {
                    continue;
                }
                errors.addOnce(e);
            }
        }
        return infos;
    }

    List<? extends KubeObject> list(ResourceType<?> type) {
        return builder().list(type);
    }

    /** The human-readable path: one server table per run of objects of one resource, a blank line between. */
    private void printTables(List<Info> infos, ErrorText errors, StringBuilder out) {
        boolean withKind = showKind || infos.stream().map(Info::type).distinct().count() > 1;
        TabWriter w = TabWriter.kubectl(out);
        boolean allNamespaced = !allNamespaces;
        List<List<Info>> groups = groups(infos);
        for (int g = 0; g < groups.size(); g++) {
            List<Info> group = groups.get(g);
            ResourceType<?> type = group.get(0).type();
            allNamespaced = allNamespaced && type.namespaced();
            // A new kind starts a new table: fresh widths, and a blank line before it if anything was printed.
            w.flush();
            w.forgetWidths();
            boolean separate = g > 0 && !noHeaders && out.length() > 0;
            int before = out.length();
            new HumanReadablePrinter(humanOptions(type, allNamespaces && type.namespaced(), withKind))
                    .print(sortedTable(type, group), w);
            w.flush();
            if (separate && out.length() > before) {
                out.insert(before, '\n');
            }
        }
        w.flush();
        if (out.length() == 0 && !ignoreNotFound && errors.isEmpty()) {
            if (allNamespaced) {
                ctx.err().println("No resources found in " + ctx.namespace() + " namespace.");
            } else {
                ctx.err().println("No resources found");
            }
        }
    }

    HumanReadablePrinter.Options humanOptions(ResourceType<?> type, boolean withNamespace, boolean withKind) {
        String prefix = withKind ? ResourceBuilder.kindGroup(type) : null;
        return new HumanReadablePrinter.Options(noHeaders, output.equals("wide"), withNamespace, prefix, labelColumns,
                showLabels);
    }

    private static List<List<Info>> groups(List<Info> infos) {
        List<List<Info>> groups = new ArrayList<>();
        for (Info i : infos) {
            if (groups.isEmpty() || groups.get(groups.size() - 1).get(0).type() != i.type()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(i);
        }
        return groups;
    }

    private Table sortedTable(ResourceType<?> type, List<Info> group) {
        List<KubeObject> objects = new ArrayList<>(group.stream().map(Info::object).toList());
        if (!sortBy.isEmpty()) {
            objects = Sorting.sort(objects, o -> toJson(type, o), sortBy);
        }
        return table(type, objects);
    }

    Table table(ResourceType<?> type, List<? extends KubeObject> objects) {
        @SuppressWarnings("unchecked")
        Class<KubeObject> cls = (Class<KubeObject>) type.type();
        return ServerPrinters.defaults().toTable(cls, objects, ctx.now());
    }

    /** yaml, json, name, jsonpath, custom-columns: one object as itself, anything else as a List. */
    private void printGeneric(boolean singleItemImplied, List<Info> infos, ErrorText errors, OutputFormat format,
            StringBuilder out) {
        if (singleItemImplied && !errors.isEmpty()) {
            return;
        }
        if (infos.isEmpty() && ignoreNotFound) {
            return;
        }
        List<Info> sorted = infos;
        if (!sortBy.isEmpty() && infos.size() > 1) {
            sorted = Sorting.sort(infos, i -> toJson(i.type(), i.object()), sortBy);
        }
        if (singleItemImplied && sorted.size() == 1) {
            format.print(toJson(sorted.get(0).type(), sorted.get(0).object()), out);
            return;
        }
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        var items = list.putArray("items");
        sorted.forEach(i -> items.add(toJson(i.type(), i.object())));
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        format.print(list, out);
    }

    /** The object as the server's JSON, with its apiVersion and kind, keys sorted as kubectl prints them. */
    static JsonNode toJson(ResourceType<?> type, KubeObject o) {
        ObjectNode node = KubeJson.json().valueToTree(o);
        node.put("apiVersion", type.apiVersion());
        node.put("kind", type.kind());
        return GoJson.sorted(node);
    }
}
