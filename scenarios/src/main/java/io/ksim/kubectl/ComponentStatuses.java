package io.ksim.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.printers.Table;
import io.ksim.kubectl.printers.HumanReadablePrinter;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code kubectl get componentstatuses} ({@code cs}): the deprecated v1 ComponentStatus list, which the API
 * server computes from health checks instead of storing. ksim's control plane components run in-process
 * and are always healthy, so each reports Healthy with the healthz body "ok". The server attaches its
 * deprecation warning, which kubectl prints on standard error.
 */
final class ComponentStatuses {

    static final List<String> COMPONENTS = List.of("scheduler", "controller-manager", "etcd-0");
    static final String WARNING = "Warning: v1 ComponentStatus is deprecated in v1.19+";

    private static final Set<String> NAMES = Set.of("cs", "componentstatus", "componentstatuses");

    private ComponentStatuses() {
    }

    static boolean requested(List<String> args) {
        if (args.isEmpty()) {
            return false;
        }
        String first = args.get(0).toLowerCase(Locale.ROOT);
        int slash = first.indexOf('/');
        return NAMES.contains(slash < 0 ? first : first.substring(0, slash));
    }

    static int print(KubectlContext ctx, List<String> args, OutputFormat format, boolean noHeaders) {
        ctx.err().println(WARNING);
        List<String> names = new ArrayList<>();
        boolean named = false;
        if (args.get(0).contains("/")) {
            named = true;
            args.forEach(a -> names.add(a.substring(a.indexOf('/') + 1)));
        } else if (args.size() > 1) {
            named = true;
            names.addAll(args.subList(1, args.size()));
        } else {
            names.addAll(COMPONENTS);
        }
        List<String> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String n : names) {
            if (COMPONENTS.contains(n)) {
                found.add(n);
            } else {
                errors.add("Error from server (NotFound): componentstatuses \"" + n + "\" not found");
            }
        }
        StringBuilder out = new StringBuilder();
        if (format.humanReadable()) {
            List<Table.Row> rows = new ArrayList<>();
            found.forEach(n -> rows.add(new Table.Row(List.of(n, "Healthy", "ok", ""), null)));
            Table table = new Table(List.of(
                    new Table.Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
                    Table.Column.of("Status", "string", "Status of the component conditions"),
                    Table.Column.of("Message", "string", "Message of the component conditions"),
                    Table.Column.of("Error", "string", "Error of the component conditions")), rows);
            TabWriter w = TabWriter.kubectl(out);
            new HumanReadablePrinter(new HumanReadablePrinter.Options(noHeaders, false, false, null, List.of(), false))
                    .print(table, w);
            w.flush();
        } else if (named && names.size() == 1) {
            if (!found.isEmpty()) {
                format.print(object(found.get(0)), out);
            }
        } else {
            ObjectNode list = JsonNodeFactory.instance.objectNode();
            list.put("apiVersion", "v1");
            var items = list.putArray("items");
            found.forEach(n -> items.add(object(n)));
            list.put("kind", "List");
            list.putObject("metadata").put("resourceVersion", "");
            format.print(list, out);
        }
        ctx.out().print(out);
        errors.forEach(ctx.err()::println);
        return errors.isEmpty() ? 0 : 1;
    }

    private static JsonNode object(String name) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", "v1");
        ObjectNode condition = o.putArray("conditions").addObject();
        condition.put("message", "ok");
        condition.put("status", "True");
        condition.put("type", "Healthy");
        o.put("kind", "ComponentStatus");
        ObjectNode meta = o.putObject("metadata");
        meta.putNull("creationTimestamp");
        meta.put("name", name);
        return o;
    }
}
