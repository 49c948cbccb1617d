package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A taint's timeAdded is a metav1.Time: whole seconds, as it reads back from the wire. */
class TaintTest {

    @Test
    void timeAddedKeepsWholeSeconds() {
        Taint t = new Taint("node.kubernetes.io/unreachable", null, TaintEffect.NO_EXECUTE,
                Instant.parse("2025-01-01T00:01:05.900Z"));
        assertEquals(Instant.parse("2025-01-01T00:01:05Z"), t.timeAdded());
        assertNull(Taint.of("k", "v", TaintEffect.NO_SCHEDULE).timeAdded());
    }
}
