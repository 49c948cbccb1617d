package io.ksim.bench;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A tiny benchmark harness: warm-up rounds, then timed rounds, each on a fresh fixture; reports the median
 * and the spread in operations per second. Wall-clock time is read here and only here: benchmarks measure
 * the simulator, they never run inside it.
 */
final class Measurement {

    /** One round's work on a fixture built (untimed) beforehand; returns the number of operations done. */
    interface Round {
        long run();
    }

    record Result(String name, double medianOpsPerSec, double minOpsPerSec, double maxOpsPerSec, long opsPerRound,
            int rounds) {

        String line() {
            return String.format("%-52s %,14.0f ops/s  (min %,.0f, max %,.0f; %,d ops x %d rounds)",
                    name, medianOpsPerSec, minOpsPerSec, maxOpsPerSec, opsPerRound, rounds);
        }
    }

    private Measurement() {
    }

    static Result measure(String name, int warmups, int rounds, Supplier<Round> fixture) {
        for (int i = 0; i < warmups; i++) {
            fixture.get().run();
        }
        double[] rates = new double[rounds];
        long ops = 0;
        for (int i = 0; i < rounds; i++) {
            Round round = fixture.get();
            long start = System.nanoTime();
            ops = round.run();
            long elapsed = System.nanoTime() - start;
            rates[i] = ops / (elapsed / 1e9);
        }
        Arrays.sort(rates);
        Result r = new Result(name, rates[rounds / 2], rates[0], rates[rounds - 1], ops, rounds);
        System.out.println(r.line());
        return r;
    }
}
