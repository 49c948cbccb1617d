package io.ksim.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * For a table whose rows have the same number of non-empty cells, kubectl's tabwriter starts the k-th cell
 * of every row at the same column, and each column is as wide as its widest cell plus 3, at least 6.
 */
class TabWriterProperties {

    @Property(tries = 200)
    void cellsOfAColumnStartTogether(@ForAll @Size(min = 1, max = 6) List<@Size(value = 4)
            List<@AlphaChars @StringLength(min = 1, max = 12) String>> rows, @ForAll @IntRange(min = 2, max = 4) int columns) {
        StringBuilder text = new StringBuilder();
        rows.forEach(r -> text.append(String.join("\t", r.subList(0, columns))).append('\n'));
        StringBuilder out = new StringBuilder();
        TabWriter w = TabWriter.kubectl(out);
        w.write(text.toString());
        w.flush();
        List<String> lines = out.toString().lines().toList();
        assertEquals(rows.size(), lines.size());
        int start = 0;
        for (int c = 0; c < columns; c++) {
            int column = c;
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i).get(c), lines.get(i).substring(start, start + rows.get(i).get(c).length()));
            }
            int widest = rows.stream().mapToInt(r -> r.get(column).length()).max().orElseThrow();
            start += Math.max(6, widest + 3);
        }
        lines.forEach(l -> assertEquals(l.stripTrailing(), l, "no trailing blanks"));
    }
}
