package io.ksim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StoreDemoTest {

    private static String play(long seed) {
        Kernel kernel = Kernel.builder().seed(seed).build();
        new StoreDemo(kernel).play();
        return kernel.trace().format();
    }

    @Test
    void sameSeedPrintsTheSameBytes() {
        assertEquals(play(42), play(42));
    }

    @Test
    void anotherSeedChangesOnlyWhatIsDrawnFromTheSeed() {
        // The lease ID is the only value the demo draws from the random source.
        String a = play(42);
        String b = play(7);
        assertNotEquals(a, b);
        assertEquals(a.replaceAll("\\d{12,}", "ID"), b.replaceAll("\\d{12,}", "ID"));
    }

    @Test
    void tellsTheStoryOfRevisionsConflictsLeasesAndCompaction() {
        String trace = play(42);
        assertTrue(trace.contains("apiserver        Put            /registry/pods/default/web-1  revision 3"), trace);
        assertTrue(trace.contains("Update         /registry/pods/default/web-1  mod_revision was 3: written at revision 5"), trace);
        assertTrue(trace.contains("Conflict       /registry/pods/default/web-1  mod_revision is no longer 3"), trace);
        assertTrue(trace.contains("Watch          /registry/pods/default/web-2  DELETED at revision 7"), trace);
        assertTrue(trace.contains("   300.000s etcd             Compact        compacted at revision 7"), trace);
        assertTrue(trace.contains("WatchCanceled  /registry/pods/default/  history before revision 7 is compacted"), trace);
        assertTrue(trace.contains("  3602.000s etcd             LeaseExpired"), trace);
        assertTrue(trace.contains("revision 8, compacted at 7, 2 keys"), trace);
    }

    @Test
    void commandPrintsTheTraceAndExitsZero() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Ksim()).execute("demo", "--seed", "42");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, exit);
        assertEquals(play(42), buffer.toString(StandardCharsets.UTF_8));
    }
}
