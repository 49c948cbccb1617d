package io.ksim.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.printers.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubectl's decoration and layout of a server table, on a hand-made table. */
class HumanReadablePrinterTest {

    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "string", "name", "", 0),
            Table.Column.of("Status", "string", ""),
            Table.Column.wide("Nominated Node", "string", ""));

    private static Table.Row row(String namespace, String name, String status, Map<String, String> labels) {
        ConfigMap o = new ConfigMap(null, null, ObjectMeta.builder().name(name).namespace(namespace).labels(labels).build(),
                null, null, null);
        return new Table.Row(List.of(name, status, "<none>"), o);
    }

    private static String print(HumanReadablePrinter.Options options, Table... tables) {
        StringBuilder out = new StringBuilder();
        TabWriter w = TabWriter.kubectl(out);
        HumanReadablePrinter p = new HumanReadablePrinter(options);
        for (Table t : tables) {
            p.print(t, w);
        }
        w.flush();
        return out.toString();
    }

    private static HumanReadablePrinter.Options options(boolean wide, boolean namespace, String kind, List<String> labels,
            boolean showLabels) {
        return new HumanReadablePrinter.Options(false, wide, namespace, kind, labels, showLabels);
    }

    private final Table table = new Table(COLUMNS, List.of(
            row("default", "web-1", "Running", Map.of("app", "web")),
            row("kube-system", "dns", "Pending\nlong reason", Map.of())));

    @Test
    void wideColumnsOnlyWithWide() {
        assertEquals("NAME    STATUS\nweb-1   Running\ndns     Pending...\n",
                print(options(false, false, null, List.of(), false), table));
        assertEquals("NAME    STATUS       NOMINATED NODE\nweb-1   Running      <none>\ndns     Pending...   <none>\n",
                print(options(true, false, null, List.of(), false), table));
    }

    @Test
    void namespaceFirstKindPrefixOnTheNameColumnLabelsLast() {
        assertEquals("""
                NAMESPACE     NAME        STATUS       APP   LABELS
                default       pod/web-1   Running      web   app=web
                kube-system   pod/dns     Pending...         <none>
                """, print(options(false, true, "pod", List.of("app"), true), table));
    }

    @Test
    void headersOnceForTablesWithTheSameColumnsAndNothingForNoRows() {
        Table empty = new Table(COLUMNS, List.of());
        assertEquals("", print(options(false, false, null, List.of(), false), empty));
        assertEquals("NAME    STATUS\nweb-1   Running\ndns     Pending...\nweb-1   Running\ndns     Pending...\n",
                print(options(false, false, null, List.of(), false), empty, table, table));
        assertEquals("web-1   Running\ndns     Pending...\n",
                print(new HumanReadablePrinter.Options(true, false, false, null, List.of(), false), table));
    }

    @Test
    void labelColumnHeadersUseTheLastPathSegment() {
        String out = print(options(false, false, null, List.of("app.kubernetes.io/name"), false), table);
        assertEquals("NAME    STATUS       NAME", out.lines().findFirst().orElseThrow());
        assertEquals("<none>", HumanReadablePrinter.formatLabels(Map.of()));
        assertEquals("a=1,b=2", HumanReadablePrinter.formatLabels(Map.of("b", "2", "a", "1")));
    }
}
