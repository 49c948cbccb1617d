package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.batch.Job;
import io.ksim.api.core.Pod;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The assembled cluster end to end: a Deployment behind a Service, placed, started, and programmed into kube-proxy. */
class ClusterTest {

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
                    readinessProbe:
                      httpGet: {path: /, port: 80}
                      periodSeconds: 1
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
            """;

    private static Cluster cluster(long seed) {
        return Cluster.builder().seed(seed).nodes(3, n -> n.cpu("2").memory("4Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=2s").build();
    }

    private static List<Pod> webPods(Cluster c) {
        return c.pods("default", "app=web");
    }

    @Test
    void aDeploymentBehindAServiceRunsAndIsProgrammedIntoEveryKubeProxy() {
        Cluster c = cluster(42);
        c.create(WEB);
        assertTrue(c.runUntil(() -> webPods(c).size() == 3
                && webPods(c).stream().allMatch(p -> c.isReady("default", p.metadata().name())), Duration.ofMinutes(1)),
                "three ready web pods within a minute");
        Set<String> nodes = webPods(c).stream().map(p -> p.spec().nodeName()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("node-1", "node-2", "node-3"), nodes, "the scheduler spreads a ReplicaSet's pods");
        c.advance(Duration.ofSeconds(5));
        List<EndpointSlice> slices = c.api().list(BuiltinResources.ENDPOINT_SLICES, "default",
                s -> "web".equals(s.metadata().labels().get("kubernetes.io/service-name"))).items();
        assertEquals(1, slices.size());
        assertEquals(3, slices.get(0).endpoints().size());
        for (String node : c.nodeNames()) {
            String rules = c.kubeProxy(node).iptablesSave();
            assertTrue(rules.contains("-m comment --comment \"default/web cluster IP\""), node + ":\n" + rules);
            assertEquals(3, rules.lines().filter(l -> l.startsWith("-A KUBE-SEP-") && l.contains("default/web")
                    && l.contains("DNAT")).count(),
                    node + ":\n" + rules);
        }
    }

    @Test
    void aJobRunsItsCompletionsOneAfterAnotherAndCompletes() {
        Cluster c = Cluster.builder().seed(3).nodes(2).image("busybox:1.36 size=2Mi start=1s exit=0 after=5s").build();
        c.create("""
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: pi
                spec:
                  completions: 2
                  parallelism: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: pi
                        image: busybox:1.36
                """);
        assertTrue(c.runUntil(() -> {
            Job job = c.api().get(BuiltinResources.JOBS, "default", "pi");
            return job.status() != null && job.status().conditions().stream()
                    .anyMatch(cond -> "Complete".equals(cond.type()) && "True".equals(cond.status()));
        }, Duration.ofMinutes(2)), "the Job completes");
        Job job = c.api().get(BuiltinResources.JOBS, "default", "pi");
        assertEquals(2, job.status().succeeded());
        assertEquals(2, c.pods("default").stream().filter(p -> "Succeeded".equals(p.status().phase())).count());
    }

    @Test
    void theSameSeedGivesTheSameTraceByteForByte() {
        String first = run(7);
        String second = run(7);
        assertEquals(first, second);
        assertTrue(first.lines().count() > 50, "a non-trivial trace");
    }

    private static String run(long seed) {
        Cluster c = cluster(seed);
        c.create(WEB);
        c.advance(Duration.ofSeconds(30));
        return c.trace().format();
    }
}
