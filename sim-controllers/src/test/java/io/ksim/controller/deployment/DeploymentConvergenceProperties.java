package io.ksim.controller.deployment;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.TestCluster;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Deployments converge, and rolling updates keep their bounds: for random sequences of scale, set-image,
 * pause, resume, undo and controller crashes (each controller comes back with fresh caches) on a 3-node
 * cluster with healthy images,
 * <ul>
 *   <li>while the replica count stands still, the Deployment's pods that are not terminating never
 *       exceed replicas + maxSurge, and (once the Deployment reached its size) its available pods never
 *       drop below replicas - maxUnavailable;</li>
 *   <li>after resuming and waiting, the Deployment is complete: the new ReplicaSet holds every replica,
 *       every pod runs the spec's image and is ready, old ReplicaSets are at 0, the status is current.</li>
 * </ul>
 * Shrunk counterexamples print as scenario steps ("scale to 4", "set image nginx:1.26", "wait 3s").
 */
class DeploymentConvergenceProperties {

    private static final List<String> IMAGES = List.of("nginx:1.25", "nginx:1.26", "nginx:1.27");

    /** One step of a scenario, printed as a user would type it. */
    sealed interface Step permits Scale, SetImage, Pause, Resume, Undo, Wait, Crash {
    }

    record Scale(int replicas) implements Step {
        @Override
        public String toString() {
            return "scale to " + replicas;
        }
    }

    record SetImage(String image) implements Step {
        @Override
        public String toString() {
            return "set image " + image;
        }
    }

    record Pause() implements Step {
        @Override
        public String toString() {
            return "pause";
        }
    }

    record Resume() implements Step {
        @Override
        public String toString() {
            return "resume";
        }
    }

    record Undo() implements Step {
        @Override
        public String toString() {
            return "undo";
        }
    }

    record Wait(int seconds) implements Step {
        @Override
        public String toString() {
            return "wait " + seconds + "s";
        }
    }

    /** A controller crashes and comes back {@code seconds} later with fresh caches. */
    record Crash(String controller, int seconds) implements Step {
        @Override
        public String toString() {
            return "crash " + controller + " for " + seconds + "s";
        }
    }

    /** The Deployment at the start: replicas and rolling-update bounds (ints or percentages). */
    record Start(int replicas, String maxSurge, String maxUnavailable) {
        @Override
        public String toString() {
            return "create deployment web replicas=" + replicas + " maxSurge=" + maxSurge + " maxUnavailable="
                    + maxUnavailable;
        }
    }

    @Provide
    Arbitrary<Start> starts() {
        Arbitrary<String> bound = Arbitraries.of("0", "1", "2", "25%", "50%", "34%");
        return Combinators.combine(Arbitraries.integers().between(1, 5), bound, bound).as(Start::new)
                .filter(s -> !(s.maxSurge().equals("0") && s.maxUnavailable().equals("0")));
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 6).map(Scale::new),
                Arbitraries.of(IMAGES).map(SetImage::new),
                Arbitraries.just(new Pause()),
                Arbitraries.just(new Resume()),
                Arbitraries.just(new Undo()),
                Arbitraries.integers().between(1, 20).map(Wait::new),
                Combinators.combine(Arbitraries.of(DeploymentController.NAME,
                        io.ksim.controller.replicaset.ReplicaSetController.NAME), Arbitraries.integers().between(1, 10))
                        .as(Crash::new));
        return step.list().ofMinSize(1).ofMaxSize(8);
    }

    @Property
    void rollingUpdatesKeepTheirBoundsAndConverge(@ForAll("starts") Start start, @ForAll("scenarios") List<Step> steps) {
        Run run = new Run(start);
        for (Step step : steps) {
            run.apply(step);
            run.advance(2);
        }
        Deployment d = run.deployment();
        if (Boolean.TRUE.equals(d.spec().paused())) {
            RolloutCommands.resume(run.cluster.api, "default", "web");
        }
        // Converged states stay converged; waiting stops at the first one (at most 3 virtual minutes).
        for (int i = 0; i < 180 && run.convergenceProblem() != null; i++) {
            run.advance(1);
        }
        run.advance(2);
        String problem = run.convergenceProblem();
        if (problem != null) {
            throw new AssertionError("not converged after 3 minutes: " + problem);
        }
    }

    /** One scenario on a fresh cluster, checking the bounds every virtual second. */
    private static final class Run {
        final TestCluster cluster = new TestCluster(5, 3);
        final Start start;
        int replicas;
        /** False after a resize until the Deployment has all its replicas available again. */
        boolean sized;
        /** Seconds since the replica count last changed. */
        int stable;

        Run(Start start) {
            this.start = start;
            this.replicas = start.replicas();
            Map<String, String> labels = Map.of("app", "web");
            cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(ObjectMeta.of("default", "web"),
                    new DeploymentSpec(start.replicas(), LabelSelector.matchLabels(labels),
                            TestCluster.template(labels, IMAGES.get(0)), DeploymentStrategy.rollingUpdate(
                                    Fixtures.ios(parse(start.maxUnavailable())), Fixtures.ios(parse(start.maxSurge()))),
                            null, null, null, null)));
        }

        private static Object parse(String v) {
            return v.endsWith("%") ? v : (Object) Integer.parseInt(v);
        }

        Deployment deployment() {
            return cluster.api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        }

        void apply(Step step) {
            Deployment d = deployment();
            if (step instanceof Scale s) {
                cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withReplicas(s.replicas())));
                if (s.replicas() != replicas) {
                    replicas = s.replicas();
                    sized = false;
                    stable = 0;
                }
            } else if (step instanceof SetImage s) {
                PodTemplateSpec t = d.spec().template();
                PodTemplateSpec changed = t.withSpec(t.spec().toBuilder().containers(List.of(
                        Container.builder().name("web").image(s.image()).readinessProbe(TestCluster.READINESS).build())).build());
                cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withTemplate(changed)));
            } else if (step instanceof Pause) {
                if (!Boolean.TRUE.equals(d.spec().paused())) {
                    RolloutCommands.pause(cluster.api, "default", "web");
                }
            } else if (step instanceof Resume) {
                if (Boolean.TRUE.equals(d.spec().paused())) {
                    RolloutCommands.resume(cluster.api, "default", "web");
                }
            } else if (step instanceof Undo) {
                if (!Boolean.TRUE.equals(d.spec().paused())) {
                    try {
                        RolloutCommands.undo(cluster.api, "default", "web", 0);
                    } catch (IllegalArgumentException noHistory) {
                        // kubectl would print the error; nothing changes.
                    }
                }
            } else if (step instanceof Wait w) {
                advance(w.seconds());
            } else if (step instanceof Crash c) {
                cluster.manager.crash(c.controller());
                advance(c.seconds());
                cluster.manager.start(c.controller());
            }
        }

        void advance(int seconds) {
            for (int i = 0; i < seconds; i++) {
                cluster.run(1);
                stable++;
                check();
            }
        }

        private List<Pod> activePods() {
            return cluster.pods("default").stream().filter(ControllerUtils::isPodActive).toList();
        }

        private void check() {
            Deployment d = deployment();
            int surge = DeploymentUtil.maxSurge(d);
            int unavailable = DeploymentUtil.maxUnavailable(d);
            List<Pod> pods = activePods();
            long available = pods.stream().filter(PodConditions::isPodReady).count();
            if (!sized && available >= replicas && Integer.valueOf(replicas).equals(d.status().availableReplicas() == null
                    ? 0 : d.status().availableReplicas())) {
                sized = true;
            }
            if (stable >= 1 && pods.size() > replicas + surge) {
                throw new AssertionError(pods.size() + " pods exceed replicas " + replicas + " + maxSurge " + surge
                        + " at " + cluster.kernel.elapsed());
            }
            if (sized && available < replicas - unavailable) {
                throw new AssertionError(available + " available pods are fewer than replicas " + replicas
                        + " - maxUnavailable " + unavailable + " at " + cluster.kernel.elapsed());
            }
        }

        /** What keeps the Deployment from being converged, or null. */
        String convergenceProblem() {
            Deployment d = deployment();
            String image = d.spec().template().spec().containers().get(0).image();
            List<Pod> pods = activePods();
            if (pods.size() != replicas) {
                return "pods " + pods.size() + " != replicas " + replicas;
            }
            for (Pod p : pods) {
                if (!PodConditions.isPodReady(p)) {
                    return p.metadata().name() + " is not ready";
                }
                if (!p.spec().containers().get(0).image().equals(image)) {
                    return p.metadata().name() + " runs an old image";
                }
            }
            List<ReplicaSet> rss = cluster.api.list(BuiltinResources.REPLICA_SETS, "default").items();
            ReplicaSet newRs = DeploymentUtil.findNewReplicaSet(d, rss);
            if (newRs == null || DeploymentUtil.replicas(newRs) != replicas) {
                return "the new ReplicaSet is not at full size";
            }
            for (ReplicaSet rs : rss) {
                if (rs != newRs && DeploymentUtil.replicas(rs) != 0) {
                    return rs.metadata().name() + " still has replicas";
                }
            }
            if (!d.metadata().generation().equals(d.status().observedGeneration())) {
                return "status not current";
            }
            if (!DeploymentConditions.deploymentComplete(d, d.status())) {
                return "deployment not complete: " + d.status();
            }
            return null;
        }
    }
}
