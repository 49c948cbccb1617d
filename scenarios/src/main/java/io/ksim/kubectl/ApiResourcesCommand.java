package io.ksim.kubectl;

import io.ksim.apiserver.ResourceType;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl api-resources}: the resources the simulated API server serves, as kubectl 1.32 prints them
 * from discovery: sorted by API group (core first), then by name; NAME, SHORTNAMES, APIVERSION, NAMESPACED,
 * KIND (and VERBS, CATEGORIES with {@code -o wide}); {@code -o name} prints {@code resource.group}.
 * ComponentStatus is listed too, since {@code kubectl get cs} answers.
 */
@Command(name = "api-resources")
final class ApiResourcesCommand implements Callable<Integer> {

    /** The verbs every resource ksim serves answers to, as discovery lists them. */
    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
            "watch");

    private final KubectlContext ctx;

    @Parameters(arity = "0..*")
    List<String> args = new ArrayList<>();

    @Option(names = {"-o", "--output"})
    String output = "";

    @Option(names = "--no-headers")
    boolean noHeaders;

    @Option(names = "--api-group")
    String apiGroup;

    @Option(names = "--namespaced", arity = "0..1", fallbackValue = "true")
    Boolean namespaced;

    @Option(names = "--sort-by")
    String sortBy = "";

    @Option(names = "--verbs", split = ",")
    List<String> verbs = new ArrayList<>();

    @Option(names = "--categories", split = ",")
    List<String> categories = new ArrayList<>();

    @Option(names = "--cached")
    boolean cached;

    ApiResourcesCommand(KubectlContext ctx) {
        this.ctx = ctx;
    }

    /** One row of discovery. */
    record Entry(String name, List<String> shortNames, String group, String apiVersion, boolean namespaced,
            String kind, List<String> verbs, List<String> categories) {
    }

    @Override
    public Integer call() {
        if (!args.isEmpty()) {
            throw new KubectlException("error: unexpected arguments: " + args.toString().replace(",", "")
                    + "\nSee 'kubectl api-resources -h' for help and examples");
        }
        if (!List.of("", "wide", "name").contains(output)) {
            throw new KubectlException("error: --output " + output + " is not available");
        }
        if (!sortBy.isEmpty() && !List.of("name", "kind").contains(sortBy)) {
            throw new KubectlException("error: --sort-by accepts only name or kind");
        }
        List<Entry> entries = new ArrayList<>();
        for (Entry e : discovery()) {
            if (apiGroup != null && !apiGroup.equals(e.group())) {
                continue;
            }
            if (namespaced != null && namespaced != e.namespaced()) {
                continue;
            }
            if (!e.verbs().containsAll(verbs) || !e.categories().containsAll(categories)) {
                continue;
            }
            entries.add(e);
        }
        Comparator<Entry> primary = switch (sortBy) {
            case "name" -> Comparator.comparing(Entry::name);
            case "kind" -> Comparator.comparing(Entry::kind);
            default -> Comparator.comparing(Entry::group);
        };
        entries.sort(primary.thenComparing(Entry::name));
        StringBuilder out = new StringBuilder();
        TabWriter w = TabWriter.kubectl(out);
        StringBuilder lines = new StringBuilder();
        if (!noHeaders && !output.equals("name")) {
            lines.append("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND")
                    .append(output.equals("wide") ? "\tVERBS\tCATEGORIES" : "").append('\n');
        }
        for (Entry e : entries) {
            switch (output) {
                case "name" -> lines.append(e.name()).append(e.group().isEmpty() ? "" : "." + e.group()).append('\n');
                case "wide" -> lines.append(String.join("\t", e.name(), String.join(",", e.shortNames()), e.apiVersion(),
                        Boolean.toString(e.namespaced()), e.kind(), String.join(",", e.verbs()),
                        String.join(",", e.categories()))).append('\n');
                default -> lines.append(String.join("\t", e.name(), String.join(",", e.shortNames()), e.apiVersion(),
                        Boolean.toString(e.namespaced()), e.kind())).append('\n');
            }
        }
        w.write(lines.toString());
        w.flush();
        ctx.out().print(out);
        return 0;
    }

    private List<Entry> discovery() {
        List<Entry> entries = new ArrayList<>();
        for (ResourceType<?> t : ctx.api().resources()) {
            entries.add(new Entry(t.resource(), t.shortNames(), t.group(), t.apiVersion(), t.namespaced(), t.kind(),
                    VERBS, t.categories()));
        }
        entries.add(new Entry("componentstatuses", List.of("cs"), "", "v1", false, "ComponentStatus",
                List.of("get", "list"), List.of()));
        return entries;
    }
}
