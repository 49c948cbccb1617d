package io.ksim.kubectl.printers;

import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.printers.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's table printer (cli-runtime's HumanReadablePrinter) for the server's tables: headers upper-cased,
 * {@code priority > 0} columns only with {@code -o wide}, the NAMESPACE column first with {@code -A}, names
 * as {@code kind.group/name} when several kinds print, {@code -L} label columns and the LABELS column last.
 * Like kubectl's, a printer prints the headers once for a run of tables with the same columns (so watch
 * events add rows only), and prints nothing, not even headers, for a table without rows.
 */
public final class HumanReadablePrinter {

    /**
     * @param kindPrefix {@code pod}, {@code deployment.apps}: prefixed to names when several kinds print, or null
     */
    public record Options(boolean noHeaders, boolean wide, boolean withNamespace, String kindPrefix,
            List<String> labelColumns, boolean showLabels) {

        public Options {
            labelColumns = List.copyOf(labelColumns);
        }
    }

    private final Options options;
    private List<Table.Column> lastColumns;
    private boolean printedHeaders;

    public HumanReadablePrinter(Options options) {
        this.options = options;
    }

    /** Writes {@code table} as tab-separated lines into {@code w}. */
    public void print(Table table, TabWriter w) {
        print(table, w, null);
    }

    /**
     * Writes {@code table} with an EVENT column first ({@code ADDED   }, {@code MODIFIED}, {@code DELETED },
     * padded to eight as kubectl pads them) when {@code eventType} is not null ({@code --output-watch-events}).
     */
    public void print(Table table, TabWriter w, String eventType) {
        boolean noHeaders = options.noHeaders();
        List<Table.Column> columns = table.columns();
        if (printedHeaders && (columns.isEmpty() || columns.equals(lastColumns))) {
            noHeaders = true;
        }
        if (columns.isEmpty()) {
            columns = lastColumns == null ? List.of() : lastColumns;
        } else if (!columns.equals(lastColumns)) {
            lastColumns = columns;
            printedHeaders = false;
        }
        if (!table.rows().isEmpty()) {
            printedHeaders = true;
        }
        if (table.rows().isEmpty()) {
            return;
        }
        List<String> headers = new ArrayList<>();
        List<Boolean> shown = new ArrayList<>();
        int nameColumn = -1;
        for (int i = 0; i < columns.size(); i++) {
            Table.Column c = columns.get(i);
            shown.add(options.wide() || c.priority() == 0);
            if (nameColumn < 0 && "name".equals(c.format()) && "string".equals(c.type())) {
                nameColumn = i;
            }
            if (shown.get(i)) {
                headers.add(c.name().toUpperCase(Locale.ROOT));
            }
        }
        if (options.withNamespace()) {
            headers.add(0, "NAMESPACE");
        }
        if (eventType != null) {
            headers.add(0, "EVENT");
        }
        for (String label : options.labelColumns()) {
            String[] parts = label.split("/");
            headers.add(parts[parts.length - 1].toUpperCase(Locale.ROOT));
        }
        if (options.showLabels()) {
            headers.add("LABELS");
        }
        StringBuilder sb = new StringBuilder();
        if (!noHeaders) {
            sb.append(String.join("\t", headers)).append('\n');
        }
        for (Table.Row row : table.rows()) {
            List<String> cells = new ArrayList<>();
            KubeObject o = row.object();
            if (eventType != null) {
                cells.add(eventType.length() < 8 ? eventType + " ".repeat(8 - eventType.length()) : eventType);
            }
            if (options.withNamespace()) {
                cells.add(o == null || o.metadata().namespace() == null ? "" : o.metadata().namespace());
            }
            for (int i = 0; i < row.cells().size() && i < columns.size(); i++) {
                if (!shown.get(i)) {
                    continue;
                }
                String cell = row.cells().get(i) == null ? "" : row.cells().get(i);
                if (i == nameColumn && options.kindPrefix() != null) {
                    cell = options.kindPrefix() + "/" + cell;
                }
                cells.add(truncate(cell));
            }
            Map<String, String> labels = o == null || o.metadata().labels() == null ? Map.of() : o.metadata().labels();
            for (String key : options.labelColumns()) {
                cells.add(labels.getOrDefault(key, ""));
            }
            if (options.showLabels()) {
                cells.add(formatLabels(labels));
            }
            sb.append(String.join("\t", cells)).append('\n');
        }
        w.write(sb.toString());
    }

    /** A cell is cut at its first line break, marked with "...", as kubectl cuts it. */
    private static String truncate(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\n' || c == '\r' || c == '\f') {
                return cell.substring(0, i) + "...";
            }
        }
        return cell;
    }

    /** Labels as {@code labels.FormatLabels}: {@code k=v} sorted by key, comma-separated, or {@code <none>}. */
    public static String formatLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
