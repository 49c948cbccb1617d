package io.ksim.apiserver.printers;

import io.ksim.api.meta.KubeObject;
import java.util.List;

/**
 * A list of objects as a table, what the API server returns for {@code Accept: application/json;as=Table}
 * (meta.k8s.io/v1 Table). The server decides the columns and formats every cell; clients (kubectl) only
 * lay the table out. Columns with {@code priority > 0} are the ones kubectl shows only with {@code -o wide}.
 */
public record Table(List<Column> columns, List<Row> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** A TableColumnDefinition: name as the server spells it ("Name", "Ready", "Nominated Node"). */
    public record Column(String name, String type, String format, String description, int priority) {

        public static Column of(String name, String type, String description) {
            return new Column(name, type, "", description, 0);
        }

        public static Column wide(String name, String type, String description) {
            return new Column(name, type, "", description, 1);
        }
    }

    /** One TableRow: the cells as strings already formatted by the server, and the object printed. */
    public record Row(List<String> cells, KubeObject object) {

        public Row {
            cells = List.copyOf(cells);
        }
    }
}
