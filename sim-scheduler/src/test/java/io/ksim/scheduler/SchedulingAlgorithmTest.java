package io.ksim.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** numFeasibleNodesToFind and selectHost of upstream pkg/scheduler/schedule_one.go (see schedule_one_test.go). */
class SchedulingAlgorithmTest {

    @ParameterizedTest
    @CsvSource({"0, 10, 10", "0, 99, 99", "0, 100, 100", "0, 1000, 420", "0, 5000, 500", "0, 6000, 300",
            "0, 10000, 500", "40, 1000, 400", "40, 200, 100", "100, 5000, 5000", "5, 3000, 150"})
    void numFeasibleNodesToFind(int percentage, int nodes, int expected) {
        assertEquals(expected, SchedulingAlgorithm.numFeasibleNodesToFind(percentage, nodes));
    }

    @Test
    void selectHostPicksUniformlyAmongTies() {
        SplittableRandom r = new SplittableRandom(7);
        int[] hits = new int[4];
        for (int i = 0; i < 40_000; i++) {
            hits[SchedulingAlgorithm.selectHost(new long[] {5, 9, 9, 9}, r)]++;
        }
        assertEquals(0, hits[0]);
        for (int i = 1; i < 4; i++) {
            assertTrue(Math.abs(hits[i] - 13_333) < 600, "index " + i + " chosen " + hits[i] + " times");
        }
    }

    @Test
    void selectHostTakesTheUniqueMaximum() {
        assertEquals(2, SchedulingAlgorithm.selectHost(new long[] {1, 2, 3, 0}, new SplittableRandom(1)));
    }
}
