package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.NodeAffinity;
import io.ksim.api.core.NodeSelectorRequirement;
import io.ksim.api.core.NodeSelectorTerm;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.PreferredSchedulingTerm;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.Toleration;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pins the scheduler's decisions on mixed seeded workloads: the trace (every placement with its score and
 * first rejection, every failure with upstream's message, preemptions), every pod's final node and the full
 * per-node explanation (each score plugin's raw and normalized score) of the last decisions, hashed.
 *
 * <p>The hot path of filtering and scoring is tuned for speed; this is the check that such work changes no
 * decision. A cluster of 60 nodes is filtered and scored whole; clusters of 300 and 1,000 nodes go through
 * percentageOfNodesToScore's sampling and the rotating start index. The workload mixes what the default
 * profile weighs: heterogeneous nodes, taints (NoSchedule, PreferNoSchedule), images, zones, an extended
 * resource, cordons; pods with and without requests, tolerations, required and preferred node affinity,
 * zone spreading, hostname anti-affinity, host ports, priorities with preemption; nodes joining and pods
 * leaving in between. A change that is meant to change decisions updates the hashes (the failure message
 * prints the new one); any other change must leave them alone.
 */
class SchedulerDecisionsGoldenTest {

    @ParameterizedTest(name = "{0} nodes, {1} pods, seed {2}")
    @CsvSource({
            "60, 450, 11, bbc1a951524fcedf",
            "300, 2200, 12, e0592e067c2c9e38",
            "1000, 6000, 13, 4347c71214e1a964",
    })
    void decisionsAreUnchanged(int nodes, int pods, long seed, String expected) throws Exception {
        String fingerprint = run(nodes, pods, seed);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String hash = HexFormat.of().formatHex(sha.digest(fingerprint.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        assertEquals(expected, hash, "decisions changed for " + nodes + " nodes / " + pods + " pods / seed " + seed
                + " (" + fingerprint.length() + " chars of trace and explanations; " + count(fingerprint, " Placed ")
                + " placements, " + count(fingerprint, " -> null\n") + " pods left pending, "
                + count(fingerprint, "Preempted") + " lines about preemption)");
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String run(int nodeCount, int podCount, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SchedulerFixture f = new SchedulerFixture(seed, b -> b.explanationDetailLimit(20));
        for (String cls : List.of("low:100", "high:1000")) {
            String[] nv = cls.split(":");
            f.api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null,
                    ObjectMeta.of(null, nv[0]), Integer.parseInt(nv[1]), null, null, null));
        }
        for (int i = 0; i < nodeCount; i++) {
            f.addNode(randomNode(r, "node-" + i, i));
        }
        f.settle();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < podCount; i++) {
            Pod p = randomPod(r, "p-" + i);
            f.addPod(p);
            names.add(p.metadata().name());
            if (r.nextInt(20) == 0) {
                f.advance(Duration.ofMillis(r.nextInt(2000)));
            }
            if (r.nextInt(100) == 0) {
                f.addNode(randomNode(r, "late-" + i, i));
            }
            if (r.nextInt(30) == 0) {
                String victim = names.remove(r.nextInt(names.size()));
                try {
                    f.api.delete(BuiltinResources.PODS, "default", victim, DeleteOptions.now());
                } catch (ApiException gone) {
                    // preempted before
                }
            }
        }
        f.advance(Duration.ofMinutes(1));
        StringBuilder out = new StringBuilder(f.kernel.trace().format());
        for (Pod p : f.api.list(BuiltinResources.PODS, "default").items()) {
            out.append(p.metadata().name()).append(" -> ").append(p.spec().nodeName()).append('\n');
            f.scheduler.explain("default", p.metadata().name()).filter(d -> d.detailKept())
                    .ifPresent(d -> out.append(d.format()));
        }
        return out.toString();
    }

    private static io.ksim.api.core.Node randomNode(SplittableRandom r, String name, int i) {
        String[] cpus = {"1", "2", "2", "4", "8"};
        String[] mems = {"4Gi", "8Gi", "16Gi", "32Gi"};
        var b = node(name).cpu(cpus[r.nextInt(cpus.length)]).memory(mems[r.nextInt(mems.length)])
                .resource("pods", String.valueOf(5 + r.nextInt(40))).zone("zone-" + (i % 3))
                .label("disk", r.nextInt(3) == 0 ? "ssd" : "hdd");
        if (r.nextInt(4) == 0) {
            b.resource("example.com/gpu", String.valueOf(1 + r.nextInt(4)));
        }
        if (r.nextInt(8) == 0) {
            b.taint("dedicated", r.nextBoolean() ? "a" : "b", "NoSchedule");
        }
        if (r.nextInt(6) == 0) {
            b.taint("flaky", "yes", "PreferNoSchedule");
        }
        if (r.nextInt(3) == 0) {
            b.image(200L * 1024 * 1024 + r.nextInt(1 << 20), "nginx:1.25", "docker.io/library/nginx:1.25");
        }
        if (r.nextInt(50) == 0) {
            b.unschedulable();
        }
        return b.build();
    }

    private static Pod randomPod(SplittableRandom r, String name) {
        Map<String, Quantity> req = new TreeMap<>();
        int shape = r.nextInt(10);
        if (shape > 0) {
            req.put("cpu", Quantity.parse((50 + r.nextInt(20) * 50) + "m"));
        }
        if (shape > 1) {
            req.put("memory", Quantity.parse((64 + r.nextInt(16) * 64) + "Mi"));
        }
        if (r.nextInt(12) == 0) {
            req.put("example.com/gpu", Quantity.parse("1"));
        }
        List<ContainerPort> ports = r.nextInt(15) == 0 ? List.of(new ContainerPort(null, 8080, 80, null, null))
                : List.of();
        Container c = Container.builder().name("c").image(r.nextBoolean() ? "nginx:1.25" : "busybox:1.36").ports(ports)
                .resources(ResourceRequirements.of(req.containsKey("example.com/gpu") ? req : null, req)).build();
        var b = pod(name).container(c);
        int kind = r.nextInt(12);
        String app = "app-" + r.nextInt(4);
        b.label("app", app);
        boolean tolerate = r.nextInt(4) == 0;
        String priority = r.nextInt(10) == 0 ? "high" : r.nextInt(3) == 0 ? "low" : null;
        b.spec(s -> {
            if (tolerate) {
                s.tolerations(List.of(new Toleration("dedicated", "Exists", null, null, null)));
            }
            if (priority != null) {
                s.priorityClassName(priority);
            }
            switch (kind) {
                case 0 -> s.nodeSelector(new TreeMap<>(Map.of("disk", "ssd")));
                case 1 -> s.affinity(new Affinity(new NodeAffinity(null, List.of(new PreferredSchedulingTerm(
                        1 + r.nextInt(100), new NodeSelectorTerm(List.of(new NodeSelectorRequirement("disk", "In",
                        List.of("ssd"))), null)))), null, null));
                case 2 -> s.topologySpreadConstraints(List.of(new TopologySpreadConstraint(1 + r.nextInt(3),
                        "topology.kubernetes.io/zone", r.nextBoolean() ? "DoNotSchedule" : "ScheduleAnyway",
                        LabelSelector.matchLabels(Map.of("app", app)), null, null, null, null)));
                case 3 -> s.affinity(new Affinity(null, null, new PodAntiAffinity(List.of(new PodAffinityTerm(
                        LabelSelector.matchLabels(Map.of("app", app)), null, "kubernetes.io/hostname", null, null,
                        null)), null)));
                default -> {
                }
            }
            return s;
        });
        return b.build();
    }
}
