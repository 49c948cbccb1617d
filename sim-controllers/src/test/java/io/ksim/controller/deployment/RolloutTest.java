package io.ksim.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upstream's rollout cases: TestScale (sync_test.go), TestDeploymentController_reconcileNewReplicaSet,
 * _reconcileOldReplicaSets, _cleanupUnhealthyReplicas, _scaleDownOldReplicaSetsForRollingUpdate
 * (rolling_test.go) and TestDeploymentController_cleanupDeployment (sync_test.go).
 */
class RolloutTest {

    /** Records each write; the ReplicaSet comes back with its new size and replicas annotations. */
    private final Map<String, Integer> writes = new LinkedHashMap<>();
    private final Rollout rollout = new Rollout((rs, size, d) -> {
        writes.put(rs.metadata().name(), size);
        Map<String, String> a = new TreeMap<>(rs.metadata().annotations());
        DeploymentUtil.setReplicasAnnotations(a, DeploymentUtil.replicas(d), DeploymentUtil.replicas(d) + DeploymentUtil.maxSurge(d));
        return rs.withMetadata(rs.metadata().withAnnotations(a)).withSpec(rs.spec().withReplicas(size));
    });

    // Timestamps as upstream's: newer > old > older.
    private static final int NEW = 30;
    private static final int OLD = 20;
    private static final int OLDER = 10;

    private static ReplicaSet annotated(ReplicaSet rs, Deployment before) {
        int desired = DeploymentUtil.replicas(before);
        return Fixtures.withAnnotations(rs, Map.of(DeploymentUtil.DESIRED_REPLICAS_ANNOTATION, Integer.toString(desired),
                DeploymentUtil.MAX_REPLICAS_ANNOTATION, Integer.toString(desired + DeploymentUtil.maxSurge(before))));
    }

    static Stream<Arguments> scaleCases() {
        return Stream.of(
                // name, old replicas, old surge, new replicas, new surge, new RS size or -1, old RS sizes newest first, want
                Arguments.of("normal scaling event: 10 -> 12", 10, 0, 12, 0, 10, List.of(), List.of(12)),
                Arguments.of("normal scaling event: 10 -> 5", 10, 0, 5, 0, 10, List.of(), List.of(5)),
                Arguments.of("proportional scaling: 5 -> 10", 5, 0, 10, 0, 2, List.of(3), List.of(4, 6)),
                Arguments.of("proportional scaling: 5 -> 3", 5, 0, 3, 0, 2, List.of(3), List.of(1, 2)),
                Arguments.of("proportional scaling: 9 -> 4", 9, 0, 4, 0, 8, List.of(1), List.of(4, 0)),
                Arguments.of("proportional scaling: 7 -> 10", 7, 0, 10, 0, 2, List.of(3, 2), List.of(3, 4, 3)),
                Arguments.of("proportional scaling: 13 -> 8", 13, 0, 8, 0, 2, List.of(8, 3), List.of(1, 5, 2)),
                Arguments.of("leftover distribution: 3 -> 4", 3, 0, 4, 0, 1, List.of(1, 1), List.of(2, 1, 1)),
                Arguments.of("leftover distribution: 3 -> 2", 3, 0, 2, 0, 1, List.of(1, 1), List.of(1, 1, 0)),
                Arguments.of("proportional scaling (no new rs): 4 -> 5", 4, 0, 5, 0, -1, List.of(2, 2), List.of(3, 2)),
                Arguments.of("proportional scaling: 6 -> 0", 6, 0, 0, 0, 3, List.of(2, 1), List.of(0, 0, 0)),
                Arguments.of("proportional scaling: 0 -> 6", 6, 0, 6, 0, 0, List.of(0, 0), List.of(6, 0, 0)),
                Arguments.of("deployment with surge pods", 10, 2, 20, 2, 6, List.of(6), List.of(11, 11)),
                Arguments.of("change both surge and size", 10, 3, 50, 6, 5, List.of(8), List.of(22, 34)),
                Arguments.of("change both size and template", 10, 0, 14, 0, -1, List.of(7, 3), List.of(10, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaleCases")
    void scale(String name, int oldReplicas, int oldSurge, int newReplicas, int newSurge, int newRsSize,
            List<Integer> oldSizes, List<Integer> want) {
        Deployment before = Fixtures.deployment(oldReplicas, oldSurge, null);
        Deployment d = Fixtures.deployment(newReplicas, newSurge, null);
        ReplicaSet newRs = newRsSize < 0 ? null : annotated(Fixtures.rs("new", newRsSize, NEW), before);
        List<ReplicaSet> old = new ArrayList<>();
        int[] stamps = newRs == null ? new int[] {NEW, OLD} : new int[] {OLD, OLDER};
        for (int i = 0; i < oldSizes.size(); i++) {
            old.add(annotated(Fixtures.rs("old-" + i, oldSizes.get(i), stamps[i]), before));
        }
        rollout.scale(d, newRs, old);
        List<Integer> got = new ArrayList<>();
        if (newRs != null) {
            got.add(writes.getOrDefault("new", newRsSize));
        }
        for (int i = 0; i < oldSizes.size(); i++) {
            got.add(writes.getOrDefault("old-" + i, oldSizes.get(i)));
        }
        assertEquals(want, got);
    }

    @Test
    void saturatedButBrokenNewReplicaSetDoesNotAffectOldPods() {
        Deployment d = Fixtures.deployment(2, 1, 1);
        ReplicaSet newRs = Fixtures.withAvailable(annotated(Fixtures.rs("new", 2, NEW), d), 0);
        ReplicaSet old = annotated(Fixtures.rs("old", 1, OLD), d);
        rollout.scale(d, newRs, List.of(old));
        assertEquals(Map.of("new", 2, "old", 1), sizesAfter(Map.of("new", 2, "old", 1)));
    }

    private Map<String, Integer> sizesAfter(Map<String, Integer> before) {
        Map<String, Integer> out = new TreeMap<>(before);
        out.putAll(writes);
        return out;
    }

    // reconcileNewReplicaSet: maxUnavailable 0; (replicas, maxSurge, old, new) -> scaled, new after.
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "10, 0, 10, 0, false, 0",
        "10, 2, 10, 0, true, 2",
        "10, 2, 5, 0, true, 7",
        "10, 2, 10, 2, false, 2",
        "10, 2, 2, 11, true, 10",
    })
    void reconcileNewReplicaSet(int replicas, int surge, int oldSize, int newSize, boolean scaled, int want) {
        Deployment d = Fixtures.deployment(replicas, surge, 0);
        ReplicaSet newRs = Fixtures.rs("new", newSize, NEW);
        ReplicaSet old = Fixtures.rs("old", oldSize, OLD);
        assertEquals(scaled, rollout.reconcileNewReplicaSet(List.of(newRs, old), newRs, d));
        assertEquals(want, writes.getOrDefault("new", newSize));
    }

    // reconcileOldReplicaSets: maxSurge 0; (replicas, maxUnavailable, old, new, old available, new available).
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "10, 0, 10, 0, 10, 0, true, 9",
        "10, 2, 10, 0, 10, 0, true, 8",
        "10, 2, 10, 0, 8, 0, true, 8",
        "10, 2, 10, 0, 9, 0, true, 8",
        "10, 2, 8, 2, 8, 0, false, 8",
    })
    void reconcileOldReplicaSets(int replicas, int unavailable, int oldSize, int newSize, int oldAvailable,
            int newAvailable, boolean scaled, int want) {
        Deployment d = Fixtures.deployment(replicas, 0, unavailable);
        ReplicaSet newRs = Fixtures.withAvailable(Fixtures.rs("new", newSize, NEW), newAvailable);
        ReplicaSet old = Fixtures.withAvailable(Fixtures.rs("old", oldSize, OLD), oldAvailable);
        assertEquals(scaled, rollout.reconcileOldReplicaSets(List.of(old, newRs), List.of(old), newRs, d));
        assertEquals(want, writes.getOrDefault("old", oldSize));
    }

    // cleanupUnhealthyReplicas: old RS of 10 with 8 available (or 10); maxCleanupCount -> cleaned up.
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"8, 1, 1", "8, 3, 2", "8, 0, 0", "10, 3, 0"})
    void cleanupUnhealthyReplicas(int available, int maxCleanup, int want) {
        Deployment d = Fixtures.deployment(10, 2, 2);
        List<ReplicaSet> old = new ArrayList<>(List.of(Fixtures.withAvailable(Fixtures.rs("old", 10, OLD), available)));
        assertEquals(want, rollout.cleanupUnhealthyReplicas(old, d, maxCleanup));
    }

    // scaleDownOldReplicaSetsForRollingUpdate: d=10, maxSurge 0; (maxUnavailable, available, old) -> old after.
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"0, 10, 10, 9", "2, 10, 10, 8", "2, 8, 10, 10", "2, 10, 0, 0",
        "2, 1, 10, 10"})
    void scaleDownOldReplicaSetsForRollingUpdate(int unavailable, int available, int oldSize, int want) {
        Deployment d = Fixtures.deployment(10, 0, unavailable);
        ReplicaSet old = Fixtures.withAvailable(Fixtures.rs("old", oldSize, OLD), available);
        rollout.scaleDownOldReplicaSetsForRollingUpdate(List.of(old), List.of(old), d);
        assertEquals(want, writes.getOrDefault("old", oldSize));
    }

    // cleanupDeployment: old RSs (spec, status), revisionHistoryLimit -> deletions.
    @Test
    void cleanupDeployment() {
        assertEquals(2, cleanups(1, new int[][] {{0, 0}, {0, 0}, {0, 0}}));
        assertEquals(1, cleanups(0, new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
        assertEquals(2, cleanups(0, new int[][] {{0, 0}, {0, 0}}));
        assertEquals(0, cleanups(0, new int[][] {{1, 1}, {1, 1}}));
        assertEquals(0, cleanups(Integer.MAX_VALUE, new int[][] {{0, 0}, {0, 0}, {0, 0}}));
        ReplicaSet deleting = Fixtures.rs("gone", 0, OLD);
        deleting = deleting.withMetadata(deleting.metadata().toBuilder().deletionTimestamp(Fixtures.T0).build());
        Deployment d = Fixtures.deployment(1, 1, 0).withSpec(withLimit(Fixtures.deployment(1, 1, 0), 0));
        assertEquals(0, Rollout.replicaSetsToCleanUp(List.of(deleting), d).size());
    }

    private static Deployment.DeploymentSpec withLimit(Deployment d, int limit) {
        Deployment.DeploymentSpec s = d.spec();
        return new Deployment.DeploymentSpec(s.replicas(), s.selector(), s.template(), s.strategy(), s.minReadySeconds(),
                limit, s.paused(), s.progressDeadlineSeconds());
    }

    private static int cleanups(int limit, int[][] specStatus) {
        List<ReplicaSet> old = new ArrayList<>();
        for (int i = 0; i < specStatus.length; i++) {
            old.add(Fixtures.withStatusReplicas(Fixtures.rs("rs-" + i, specStatus[i][0], i), specStatus[i][1]));
        }
        Deployment d = Fixtures.deployment(1, 1, 0);
        return Rollout.replicaSetsToCleanUp(old, d.withSpec(withLimit(d, limit))).size();
    }
}
