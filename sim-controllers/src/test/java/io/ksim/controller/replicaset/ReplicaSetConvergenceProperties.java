package io.ksim.controller.replicaset;

import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.apps.ReplicaSet.ReplicaSetSpec;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.TestCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A ReplicaSet keeps exactly its replicas, whatever happens: for random sequences of scaling, pod
 * deletions and controller crashes, with the controller's caches lagging the API server by a random
 * watch latency, the active pods never exceed spec.replicas once a resize has had time to be seen
 * (expectations hold creates back while the cache lags), and in the end exactly spec.replicas pods run,
 * all ready and all controlled by the ReplicaSet.
 */
class ReplicaSetConvergenceProperties {

    /** One step, printed as a user would say it. */
    record Step(String what, int n) {
        @Override
        public String toString() {
            return switch (what) {
                case "scale" -> "scale to " + n;
                case "kill" -> "delete pod #" + n;
                case "crash" -> "crash replicaset-controller for " + n + "s";
                default -> "wait " + n + "s";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 8).map(n -> new Step("scale", n)),
                Arbitraries.integers().between(0, 7).map(n -> new Step("kill", n)),
                Arbitraries.integers().between(1, 10).map(n -> new Step("crash", n)),
                Arbitraries.integers().between(1, 10).map(n -> new Step("wait", n)));
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property
    void keepsExactlyItsReplicas(@ForAll @IntRange(min = 0, max = 1500) int watchLatencyMillis,
            @ForAll("scenarios") List<Step> steps) {
        Duration latency = Duration.ofMillis(watchLatencyMillis);
        TestCluster cluster = new TestCluster(3, 3, Duration.ZERO, latency);
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.REPLICA_SETS, "default", new ReplicaSet(ObjectMeta.of("default", "web"),
                new ReplicaSetSpec(3, null, LabelSelector.matchLabels(labels), TestCluster.template(labels, "nginx:1.25"))));
        int replicas = 3;
        long settledAfterNanos = 0;
        for (Step step : steps) {
            switch (step.what()) {
                case "scale" -> {
                    ReplicaSet rs = cluster.api.get(BuiltinResources.REPLICA_SETS, "default", "web");
                    cluster.api.update(BuiltinResources.REPLICA_SETS, rs.withSpec(rs.spec().withReplicas(step.n())));
                    replicas = step.n();
                    settledAfterNanos = cluster.kernel.nanos() + 2 * latency.toNanos() + 1;
                }
                case "kill" -> {
                    List<Pod> pods = active(cluster);
                    if (!pods.isEmpty()) {
                        Pod victim = pods.get(step.n() % pods.size());
                        try {
                            cluster.api.delete(BuiltinResources.PODS, "default", victim.metadata().name(),
                                    DeleteOptions.defaults());
                        } catch (ApiException gone) {
                            // Already going.
                        }
                    }
                }
                case "crash" -> {
                    cluster.manager.crash(ReplicaSetController.NAME);
                    cluster.run(step.n());
                    cluster.manager.start(ReplicaSetController.NAME);
                }
                default -> {
                }
            }
            int waits = step.what().equals("wait") ? step.n() * 4 : 2;
            for (int i = 0; i < waits; i++) {
                cluster.run(0.25);
                int count = active(cluster).size();
                if (cluster.kernel.nanos() > settledAfterNanos && count > replicas) {
                    throw new AssertionError(count + " active pods for " + replicas + " replicas at "
                            + cluster.kernel.elapsed());
                }
            }
        }
        for (int i = 0; i < 60 && !converged(cluster, replicas); i++) {
            cluster.run(1);
        }
        if (!converged(cluster, replicas)) {
            throw new AssertionError("not converged: " + active(cluster).size() + " active pods for " + replicas);
        }
    }

    private static List<Pod> active(TestCluster cluster) {
        return cluster.pods("default").stream().filter(ControllerUtils::isPodActive).toList();
    }

    private static boolean converged(TestCluster cluster, int replicas) {
        List<Pod> pods = active(cluster);
        ReplicaSet rs = cluster.api.get(BuiltinResources.REPLICA_SETS, "default", "web");
        return pods.size() == replicas && pods.stream().allMatch(PodConditions::isPodReady)
                && pods.stream().allMatch(p -> ControllerUtils.isControlledBy(p, rs.metadata().uid()))
                && rs.status().replicas() == replicas;
    }
}
