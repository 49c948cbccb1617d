package io.ksim.kubectl.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Event;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.meta.MicroTime;
import io.ksim.api.meta.ObjectMeta;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The indentation, alignment, age and event formats kubectl's describers print with. */
class PrefixWriterTest {

    @Test
    void prefixWriterIndentsTwoBlanksPerLevel() {
        PrefixWriter w = new PrefixWriter();
        w.write(PrefixWriter.LEVEL_0, "Lease:\n");
        w.write(PrefixWriter.LEVEL_1, "HolderIdentity:\t%s\n", "node-1");
        w.write(PrefixWriter.LEVEL_1, "RenewTime:\t%s\n", "<unset>");
        w.nested(2).writeLine("x", "y");
        assertEquals("Lease:\n  HolderIdentity:  node-1\n  RenewTime:       <unset>\n    x y\n", w.text());
    }

    @Test
    void repeatedEventsShowTheirCountAndSpan() {
        Instant now = Instant.parse("2025-01-01T00:10:00Z");
        Event repeated = event("Warning", "BackOff", "Back-off restarting failed container", now.minusSeconds(300),
                now.minusSeconds(120), 3);
        Event once = event("Normal", "Pulled", "Container image already present on machine ", now.minusSeconds(400),
                now.minusSeconds(400), 1);
        PrefixWriter w = new PrefixWriter();
        Fmt.events(w, List.of(repeated, once), now);
        assertEquals("""
                Events:
                  Type     Reason   Age              From     Message
                  ----     ------   ----             ----     -------
                  Normal   Pulled   6m40s            kubelet  Container image already present on machine
                  Warning  BackOff  2m (x3 over 5m)  kubelet  Back-off restarting failed container
                """, w.text());
    }

    @Test
    void eventsWithOnlyAnEventTimeAndASeries() {
        Instant now = Instant.parse("2025-01-01T00:10:00Z");
        Event e = new Event(null, null, ObjectMeta.builder().name("e").build(), new ObjectReference("Pod", "default",
                "p", null, "v1", null, null), "FailedScheduling", "0/3 nodes are available.", null, null, null, null,
                "Warning", MicroTime.of(now.minusSeconds(90)),
                new Event.EventSeries(4, MicroTime.of(now.minusSeconds(10))), "Scheduling", null, "default-scheduler", "");
        PrefixWriter w = new PrefixWriter();
        Fmt.events(w, List.of(e), now);
        assertEquals("Events:\n  Type     Reason            Age                From               Message\n"
                + "  ----     ------            ----               ----               -------\n"
                + "  Warning  FailedScheduling  10s (x4 over 90s)  default-scheduler  0/3 nodes are available.\n", w.text());
        PrefixWriter none = new PrefixWriter();
        Fmt.events(none, List.of(), now);
        assertEquals("Events:  <none>\n", none.text());
    }

    private static Event event(String type, String reason, String message, Instant first, Instant last, int count) {
        return new Event(null, null, ObjectMeta.builder().name(reason).build(),
                new ObjectReference("Pod", "default", "p", null, "v1", null, null), reason, message,
                new Event.EventSource("kubelet", "node-1"), first, last, count, type, null, null, null, null, null, null);
    }

    @Test
    void terminalControlCharactersAreEscaped() {
        PrefixWriter w = new PrefixWriter();
        w.write(PrefixWriter.LEVEL_0, "%s:\t%s\n", "mode", "\u001b[31mred\r");
        assertEquals("mode:  ^[[31mred\\r\n", w.text());
    }
}
