package io.ksim.controller.statefulset;

import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.Pod;
import io.ksim.apiserver.AdmissionPlugin.Operation;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * StatefulSet ordering in Kubernetes words, checked at the instant of every pod create and delete the API
 * server receives:
 * <ul>
 *   <li>OrderedReady: pod {@code web-i} is created only while every {@code web-j}, j &lt; i, exists, is not
 *       terminating, and is Running and Ready;</li>
 *   <li>scale-down is strictly descending: {@code web-i} is deleted only when no pod with a higher ordinal
 *       is left in the store;</li>
 *   <li>a rolling update deletes {@code web-i} only while every replica above it is Running and Ready;</li>
 *   <li>after random scale and set-image steps the set converges: replicas pods, all ready, all on the last
 *       image, currentRevision = updateRevision;</li>
 *   <li>a RollingUpdate with a partition deletes (and so updates) only ordinals &gt;= partition, and the
 *       pods below it keep the old template.</li>
 * </ul>
 * Shrunk counterexamples print as scenario steps ("scale to 4", "set image nginx:1.26", "wait 3s").
 */
class StatefulSetOrderingProperties {

    /** One step of a scenario, printed as a user would type it. */
    sealed interface Step permits Scale, SetImage, Wait {
    }

    record SetImage(String image) implements Step {
        @Override
        public String toString() {
            return "set image " + image;
        }
    }

    record Scale(int replicas) implements Step {
        @Override
        public String toString() {
            return "scale to " + replicas;
        }
    }

    record Wait(int seconds) implements Step {
        @Override
        public String toString() {
            return "wait " + seconds + "s";
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 5).map(Scale::new),
                Arbitraries.of("nginx:1.25", "nginx:1.26", "nginx:1.27").map(SetImage::new),
                Arbitraries.integers().between(1, 15).map(Wait::new));
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property
    void orderedReadyCreatesAfterReadyPredecessorsScalesDownDescendingAndConverges(
            @ForAll @IntRange(min = 0, max = 4) int initial, @ForAll("scenarios") List<Step> steps) {
        StatefulSetFixture f = new StatefulSetFixture(3);
        PodOperations ops = PodOperations.install(f.cluster.api);
        List<String> violations = new ArrayList<>();
        ops.onEach((op, name) -> {
            int ord = Integer.parseInt(name.substring("web-".length()));
            List<Pod> all = f.cluster.pods("default");
            for (Pod p : all) {
                int other = StatefulSetUtils.ordinal(p);
                if (op == Operation.CREATE && other < ord && !StatefulSetUtils.isHealthy(p)) {
                    violations.add("created " + name + " while " + p.metadata().name() + " was not Running and Ready");
                }
                boolean scaleDown = ord >= replicasNow(f);
                if (op == Operation.DELETE && scaleDown && other > ord) {
                    violations.add("deleted " + name + " while " + p.metadata().name() + " still existed");
                }
                if (op == Operation.DELETE && !scaleDown && other > ord && other < replicasNow(f)
                        && !StatefulSetUtils.isHealthy(p)) {
                    violations.add("updated " + name + " while " + p.metadata().name() + " was not Running and Ready");
                }
            }
            if (op == Operation.CREATE) {
                for (int j = 0; j < ord; j++) {
                    String prev = "web-" + j;
                    if (all.stream().noneMatch(p -> p.metadata().name().equals(prev))) {
                        violations.add("created " + name + " before " + prev);
                    }
                }
            }
        });
        f.create(StatefulSetFixture.spec(initial, "nginx:1.25", null, null, null));
        int replicas = initial;
        String image = "nginx:1.25";
        for (Step step : steps) {
            if (step instanceof Scale s) {
                f.scale(s.replicas());
                replicas = s.replicas();
            } else if (step instanceof SetImage s) {
                f.setImage(s.image());
                image = s.image();
            } else if (step instanceof Wait w) {
                f.cluster.run(w.seconds());
            }
            f.cluster.run(1);
        }
        f.cluster.run(40.0 * (replicas + 5));
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.get(0));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            expected.add("web-" + i);
        }
        if (!expected.equals(f.podNames()) || !f.pods().stream().allMatch(StatefulSetUtils::isHealthy)) {
            throw new AssertionError("not converged to " + expected + ": " + f.podNames());
        }
        String want = image;
        if (!f.pods().stream().allMatch(p -> StatefulSetFixture.image(p).equals(want))) {
            throw new AssertionError("not every pod runs " + want);
        }
        StatefulSet set = f.set();
        if (!set.status().currentRevision().equals(set.status().updateRevision())
                || set.status().readyReplicas() != replicas) {
            throw new AssertionError("status not converged: " + set.status());
        }
    }

    private static int replicasNow(StatefulSetFixture f) {
        return StatefulSetUtils.replicas(f.set());
    }

    @Property
    void partitionUpdatesOnlyOrdinalsAtOrAboveIt(@ForAll @IntRange(min = 1, max = 5) int replicas,
            @ForAll @IntRange(min = 0, max = 6) int partition) {
        StatefulSetFixture f = new StatefulSetFixture(4);
        f.create(StatefulSetFixture.spec(replicas, "nginx:1.25", null, StatefulSetFixture.rolling(partition), null));
        f.cluster.run(10.0 * replicas + 10);
        PodOperations ops = PodOperations.install(f.cluster.api);
        f.setImage("nginx:1.26");
        f.cluster.run(15.0 * replicas + 30);
        for (String name : ops.deleted) {
            if (StatefulSetUtils.ordinal(pod(f, name)) < partition) {
                throw new AssertionError("deleted " + name + " below partition " + partition);
            }
        }
        List<Pod> pods = f.pods();
        if (pods.size() != replicas) {
            throw new AssertionError("pods " + f.podNames());
        }
        for (Pod p : pods) {
            String want = StatefulSetUtils.ordinal(p) < partition ? "nginx:1.25" : "nginx:1.26";
            if (!want.equals(StatefulSetFixture.image(p)) || !StatefulSetUtils.isHealthy(p)) {
                throw new AssertionError(p.metadata().name() + " runs " + StatefulSetFixture.image(p) + ", want "
                        + want);
            }
        }
        StatefulSet set = f.set();
        int updated = Math.max(0, replicas - partition);
        if (set.status().updatedReplicas() != updated) {
            throw new AssertionError("updatedReplicas " + set.status().updatedReplicas() + " != " + updated);
        }
    }

    private static Pod pod(StatefulSetFixture f, String name) {
        try {
            return f.cluster.api.get(BuiltinResources.PODS, "default", name);
        } catch (ApiException gone) {
            return Pod.of(io.ksim.api.meta.ObjectMeta.of("default", name), null);
        }
    }
}
