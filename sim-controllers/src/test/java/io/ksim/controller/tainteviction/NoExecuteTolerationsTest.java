package io.ksim.controller.tainteviction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Taint;
import io.ksim.api.core.Toleration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases of upstream pkg/controller/tainteviction/taint_eviction_test.go TestGetMinTolerationTime and friends. */
class NoExecuteTolerationsTest {

    static final Taint UNREACHABLE = Taint.of("node.kubernetes.io/unreachable", null, "NoExecute");
    static final Taint CUSTOM = Taint.of("k", "v", "NoExecute");

    static Toleration exists(String key, Long seconds) {
        return new Toleration(key, "Exists", null, "NoExecute", seconds);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no tolerations: evict now", List.of(UNREACHABLE), List.of(), 0L),
                Arguments.of("default 300 s", List.of(UNREACHABLE), List.of(exists(UNREACHABLE.key(), 300L)), 300L),
                Arguments.of("no seconds: forever", List.of(UNREACHABLE), List.of(exists(UNREACHABLE.key(), null)), -1L),
                Arguments.of("minimum of matching", List.of(UNREACHABLE),
                        List.of(exists(UNREACHABLE.key(), 300L), exists(null, 20L)), 20L),
                Arguments.of("negative counts as 0", List.of(UNREACHABLE), List.of(exists(UNREACHABLE.key(), -5L)), 0L),
                Arguments.of("one taint untolerated", List.of(UNREACHABLE, CUSTOM),
                        List.of(exists(UNREACHABLE.key(), 300L)), 0L),
                Arguments.of("Equal with the right value", List.of(CUSTOM),
                        List.of(new Toleration("k", "Equal", "v", "NoExecute", 60L)), 60L),
                Arguments.of("Equal with another value", List.of(CUSTOM),
                        List.of(new Toleration("k", "Equal", "w", "NoExecute", 60L)), 0L),
                Arguments.of("NoSchedule toleration does not match", List.of(CUSTOM),
                        List.of(new Toleration("k", "Exists", null, "NoSchedule", null)), 0L),
                Arguments.of("empty effect matches", List.of(CUSTOM),
                        List.of(new Toleration("k", "Exists", null, null, 10L)), 10L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void minTolerationSeconds(String name, List<Taint> taints, List<Toleration> tolerations, long expected) {
        assertEquals(expected, NoExecuteTolerations.minTolerationSeconds(taints, tolerations));
    }
}
