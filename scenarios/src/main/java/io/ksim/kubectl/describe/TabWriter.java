package io.ksim.kubectl.describe;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns exactly as Go's {@code text/tabwriter} does with the settings
 * kubectl's describers use (minimum width 0, padding 2, padded with blanks, no flags).
 *
 * <p>A cell is text ended by a tab; the text after a line's last tab is not a cell and does not take part in
 * alignment. A column block is a run of consecutive lines that all have a cell in that column; every cell
 * of the block is padded to the block's widest cell plus two blanks. A line with fewer cells ends the block,
 * so a heading such as {@code Containers:} starts the alignment afresh. Widths count characters (runes).
 */
public final class TabWriter {

    private static final int PADDING = 2;

    private TabWriter() {
    }

    /** The text with its tabs expanded; the text must end with a newline to be printed as a whole. */
    public static String format(String text) {
        List<List<String>> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            List<String> cells = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '\t') {
                    cells.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            cells.add(line.substring(start));
            lines.add(cells);
        }
        // The split leaves one empty line after a final newline: it is the unterminated remainder.
        StringBuilder out = new StringBuilder();
        List<Integer> widths = new ArrayList<>();
        format(lines, 0, lines.size(), widths, out);
        // Drop the newline written after the (empty) remainder line.
        return out.substring(0, out.length() - 1);
    }

    private static void format(List<List<String>> lines, int line0, int line1, List<Integer> widths, StringBuilder out) {
        int column = widths.size();
        int start = line0;
        for (int i = line0; i < line1; i++) {
            if (column >= lines.get(i).size() - 1) {
                continue;
            }
            // A cell in this column starts a block: print the lines before it, then size the block.
            writeLines(lines, start, i, widths, out);
            start = i;
            int width = 0;
            for (; i < line1; i++) {
                List<String> line = lines.get(i);
                if (column >= line.size() - 1) {
                    break;
                }
                width = Math.max(width, runes(line.get(column)) + PADDING);
            }
            widths.add(width);
            format(lines, start, i, widths, out);
            widths.remove(widths.size() - 1);
            start = i;
            i--;
        }
        writeLines(lines, start, line1, widths, out);
    }

    private static void writeLines(List<List<String>> lines, int from, int to, List<Integer> widths, StringBuilder out) {
        for (int i = from; i < to; i++) {
            List<String> line = lines.get(i);
            for (int j = 0; j < line.size(); j++) {
                String cell = line.get(j);
                out.append(cell);
                if (j < widths.size() && j < line.size() - 1) {
                    out.append(" ".repeat(Math.max(0, widths.get(j) - runes(cell))));
                }
            }
            out.append('\n');
        }
    }

    private static int runes(String s) {
        return s.codePointCount(0, s.length());
    }
}
