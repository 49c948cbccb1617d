package io.ksim.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cases of upstream controller_utils_test.go / replica_set_test.go (TestSlowStartBatch) and expectations. */
class ControllerUtilsTest {

    @Test
    void slowStartBatchDoublesUntilABatchFails() {
        // 10 creates, the 5th call fails: batches 1, 2, 4 run (7 calls), 3 are never attempted.
        ControllerUtils.BatchResult r = ControllerUtils.slowStartBatch(10, 1, i -> i != 4);
        assertEquals(List.of(1, 2, 4), r.batches());
        assertEquals(7, r.attempted());
        assertEquals(6, r.successes());
        ControllerUtils.BatchResult all = ControllerUtils.slowStartBatch(10, 1, i -> true);
        assertEquals(List.of(1, 2, 4, 3), all.batches());
        assertEquals(10, all.successes());
        assertEquals(List.of(), ControllerUtils.slowStartBatch(0, 1, i -> true).batches());
        ControllerUtils.BatchResult firstFails = ControllerUtils.slowStartBatch(5, 1, i -> false);
        assertEquals(List.of(1), firstFails.batches());
        assertEquals(0, firstFails.successes());
    }

    @Test
    void expectationsHoldUntilObservedOrExpired() {
        Kernel kernel = Kernel.builder().seed(1).build();
        ControllerExpectations e = new ControllerExpectations(kernel);
        assertEquals(true, e.satisfied("default/web"), "no record: satisfied");
        e.expectCreations("default/web", 2);
        assertEquals(false, e.satisfied("default/web"));
        e.creationObserved("default/web");
        assertEquals(false, e.satisfied("default/web"));
        e.creationObserved("default/web");
        assertEquals(true, e.satisfied("default/web"));

        e.expectDeletions("default/web", Set.of("default/a", "default/b"));
        e.deletionObserved("default/web", "default/other");
        assertEquals(false, e.satisfied("default/web"), "an unexpected deletion does not count");
        e.deletionObserved("default/web", "default/a");
        e.deletionObserved("default/web", "default/a");
        assertEquals(false, e.satisfied("default/web"), "each expected pod counts once");
        kernel.advance(Duration.ofMinutes(5));
        assertEquals(false, e.satisfied("default/web"), "not expired at exactly 5 minutes");
        kernel.advance(Duration.ofMillis(1));
        assertEquals(true, e.satisfied("default/web"), "expired after 5 minutes");
        e.delete("default/web");
        assertEquals(true, e.satisfied("default/web"));
    }
}
