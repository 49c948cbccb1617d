package io.ksim.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.kernel.Kernel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Work queue invariants in controller words: a key is never reconciled by two workers at once, and every
 * key that was added is reconciled at least once after its last add (no update is lost).
 */
class WorkQueueProperties {

    /** One step of a random schedule: add a key, add it later, or let a worker take or finish one. */
    record Step(String action, String key, int delayMs) {
        @Override
        public String toString() {
            return action + (key.isEmpty() ? "" : " " + key) + (delayMs > 0 ? " +" + delayMs + "ms" : "");
        }
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c");
        Arbitrary<Step> add = keys.map(k -> new Step("add", k, 0));
        Arbitrary<Step> addAfter = Combinators.combine(keys, Arbitraries.integers().between(1, 50))
                .as((k, d) -> new Step("addAfter", k, d));
        Arbitrary<Step> take = Arbitraries.just(new Step("take", "", 0));
        Arbitrary<Step> finish = Arbitraries.just(new Step("finish", "", 0));
        Arbitrary<Step> tick = Arbitraries.integers().between(1, 30).map(d -> new Step("tick", "", d));
        return Arbitraries.oneOf(add, addAfter, take, finish, tick).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property
    void neverProcessedTwiceAtOnceAndNoAddIsLost(@ForAll("schedules") List<Step> schedule) {
        Kernel kernel = Kernel.builder().seed(0).build();
        WorkQueue<String> queue = WorkQueue.withDefaultRateLimiter(kernel, "prop");
        List<String> inFlight = new ArrayList<>();
        // Keys added (or whose delayed add fired) since their last hand-out to a worker.
        Set<String> owed = new HashSet<>();
        queue.setReadyListener(() -> { });
        for (Step step : schedule) {
            switch (step.action()) {
                case "add" -> {
                    queue.add(step.key());
                    owed.add(step.key());
                }
                case "addAfter" -> queue.addAfter(step.key(), Duration.ofMillis(step.delayMs()));
                case "take" -> {
                    String key = queue.get();
                    if (key != null) {
                        assertFalse(inFlight.contains(key), key + " handed to a second worker");
                        inFlight.add(key);
                        owed.remove(key);
                    }
                }
                case "finish" -> {
                    if (!inFlight.isEmpty()) {
                        queue.done(inFlight.remove(0));
                    }
                }
                default -> kernel.advance(Duration.ofMillis(step.delayMs()));
            }
        }
        // Drain: finish everything, let delayed adds fire, and work until the queue is empty.
        inFlight.forEach(queue::done);
        kernel.advance(Duration.ofSeconds(1));
        Set<String> processed = new HashSet<>();
        for (String key = queue.get(); key != null; key = queue.get()) {
            processed.add(key);
            queue.done(key);
        }
        assertTrue(processed.containsAll(owed), "lost adds: owed " + owed + ", drained " + processed);
        assertEquals(0, queue.len());
    }
}
