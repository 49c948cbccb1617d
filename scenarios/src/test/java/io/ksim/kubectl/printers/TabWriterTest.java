package io.ksim.kubectl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Go's text/tabwriter rules with kubectl's printer settings (minimum width 6, padding 3, remembered widths) and
 * its describers' settings (minimum width 0, padding 2).
 */
class TabWriterTest {

    private static String format(String... flushes) {
        StringBuilder out = new StringBuilder();
        TabWriter w = TabWriter.kubectl(out);
        for (String text : flushes) {
            w.write(text);
            w.flush();
        }
        return out.toString();
    }

    @Test
    void columnsAreTheWidestCellPlusPaddingAndAtLeastTheMinimum() {
        assertEquals("a     b      c\naaa   bbbb   c\n", format("a\tb\tc\naaa\tbbbb\tc\n"));
    }

    @Test
    void theLastCellOfALineIsNotPadded() {
        assertEquals("NAME   STATUS\nx      Running\n", format("NAME\tSTATUS\nx\tRunning\n"));
    }

    @Test
    void anEmptyLastCellLeavesThePaddingOfTheCellBefore() {
        assertEquals("NAME   ERROR\nok     \n", format("NAME\tERROR\nok\t\n"));
    }

    @Test
    void aLineWithoutTabsFlushesAndTheNextBlockKeepsTheRememberedWidth() {
        assertEquals("aaaaaaaa   b\nc\nd          e\n", format("aaaaaaaa\tb\nc\nd\te\n"));
        StringBuilder out = new StringBuilder();
        new TabWriter(out, 6, 3, ' ', false).write("aaaaaaaa\tb\nc\nd\te\n");
        assertEquals("aaaaaaaa   b\nc\n", out.toString());
    }

    @Test
    void widthsAreRememberedAcrossFlushesAsWatchRowsNeedThem() {
        assertEquals("NAME   AGE\nx      1\nlonger-name   2\ny             3\n",
                format("NAME\tAGE\nx\t1\n", "longer-name\t2\n", "y\t3\n"));
    }

    @Test
    void forgettingWidthsStartsAFreshTable() {
        StringBuilder out = new StringBuilder();
        TabWriter w = TabWriter.kubectl(out);
        w.write("a-long-name\t1\n");
        w.flush();
        w.forgetWidths();
        w.write("b\t2\n");
        w.flush();
        assertEquals("a-long-name   1\nb     2\n", out.toString());
    }

    @Test
    void widthCountsCharactersNotBytes() {
        assertEquals("é     x\n", format("é\tx\n"));
    }

    // kubectl's describer settings: minimum width 0, padding 2, no remembered widths.

    @Test
    void describeCellsOfAColumnBlockArePaddedToTheWidestPlusTwo() {
        assertEquals("Name:       web\nNamespace:  default\n", TabWriter.describe("Name:\tweb\nNamespace:\tdefault\n"));
    }

    @Test
    void describeLineWithoutTheColumnEndsTheBlock() {
        assertEquals("Name:  web\nContainers:\n  nginx:  x\n", TabWriter.describe("Name:\tweb\nContainers:\n  nginx:\tx\n"));
    }

    @Test
    void describeTextAfterTheLastTabIsNotAligned() {
        assertEquals("a   bbbbbb  c\naa  b       cc\n", TabWriter.describe("a\tbbbbbb\tc\naa\tb\tcc\n"));
        assertEquals("a  b\nlong-text-without-cells\n", TabWriter.describe("a\tb\nlong-text-without-cells\n"));
    }

    @Test
    void describeNestedBlocksAlignIndependently() {
        // Column 0 spans both lines; column 1 exists only on the first, so only it is padded there.
        assertEquals("Port:      <unset>  80/TCP\nEndpoint:  x\n", TabWriter.describe("Port:\t<unset>\t80/TCP\nEndpoint:\tx\n"));
    }

    @Test
    void describeTrailingTabPadsAnEmptyLastCell() {
        assertEquals("Kube-Proxy:  \nPodCIDR:     x\n", TabWriter.describe("Kube-Proxy:\t\nPodCIDR:\tx\n"));
    }

    @Test
    void rowsPadTheLastCellOnlyWhenItEndsInATab() {
        java.util.List<java.util.List<String>> rows = java.util.List.of(java.util.List.of("NAME", "CPU(cores)"),
                java.util.List.of("node-1", "250m"));
        assertEquals("NAME     CPU(cores)   \nnode-1   250m         \n", TabWriter.rows(rows, true));
        assertEquals("NAME     CPU(cores)\nnode-1   250m\n", TabWriter.rows(rows, false));
    }
}
