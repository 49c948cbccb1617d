package io.ksim.scheduler.bench;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Container;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.scheduler.Scheduler;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Pods scheduled per second, in the shape of upstream's scheduler_perf workloads (SchedulingBasic,
 * SchedulingPodAntiAffinity, TopologySpreading: nodes of 4 cpu / 32Gi / 110 pods, pods requesting
 * 100m / 500Mi). Each workload creates its nodes and initial pods and lets them schedule, then creates the
 * measured pods and times (wall clock, the harness only) the kernel run until all are bound: watch
 * delivery, scheduling cycles, binding writes and events included, pod creation excluded.
 *
 * <p>Run: {@code mvn -B -q -o -P bench -pl sim-scheduler -am verify -DskipTests}. Not a test: nothing
 * here asserts a time. System properties: {@code bench.only} runs the one workload of that name,
 * {@code bench.runs} (default 1) times each workload that many times and prints every run and their median;
 * {@code bench.warmups} (default 2) full untimed runs of the workload come first, so that the timed runs
 * measure compiled code (the JIT needs a few thousand cycles to compile the filter and score loops).
 * Beside the wall-clock rate it prints the rate per second of the harness thread's CPU time, which a machine
 * shared with other work disturbs much less, and the bytes that thread allocated per measured pod, a
 * structural figure no load changes.
 */
public final class SchedulerBench {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private SchedulerBench() {
    }

    record Workload(String name, int nodes, int zones, int initPods, int measurePods, IntFunction<Pod> measured) {
    }

    public static void main(String[] args) {
        List<Workload> workloads = List.of(
                new Workload("SchedulingBasic/500Nodes", 500, 1, 500, 1000, i -> basic("m-" + i)),
                new Workload("SchedulingBasic/5000Nodes", 5000, 1, 1000, 1000, i -> basic("m-" + i)),
                new Workload("SchedulingBasic/5000Nodes_10000Pods", 5000, 1, 1000, 10000, i -> basic("m-" + i)),
                new Workload("SchedulingPodAntiAffinity/500Nodes", 500, 1, 100, 400, i -> antiAffinity("m-" + i)),
                new Workload("TopologySpreading/500Nodes", 500, 3, 1000, 1000, i -> spreading("m-" + i)),
                new Workload("TopologySpreading/5000Nodes", 5000, 3, 5000, 2000, i -> spreading("m-" + i)));
        String only = System.getProperty("bench.only", "");
        int runs = Integer.getInteger("bench.runs", 1);
        int warmups = Integer.getInteger("bench.warmups", 2);
        System.out.printf("%-40s %8s %10s %12s %12s %14s%n", "workload", "pods", "seconds", "pods/s", "pods/cpu-s",
                "bytes/pod");
        for (Workload w : workloads) {
            if (!only.isEmpty() && !w.name().equals(only)) {
                continue;
            }
            for (int i = 0; i < warmups; i++) {
                run(w, true);
            }
            double[] rates = new double[runs];
            for (int i = 0; i < runs; i++) {
                double[] r = run(w, false);
                rates[i] = w.measurePods() / r[0];
                System.out.printf("%-40s %8d %10.3f %12.0f %12.0f %14.0f%n", w.name(), w.measurePods(), r[0], rates[i],
                        w.measurePods() / r[2], r[1] / w.measurePods());
            }
            if (runs > 1) {
                double[] sorted = rates.clone();
                java.util.Arrays.sort(sorted);
                System.out.printf("%-40s median %.0f pods/s (slowest %.0f, fastest %.0f)%n", w.name(),
                        sorted[runs / 2], sorted[0], sorted[runs - 1]);
            }
        }
    }

    /** Bytes allocated so far by the current thread (HotSpot's ThreadMXBean), or -1 where unsupported. */
    private static long allocatedBytes() {
        if (THREADS instanceof com.sun.management.ThreadMXBean hs) {
            return hs.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static double[] run(Workload w, boolean warmup) {
        Kernel kernel = Kernel.builder().seed(1).build();
        ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        Scheduler scheduler = Scheduler.builder(kernel, api).build();
        scheduler.start();
        for (int i = 0; i < w.nodes(); i++) {
            api.create(BuiltinResources.NODES, null, node("node-" + i, "zone-" + (i % w.zones())));
        }
        kernel.advance(Duration.ofMillis(1));
        for (int i = 0; i < w.initPods(); i++) {
            api.create(BuiltinResources.PODS, "default", basic("init-" + i));
        }
        kernel.advance(Duration.ofSeconds(1));
        int measured = w.measurePods();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            Pod p = w.measured().apply(i);
            api.create(BuiltinResources.PODS, "default", p);
            names.add(p.metadata().name());
        }
        long bytesBefore = allocatedBytes();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        kernel.advance(Duration.ofSeconds(1));
        long elapsed = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = allocatedBytes() - bytesBefore;
        int bound = 0;
        for (String n : names) {
            if (api.get(BuiltinResources.PODS, "default", n).spec().nodeName() != null) {
                bound++;
            }
        }
        if (bound != measured && !warmup) {
            System.out.println("  (" + w.name() + ": only " + bound + " of " + measured + " bound)");
        }
        return new double[] {elapsed / 1e9, allocated, cpu / 1e9};
    }

    private static Node node(String name, String zone) {
        Map<String, Quantity> alloc = new TreeMap<>(Map.of("cpu", Quantity.parse("4"), "memory", Quantity.parse("32Gi"),
                "pods", Quantity.parse("110")));
        Map<String, String> labels = new TreeMap<>(Map.of("kubernetes.io/hostname", name,
                "topology.kubernetes.io/zone", zone));
        return new Node(null, null, ObjectMeta.builder().name(name).labels(labels).build(), null,
                new Node.NodeStatus(new TreeMap<>(alloc), new TreeMap<>(alloc), null, null, null, null, null, null, null,
                        null, null, null, null));
    }

    private static PodSpec.Builder defaultSpec() {
        Container c = Container.builder().name("pause").image("registry.k8s.io/pause:3.10").resources(
                ResourceRequirements.of(null, Map.of("cpu", Quantity.parse("100m"), "memory", Quantity.parse("500Mi"))))
                .build();
        return PodSpec.builder().containers(List.of(c));
    }

    private static Pod basic(String name) {
        return Pod.of(ObjectMeta.of("default", name), defaultSpec().build());
    }

    private static Pod antiAffinity(String name) {
        PodAffinityTerm t = new PodAffinityTerm(LabelSelector.matchLabels(Map.of("color", "green")), null,
                "kubernetes.io/hostname", null, null, null);
        return Pod.of(ObjectMeta.builder().namespace("default").name(name).labels(Map.of("color", "green")).build(),
                defaultSpec().affinity(new Affinity(null, null, new PodAntiAffinity(List.of(t), null))).build());
    }

    private static Pod spreading(String name) {
        TopologySpreadConstraint c = new TopologySpreadConstraint(5, "topology.kubernetes.io/zone", "DoNotSchedule",
                LabelSelector.matchLabels(Map.of("color", "blue")), null, null, null, null);
        return Pod.of(ObjectMeta.builder().namespace("default").name(name).labels(Map.of("color", "blue")).build(),
                defaultSpec().topologySpreadConstraints(List.of(c)).build());
    }
}
