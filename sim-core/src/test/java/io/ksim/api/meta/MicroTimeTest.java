package io.ksim.api.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.ksim.api.KubeJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicroTimeTest {

    record Holder(MicroTime renewTime) {
    }

    @Test
    void printsSixFractionalDigitsInUtc() throws Exception {
        assertEquals("2025-01-01T00:00:00.000000Z", MicroTime.of(Instant.parse("2025-01-01T00:00:00Z")).format());
        assertEquals("2025-01-01T00:00:01.234567Z",
                MicroTime.of(Instant.parse("2025-01-01T00:00:01.234567891Z")).format(), "truncated to micros");
        assertEquals("{\"renewTime\":\"2025-01-01T00:00:00.000100Z\"}", KubeJson.json().writeValueAsString(
                new Holder(MicroTime.of(Instant.parse("2025-01-01T00:00:00.0001Z")))));
    }

    @Test
    void parsesTheWireFormWithAnyOffset() throws Exception {
        assertEquals(Instant.parse("2025-01-01T00:00:00.000001Z"),
                MicroTime.parse("2025-01-01T00:00:00.000001Z").time());
        assertEquals(Instant.parse("2025-01-01T00:00:00.5Z"), MicroTime.parse("2025-01-01T02:00:00.500000+02:00").time());
        Holder h = KubeJson.yaml().readValue("renewTime: 2025-03-04T05:06:07.080910Z\n", Holder.class);
        assertEquals(Instant.parse("2025-03-04T05:06:07.080910Z"), h.renewTime().time());
        assertEquals("renewTime: 2025-03-04T05:06:07.080910Z\n", KubeJson.yaml().writeValueAsString(h));
    }

    /** Upstream parses with the layout 2006-01-02T15:04:05.000000Z07:00: exactly six fractional digits. */
    @Test
    void rejectsOtherPrecisions() {
        for (String bad : new String[] {"2025-01-01T00:00:00Z", "2025-01-01T00:00:00.123Z",
                "2025-01-01T00:00:00.1234567Z", "2025-01-01 00:00:00.000000Z", "yesterday"}) {
            assertThrows(IllegalArgumentException.class, () -> MicroTime.parse(bad), bad);
            JsonMappingException e = assertThrows(JsonMappingException.class,
                    () -> KubeJson.json().readValue("{\"renewTime\":\"" + bad + "\"}", Holder.class), bad);
            assertTrue(e.getMessage().contains("parsing time"), e.getMessage());
        }
    }

    @Test
    void ordersByTime() {
        MicroTime a = MicroTime.parse("2025-01-01T00:00:00.000001Z");
        MicroTime b = MicroTime.parse("2025-01-01T00:00:00.000002Z");
        assertTrue(a.compareTo(b) < 0);
    }
}
