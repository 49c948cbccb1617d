package io.ksim.apiserver.printers;

import io.ksim.api.meta.KubeObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One kind's printer: its column definitions and a function giving one object's cells. Like
 * kube-apiserver, it always produces the wide cells too (the server prints with {@code Wide: true} and
 * leaves hiding priority-1 columns to the client), so every row has one cell per column.
 */
final class Printer<T extends KubeObject> implements TableConvertor {

    private final Class<T> type;
    private final List<Table.Column> columns;
    private final BiFunction<T, Instant, List<String>> cells;

    private Printer(Class<T> type, List<Table.Column> columns, BiFunction<T, Instant, List<String>> cells) {
        this.type = type;
        this.columns = List.copyOf(columns);
        this.cells = cells;
    }

    static <T extends KubeObject> void register(ServerPrinters printers, Class<T> type, List<Table.Column> columns,
            BiFunction<T, Instant, List<String>> cells) {
        printers.register(type, new Printer<>(type, columns, cells));
    }

    @Override
    public Table convert(List<? extends KubeObject> objects, Instant now) {
        List<Table.Row> rows = new ArrayList<>(objects.size());
        for (KubeObject o : objects) {
            List<String> row = cells.apply(type.cast(o), now);
            if (row.size() != columns.size()) {
                throw new IllegalStateException(type.getSimpleName() + " printer gave " + row.size() + " cells for "
                        + columns.size() + " columns");
            }
            rows.add(new Table.Row(row, o));
        }
        return new Table(columns, rows);
    }

    // Column definitions most kinds share.

    static Table.Column name() {
        return new Table.Column("Name", "string", "name", SwaggerDocs.of("ObjectMeta.name"), 0);
    }

    static Table.Column age() {
        return Table.Column.of("Age", "string", SwaggerDocs.of("ObjectMeta.creationTimestamp"));
    }

    static Table.Column col(String name, String type, String description) {
        return Table.Column.of(name, type, description);
    }

    static Table.Column doc(String name, String type, String docKey) {
        return Table.Column.of(name, type, SwaggerDocs.of(docKey));
    }

    static Table.Column wide(String name, String type, String description) {
        return Table.Column.wide(name, type, description);
    }

    static Table.Column wideDoc(String name, String type, String docKey) {
        return Table.Column.wide(name, type, SwaggerDocs.of(docKey));
    }

    static Table.Column containers() {
        return wide("Containers", "string", "Names of each container in the template.");
    }

    static Table.Column images() {
        return wide("Images", "string", "Images referenced by each container in the template.");
    }
}
