package io.ksim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Go's Duration.String() reads back through time.ParseDuration to the same duration. */
class GoDurationProperties {

    @Property
    void formatThenParseIsTheIdentity(@ForAll long nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertEquals(d, GoDuration.parse(GoDuration.format(d)));
    }

    @Property
    void formatThenParseIsTheIdentityForShortDurations(@ForAll int nanos) {
        Duration d = Duration.ofNanos(nanos);
        assertEquals(d, GoDuration.parse(GoDuration.format(d)));
    }
}
