package io.ksim.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final Kernel kernel = Kernel.builder().seed(1).build();
    private final WorkQueue<String> queue = WorkQueue.withDefaultRateLimiter(kernel, "test");

    @Test
    void addsOfAWaitingKeyCoalesce() {
        queue.add("default/web");
        queue.add("default/web");
        queue.add("default/db");
        queue.add("default/web");
        assertEquals(2, queue.len());
        assertEquals("default/web", queue.get());
        assertEquals("default/db", queue.get());
        assertNull(queue.get());
    }

    @Test
    void aKeyAddedWhileProcessingIsQueuedAgainOnlyWhenDone() {
        queue.add("a");
        assertEquals("a", queue.get());
        queue.add("a");
        assertEquals(0, queue.len(), "never handed to a second worker while the first has it");
        assertNull(queue.get());
        queue.done("a");
        assertEquals(1, queue.len());
        assertEquals("a", queue.get());
        queue.done("a");
        assertEquals(0, queue.len());
    }

    @Test
    void doneForAKeyNotBeingProcessedIsABug() {
        assertThrows(IllegalStateException.class, () -> queue.done("never-got"));
    }

    @Test
    void readyListenerHearsEachKeyThatBecomesAvailable() {
        List<Integer> lens = new ArrayList<>();
        queue.setReadyListener(() -> lens.add(queue.len()));
        queue.add("a");
        queue.add("a");
        queue.add("b");
        queue.get();
        queue.add("a");
        queue.done("a");
        assertEquals(List.of(1, 2, 2), lens);
    }

    @Test
    void delayedAddKeepsTheEarlierReadyTime() {
        queue.addAfter("a", Duration.ofSeconds(10));
        queue.addAfter("a", Duration.ofSeconds(3));
        queue.addAfter("a", Duration.ofSeconds(7));
        assertEquals(1, queue.waitingCount());
        kernel.runUntil(Duration.ofMillis(2999));
        assertEquals(0, queue.len());
        kernel.runUntil(Duration.ofSeconds(3));
        assertEquals(1, queue.len());
        kernel.runUntil(Duration.ofSeconds(20));
        assertEquals(1, queue.len(), "the later timers were called off");
    }

    @Test
    void rateLimitedRetriesBackOffFrom5msDoublingTo1000s() {
        List<Duration> delays = new ArrayList<>();
        ItemExponentialFailureRateLimiter<String> limiter =
                new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        for (int i = 0; i < 21; i++) {
            delays.add(limiter.when("a"));
        }
        assertEquals(Duration.ofMillis(5), delays.get(0));
        assertEquals(Duration.ofMillis(10), delays.get(1));
        assertEquals(Duration.ofMillis(20), delays.get(2));
        assertEquals(Duration.ofMillis(655_360), delays.get(17));
        assertEquals(Duration.ofSeconds(1000), delays.get(18), "the 19th failure reaches the cap");
        assertEquals(Duration.ofSeconds(1000), delays.get(20));
        assertEquals(21, limiter.numRequeues("a"));
        limiter.forget("a");
        assertEquals(Duration.ofMillis(5), limiter.when("a"));
        assertEquals(Duration.ofMillis(5), limiter.when("b"), "items back off independently");
    }

    @Test
    void overallBucketLetsABurstOf100ThenOneEvery100ms() {
        BucketRateLimiter<String> bucket = new BucketRateLimiter<>(kernel, 10, 100);
        for (int i = 0; i < 100; i++) {
            assertEquals(Duration.ZERO, bucket.when("k" + i));
        }
        assertEquals(Duration.ofMillis(100), bucket.when("k100"));
        assertEquals(Duration.ofMillis(200), bucket.when("k101"));
        kernel.advance(Duration.ofSeconds(1));
        // 10 tokens came back; 2 were owed.
        assertEquals(Duration.ZERO, bucket.when("k102"));
    }

    @Test
    void defaultControllerLimiterTakesTheLongerOfBoth() {
        MaxOfRateLimiter<String> limiter = MaxOfRateLimiter.controllerDefault(kernel);
        assertEquals(Duration.ofMillis(5), limiter.when("a"));
        assertEquals(Duration.ofMillis(10), limiter.when("a"));
        assertEquals(2, limiter.numRequeues("a"));
        limiter.forget("a");
        assertEquals(0, limiter.numRequeues("a"));
    }

    @Test
    void addRateLimitedRequeuesAfterTheBackoff() {
        queue.add("a");
        queue.get();
        queue.done("a");
        queue.addRateLimited("a");
        assertEquals(0, queue.len());
        kernel.runUntil(Duration.ofMillis(5));
        assertEquals(1, queue.len());
        assertEquals(1, queue.numRequeues("a"));
    }

    @Test
    void shutDownRefusesNewKeysAndCallsOffDelayedOnes() {
        queue.addAfter("a", Duration.ofSeconds(1));
        queue.add("b");
        queue.shutDown();
        queue.add("c");
        kernel.runUntil(Duration.ofSeconds(2));
        assertTrue(queue.isShuttingDown());
        assertEquals("b", queue.get());
        assertNull(queue.get());
        assertFalse(queue.isProcessing("a"));
    }
}
