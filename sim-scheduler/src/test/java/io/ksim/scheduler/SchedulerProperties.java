package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.scheduler.cache.SchedulerCache;
import io.ksim.scheduler.framework.CycleState;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.framework.Resource;
import io.ksim.scheduler.framework.Snapshot;
import io.ksim.scheduler.framework.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Invariants of the scheduler over random clusters (nodes with taints, labels and cordons; pods with
 * requests, node selectors, tolerations, host ports and anti-affinity; nodes joining and pods leaving while
 * it runs), each scenario drawn from one seed:
 * <ul>
 *   <li>it never binds a pod to a node where a filter fails;</li>
 *   <li>it never overcommits a node's allocatable cpu, memory or pod count;</li>
 *   <li>once the queue has settled, no pod is pending while some node passes every filter for it;</li>
 *   <li>the same seed gives the same placements and the same trace.</li>
 * </ul>
 */
class SchedulerProperties {

    private static final Duration SETTLE = Duration.ofMinutes(6);

    /** A scenario run to quiescence: the fixture and the names of the pods created. */
    private record Run(SchedulerFixture f, List<String> pods) {
    }

    private static Run run(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SchedulerFixture f = new SchedulerFixture(seed);
        int nodes = 1 + r.nextInt(5);
        for (int i = 0; i < nodes; i++) {
            f.addNode(randomNode(r, "node-" + i));
        }
        List<String> names = new ArrayList<>();
        int pods = 1 + r.nextInt(20);
        for (int i = 0; i < pods; i++) {
            Pod p = randomPod(r, "p-" + i);
            f.addPod(p);
            names.add(p.metadata().name());
            if (r.nextInt(4) == 0) {
                f.advance(Duration.ofMillis(r.nextInt(3000)));
            }
            if (r.nextInt(8) == 0) {
                f.addNode(randomNode(r, "late-" + i));
            }
            if (r.nextInt(8) == 0 && i > 0) {
                String victim = names.get(r.nextInt(names.size()));
                try {
                    f.api.delete(BuiltinResources.PODS, "default", victim, DeleteOptions.now());
                    names.remove(victim);
                } catch (io.ksim.apiserver.ApiException gone) {
                    // deleted before
                }
            }
        }
        f.advance(SETTLE);
        return new Run(f, names);
    }

    private static Node randomNode(SplittableRandom r, String name) {
        var b = node(name).cpu((1 + r.nextInt(4)) + "").memory((1 + r.nextInt(8)) + "Gi")
                .resource("pods", String.valueOf(2 + r.nextInt(8)))
                .label("disk", r.nextBoolean() ? "ssd" : "hdd");
        if (r.nextInt(3) == 0) {
            b.taint("dedicated", r.nextBoolean() ? "a" : "b", r.nextBoolean() ? "NoSchedule" : "NoExecute");
        }
        if (r.nextInt(10) == 0) {
            b.unschedulable();
        }
        return b.build();
    }

    private static Pod randomPod(SplittableRandom r, String name) {
        Map<String, Quantity> req = new TreeMap<>();
        if (r.nextInt(5) > 0) {
            req.put("cpu", Quantity.parse((r.nextInt(16) * 100) + "m"));
        }
        if (r.nextInt(5) > 0) {
            req.put("memory", Quantity.parse((r.nextInt(9) * 256) + "Mi"));
        }
        List<ContainerPort> ports = r.nextInt(7) == 0 ? List.of(new ContainerPort(null, 8080, 80, null, null)) : List.of();
        Container c = Container.builder().name("c").image("nginx:1.25").ports(ports)
                .resources(ResourceRequirements.of(null, req)).build();
        var b = pod(name).container(c);
        boolean anti = r.nextInt(6) == 0;
        if (anti) {
            b.label("app", "solo");
        }
        boolean selector = r.nextInt(5) == 0;
        boolean tolerate = r.nextInt(3) == 0;
        b.spec(s -> {
            if (selector) {
                s.nodeSelector(new TreeMap<>(Map.of("disk", "ssd")));
            }
            if (tolerate) {
                s.tolerations(List.of(new Toleration("dedicated", "Equal", "a", null, null)));
            }
            if (anti) {
                s.affinity(new Affinity(null, null, new PodAntiAffinity(List.of(new PodAffinityTerm(
                        LabelSelector.matchLabels(Map.of("app", "solo")), null, "kubernetes.io/hostname", null, null,
                        null)), null)));
            }
            return s;
        });
        return b.build();
    }

    /** A cache built from the API server's final state, independent of the scheduler's own. */
    private static SchedulerCache observedCache(SchedulerFixture f, String except) {
        SchedulerCache cache = new SchedulerCache();
        f.api.list(BuiltinResources.NODES, null).items().forEach(cache::addNode);
        for (Pod p : f.api.list(BuiltinResources.PODS, "default").items()) {
            String node = p.spec().nodeName();
            if (node != null && !p.metadata().name().equals(except)) {
                cache.addOrUpdatePod(PodInfo.of(p), node);
            }
        }
        return cache;
    }

    private static Status filters(Framework fw, PodInfo pod, Snapshot snapshot, NodeInfo node) {
        CycleState state = new CycleState();
        Framework.PreFilterOutcome pre = fw.runPreFilter(state, pod, snapshot);
        return pre.status().isSuccess() ? fw.runFilter(state, pod, node, pre.skipped()) : pre.status();
    }

    @Property(tries = 40)
    boolean neverBindsWhereAFilterFails(@ForAll long seed) {
        Run run = run(seed);
        Framework fw = run.f().scheduler.framework();
        for (Pod p : run.f().api.list(BuiltinResources.PODS, "default").items()) {
            String node = p.spec().nodeName();
            if (node == null) {
                continue;
            }
            SchedulerCache others = observedCache(run.f(), p.metadata().name());
            Snapshot snap = others.snapshot(ns -> Map.of());
            Status s = filters(fw, PodInfo.of(p), snap, others.node(node));
            if (!s.isSuccess()) {
                throw new AssertionError(p.metadata().name() + " on " + node + ": " + s);
            }
        }
        return true;
    }

    @Property(tries = 40)
    boolean neverOvercommitsAllocatable(@ForAll long seed) {
        Run run = run(seed);
        SchedulerCache cache = observedCache(run.f(), null);
        for (NodeInfo n : cache.snapshot(ns -> Map.of()).nodes()) {
            Resource alloc = n.allocatable();
            Resource used = n.requested();
            if (used.milliCpu > alloc.milliCpu || used.memory > alloc.memory || n.podCount() > alloc.allowedPodNumber) {
                throw new AssertionError(n.name() + " overcommitted: " + used + " of " + alloc);
            }
        }
        return true;
    }

    @Property(tries = 40)
    boolean neverLeavesAPodPendingWhenANodeFits(@ForAll long seed) {
        Run run = run(seed);
        Framework fw = run.f().scheduler.framework();
        SchedulerCache cache = observedCache(run.f(), null);
        Snapshot snap = cache.snapshot(ns -> Map.of());
        for (Pod p : run.f().api.list(BuiltinResources.PODS, "default").items()) {
            if (p.spec().nodeName() != null || p.metadata().deletionTimestamp() != null) {
                continue;
            }
            for (NodeInfo n : snap.nodes()) {
                if (filters(fw, PodInfo.of(p), snap, n).isSuccess()) {
                    throw new AssertionError(p.metadata().name() + " pending although " + n.name() + " fits");
                }
            }
        }
        return true;
    }

    @Property(tries = 20)
    boolean sameSeedSameTrace(@ForAll long seed) {
        String first = run(seed).f().kernel.trace().format();
        String second = run(seed).f().kernel.trace().format();
        if (!first.equals(second)) {
            throw new AssertionError("traces differ for seed " + seed);
        }
        return true;
    }
}
