package io.ksim.kubectl.printers;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns as Go's {@code text/tabwriter} does, with the "remember widths"
 * extension kubectl uses so that rows printed after a flush (watch events) keep the columns of the rows
 * before them. The settings are parameters; kubectl uses two sets of them: its printers' (cli-runtime
 * printers/tabwriter.go: minimum cell width 6, padding 3, pad character space, remembered widths;
 * {@link #kubectl}) for {@code get}, {@code top}, {@code auth can-i --list}, ..., and its describers'
 * (describe.go: minimum width 0, padding 2, pad character space, no flags; {@link #describe}).
 *
 * <p>The rules, as Go's: a cell is text terminated by a tab; the text after a line's last tab is not part
 * of a column and is printed as is (so rows have no trailing blanks unless their last cell is empty). A
 * column block is a run of consecutive lines that have a cell in that column; each block is as wide as its
 * widest cell plus the padding, at least the minimum width. A line without any tab ends the block and
 * flushes. Widths count code points.
 *
 * <pre>{@code
 * TabWriter w = TabWriter.kubectl(out);
 * w.write("NAME\tREADY\nweb-1\t1/1\n");
 * w.flush();
 * // NAME    READY
 * // web-1   1/1
 * }</pre>
 */
public final class TabWriter {

    private record Cell(String text, int width, boolean htab) {
    }

    private final StringBuilder out;
    private final int minWidth;
    private final int padding;
    private final char padChar;
    private final boolean rememberWidths;

    private final List<List<Cell>> lines = new ArrayList<>();
    private final StringBuilder cell = new StringBuilder();
    private final List<Integer> widths = new ArrayList<>();
    private List<Integer> maxWidths = new ArrayList<>();

    public TabWriter(StringBuilder out, int minWidth, int padding, char padChar, boolean rememberWidths) {
        this.out = out;
        this.minWidth = minWidth;
        this.padding = padding;
        this.padChar = padChar;
        this.rememberWidths = rememberWidths;
        reset();
    }

    /** A writer with kubectl's settings. */
    public static TabWriter kubectl(StringBuilder out) {
        return new TabWriter(out, 6, 3, ' ', true);
    }

    /** {@code text} aligned as kubectl's describers align it; what follows the last newline is printed too. */
    public static String describe(String text) {
        StringBuilder out = new StringBuilder();
        TabWriter w = new TabWriter(out, 0, 2, ' ', false);
        w.write(text);
        w.flush();
        return out.toString();
    }

    /**
     * Rows aligned by a writer with kubectl's printer settings, each row's cells separated by tabs and the row
     * ended by a newline. {@code tabAfterLast}: the last cell ends with a tab as well, so it is padded like the
     * others ({@code kubectl top}); otherwise it is plain text after the columns ({@code auth can-i --list},
     * {@code auth whoami}).
     */
    public static String rows(List<List<String>> rows, boolean tabAfterLast) {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            text.append(String.join("\t", row)).append(tabAfterLast ? "\t\n" : "\n");
        }
        StringBuilder out = new StringBuilder();
        TabWriter w = kubectl(out);
        w.write(text.toString());
        w.flush();
        return out.toString();
    }

    public void write(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\t' || ch == '\n') {
                int cells = terminateCell(ch == '\t');
                if (ch == '\n') {
                    lines.add(new ArrayList<>());
                    if (cells == 1) {
                        flush();
                    }
                }
            } else {
                cell.append(ch);
            }
        }
    }

    /** Writes out everything buffered; remembered widths stay. */
    public void flush() {
        if (cell.length() > 0) {
            terminateCell(false);
        }
        format(0, lines.size());
        reset();
    }

    /** Forgets the widths remembered from earlier flushes (kubectl does so when a new resource's table starts). */
    public void forgetWidths() {
        maxWidths = new ArrayList<>();
    }

    private void reset() {
        cell.setLength(0);
        lines.clear();
        widths.clear();
        lines.add(new ArrayList<>());
    }

    private int terminateCell(boolean htab) {
        String text = cell.toString();
        List<Cell> line = lines.get(lines.size() - 1);
        line.add(new Cell(text, text.codePointCount(0, text.length()), htab));
        cell.setLength(0);
        return line.size();
    }

    private void format(int line0, int line1) {
        int column = widths.size();
        for (int current = line0; current < line1; current++) {
            List<Cell> line = lines.get(current);
            if (column >= line.size() - 1) {
                continue;
            }
            // A column block starts here: print the lines before it, then measure the block.
            writeLines(line0, current);
            line0 = current;
            int width = minWidth;
            for (; current < line1; current++) {
                line = lines.get(current);
                if (column >= line.size() - 1) {
                    break;
                }
                width = Math.max(width, line.get(column).width() + padding);
            }
            if (rememberWidths) {
                if (maxWidths.size() < widths.size()) {
                    maxWidths.addAll(widths.subList(maxWidths.size(), widths.size()));
                }
                if (maxWidths.size() == widths.size()) {
                    maxWidths.add(width);
                } else if (maxWidths.get(widths.size()) > width) {
                    width = maxWidths.get(widths.size());
                } else if (maxWidths.get(widths.size()) < width) {
                    maxWidths.set(widths.size(), width);
                }
            }
            widths.add(width);
            format(line0, current);
            widths.remove(widths.size() - 1);
            line0 = current;
        }
        writeLines(line0, line1);
    }

    private void writeLines(int line0, int line1) {
        for (int i = line0; i < line1; i++) {
            List<Cell> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                Cell c = line.get(j);
                out.append(c.text());
                if (j < widths.size()) {
                    pad(widths.get(j) - c.width());
                }
            }
            if (i + 1 < lines.size()) {
                out.append('\n');
            }
        }
    }

    private void pad(int n) {
        for (int i = 0; i < n; i++) {
            out.append(padChar);
        }
    }
}
