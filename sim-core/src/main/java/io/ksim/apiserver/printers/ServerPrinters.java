package io.ksim.apiserver.printers;

import io.ksim.api.meta.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API server's table printers by object class (kube-apiserver's pkg/printers/internalversion), so every
 * client (the kubectl layer, a REST binding) prints the same columns. A kind without a printer gets the
 * default table: Name and Created At, as the generic registry's default table convertor gives (upstream
 * has no printer for Roles, ClusterRoles or LimitRanges either).
 */
public final class ServerPrinters {

    private static final ServerPrinters DEFAULTS = new ServerPrinters();

    static {
        PodPrinters.register(DEFAULTS);
        CorePrinters.register(DEFAULTS);
        NetworkPrinters.register(DEFAULTS);
        StoragePrinters.register(DEFAULTS);
        AppsPrinters.register(DEFAULTS);
        BatchPrinters.register(DEFAULTS);
        RbacPrinters.register(DEFAULTS);
        OtherGroupPrinters.register(DEFAULTS);
    }

    private final Map<Class<?>, TableConvertor> byClass = new HashMap<>();

    private ServerPrinters() {
    }

    /** The printers for the built-in kinds. */
    public static ServerPrinters defaults() {
        return DEFAULTS;
    }

    /** Registers the printer for objects of {@code type}. */
    void register(Class<? extends KubeObject> type, TableConvertor convertor) {
        byClass.put(type, convertor);
    }

    /** The table for {@code objects}, all of one kind, as the server would print them at {@code now}. */
    public Table toTable(Class<? extends KubeObject> type, List<? extends KubeObject> objects, Instant now) {
        TableConvertor c = byClass.get(type);
        return c != null ? c.convert(objects, now) : defaultTable(objects);
    }

    private static Table defaultTable(List<? extends KubeObject> objects) {
        List<Table.Row> rows = new ArrayList<>();
        for (KubeObject o : objects) {
            Instant created = o.metadata().creationTimestamp();
            rows.add(new Table.Row(List.of(o.metadata().name(),
                    created == null ? "<unknown>" : io.ksim.api.KubeJson.formatTime(created)), o));
        }
        return new Table(List.of(
                Printer.name(),
                new Table.Column("Created At", "date", "", SwaggerDocs.of("ObjectMeta.creationTimestamp"), 0)),
                rows);
    }
}
