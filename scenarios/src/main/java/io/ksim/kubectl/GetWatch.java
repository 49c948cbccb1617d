package io.ksim.kubectl;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiWatch;
import io.ksim.apiserver.ApiWatchEvent;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.ObjectList;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.WatchEventType;
import io.ksim.apiserver.printers.Table;
import io.ksim.kubectl.printers.HumanReadablePrinter;
import io.ksim.kubectl.printers.TabWriter;
import java.time.Duration;
import java.util.List;

/**
 * {@code kubectl get -w} / {@code --watch-only}: the current objects (not with {@code --watch-only}), then
 * one row per watch event, as kubectl prints them: no second header, columns as wide as the widest row seen
 * so far, a deleted object printed once more as it was last. A real watch runs until interrupted; here it
 * runs the cluster's virtual time forward for {@code --request-timeout} (60 s when not given or 0) and ends.
 */
final class GetWatch {

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    private final KubectlContext ctx;
    private final GetCommand get;
    private final OutputFormat format;
    private final StringBuilder buffer = new StringBuilder();
    private final TabWriter writer = TabWriter.kubectl(buffer);
    private HumanReadablePrinter printer;
    private boolean outputObjects;

    GetWatch(KubectlContext ctx, GetCommand get, OutputFormat format) {
        this.ctx = ctx;
        this.get = get;
        this.format = format;
        format.shareTabWriter(writer);
    }

    int run(List<ResourceBuilder.Request> requests) {
        if (requests.isEmpty()) {
            throw new KubectlException("error: You must provide one or more resources by argument or filename.\n"
                    + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                    + "   '<resource> <name>'\n   '<resource>'");
        }
        if (requests.stream().map(ResourceBuilder.Request::type).distinct().count() > 1) {
            throw new KubectlException("error: watch is only supported on individual resources and resource "
                    + "collections - more than 1 resource was found");
        }
        if (requests.size() > 1) {
            throw new KubectlException("error: you may only watch a single resource or type of resource at a time");
        }
        Duration duration = ctx.requestTimeout() == null ? DEFAULT_DURATION
                : DurationFlags.requestTimeout(ctx.requestTimeout());
        if (duration.isZero() || duration.isNegative()) {
            duration = DEFAULT_DURATION;
        }
        ResourceBuilder.Request request = requests.get(0);
        return watch(request.type(), request.name(), duration);
    }

    private <T extends KubeObject> int watch(ResourceType<T> type, String name, Duration duration) {
        if (format.humanReadable()) {
            printer = new HumanReadablePrinter(get.humanOptions(type, get.allNamespaces && type.namespaced(), false));
        }
        List<T> current;
        String resourceVersion;
        ListOptions options;
        if (name != null) {
            current = List.of(ctx.api().get(type, ctx.namespace(), name));
            // A watch of one object starts at "now" and first repeats the object as a synthetic ADDED event.
            resourceVersion = "0";
            options = ListOptions.fields("metadata.name=" + name);
        } else {
            ObjectList<T> list = ctx.api().list(type, get.namespace(), get.listOptions());
            current = list.items();
            resourceVersion = list.resourceVersion();
            options = get.listOptions();
        }
        outputObjects = !get.watchOnly;
        print(type, current, "ADDED");
        // A list's resourceVersion yields only later changes; a single object's watch begins with its copy.
        outputObjects = name == null;
        ApiWatch watch = ctx.api().watch(type, name != null ? ctx.namespace() : get.namespace(), resourceVersion, options,
                (ApiWatchEvent<T> e) -> {
                    if (e.type() == WatchEventType.ERROR || e.type() == WatchEventType.BOOKMARK) {
                        return;
                    }
                    print(type, List.of(e.object()), e.type().name());
                    outputObjects = true;
                });
        try {
            ctx.cluster().advance(duration);
        } finally {
            watch.stop();
        }
        return 0;
    }

    private <T extends KubeObject> void print(ResourceType<T> type, List<T> objects, String eventType) {
        String event = get.outputWatchEvents ? eventType : null;
        if (printer != null) {
            Table table = get.table(type, objects);
            printer.print(outputObjects ? table : new Table(table.columns(), List.of()), writer, event);
            writer.flush();
        } else if (outputObjects) {
            for (T o : objects) {
                if (event != null) {
                    format.printEvent(event, GetCommand.toJson(type, o), buffer);
                } else {
                    format.print(GetCommand.toJson(type, o), buffer);
                }
            }
            writer.flush();
        }
        ctx.out().print(buffer);
        ctx.out().flush();
        buffer.setLength(0);
    }
}
