package io.ksim.scheduler;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.TaintEffect;
import io.ksim.api.core.Toleration;
import io.ksim.api.core.TolerationOperator;
import io.ksim.api.resource.Quantity;
import io.ksim.scheduler.framework.Framework;
import io.ksim.scheduler.framework.NodeInfo;
import io.ksim.scheduler.framework.PodInfo;
import io.ksim.scheduler.plugins.DefaultProfile;
import io.ksim.scheduler.plugins.ScoringStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Random nodes and pods for the scheduler's properties, drawn as small shapes that jqwik shrinks field by
 * field (a failing cluster shrinks to fewer nodes, fewer taints, smaller requests) and then turned into API
 * objects. Nodes: cpu, memory, ephemeral-storage and pods allocatable (zero included), sometimes an extended
 * resource, taints of all three effects, cordons, images, a disk label and a zone, and pods on them with
 * requests and host ports, some of them removed again. Pods: containers and init containers (sidecars too)
 * with requests (zero and unstated included, extended resources sometimes), images and host ports,
 * tolerations (the empty key with Exists among them), sometimes spec.nodeName and a node selector. Clusters
 * of hundreds of nodes are drawn as a few node kinds and each node's kind ({@link Cluster}), which keeps
 * drawing and building them cheap.
 */
final class RandomClusters {

    static final String GPU = "example.com/gpu";
    static final String ZONE = "topology.kubernetes.io/zone";
    /** Images the nodes report, with their sizes; pods name them, or {@code busybox} without a tag. */
    static final Map<String, Long> IMAGE_SIZES = Map.of("nginx:1.25", 70L << 20, "redis:7", 120L << 20,
            "busybox:latest", 2L << 20, "app:v1", 900L << 20);
    private static final List<String> NODE_IMAGES = List.of("nginx:1.25", "redis:7", "busybox:latest", "app:v1");
    private static final List<String> POD_IMAGES = List.of("nginx:1.25", "redis:7", "busybox", "app:v1", "other:2");
    private static final List<String> TAINT_KEYS = List.of("dedicated", "gpu", "spot");

    private RandomClusters() {
    }

    /** A container's requests (null: not stated), image and host port (null: none). */
    record ContainerShape(Integer milliCpu, Integer memoryMi, Integer ephemeralMi, Integer gpus, String image,
            Integer hostPort, boolean udp, boolean sidecar) {
    }

    record TaintShape(String key, String value, String effect) {
    }

    record TolerationShape(String key, boolean exists, String value, String effect) {
    }

    /** A node's allocatable; {@code gpus} null when the node has no extended resource. */
    record Capacity(int milliCpu, int memoryMi, int ephemeralGi, int pods, Integer gpus) {
    }

    record Looks(List<TaintShape> taints, boolean cordoned, List<String> images, String disk, String zone) {
    }

    /** A pod bound to the node; {@code removed}: taken off again after all were added. */
    record ExistingPod(List<ContainerShape> containers, boolean removed) {
    }

    record NodeShape(Capacity capacity, Looks looks, List<ExistingPod> pods) {
    }

    /**
     * A pod to schedule. {@code nodeName}: null for none, else an index into the nodes (mod their number), or
     * -1 for a node that does not exist. {@code selector}: null, "disk" (disk=ssd) or a zone.
     */
    record PodShape(List<ContainerShape> initContainers, List<ContainerShape> containers,
            List<TolerationShape> tolerations, Integer nodeName, String selector) {
    }

    /**
     * Containers whose requests are whole steps of 250m cpu and 256Mi memory and ephemeral storage, as the
     * nodes' allocatable of {@link #nodes()}: a pod that takes exactly what is left of a node is common.
     */
    static Arbitrary<ContainerShape> containers() {
        return containers(Arbitraries.integers().between(0, 12).map(i -> i * 250),
                Arbitraries.integers().between(0, 24).map(i -> i * 256), 0.15);
    }

    /** Containers requesting up to {@code maxMilliCpu} and {@code maxMemoryMi}, {@code gpuShare} of them gpus. */
    static Arbitrary<ContainerShape> containers(int maxMilliCpu, int maxMemoryMi, double gpuShare) {
        return containers(Arbitraries.integers().between(0, maxMilliCpu), Arbitraries.integers().between(0, maxMemoryMi),
                gpuShare);
    }

    private static Arbitrary<ContainerShape> containers(Arbitrary<Integer> milliCpu, Arbitrary<Integer> memoryMi,
            double gpuShare) {
        Arbitrary<Integer> cpu = milliCpu.injectNull(0.25);
        Arbitrary<Integer> memory = memoryMi.injectNull(0.25);
        Arbitrary<Integer> ephemeral = Arbitraries.integers().between(0, 16).map(i -> i * 256).injectNull(0.7);
        Arbitrary<Integer> gpus = Arbitraries.integers().between(0, 3).injectNull(1 - gpuShare);
        Arbitrary<Integer> port = Arbitraries.of(80, 8080).injectNull(0.8);
        return Combinators.combine(cpu, memory, ephemeral, gpus, Arbitraries.of(POD_IMAGES), port,
                Arbitraries.of(false, true), oneIn(5))
                .as(ContainerShape::new);
    }

    /**
     * Nodes about as full as their pods make them, often too small for a pod (jqwik draws small amounts more
     * often): most filters get to reject.
     */
    static Arbitrary<NodeShape> nodes() {
        return nodes(Combinators.combine(Arbitraries.integers().between(0, 32).map(i -> i * 250),
                Arbitraries.integers().between(0, 64).map(i -> i * 256), Arbitraries.integers().between(0, 20),
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 4).injectNull(0.7))
                .as(Capacity::new), 3, 3);
    }

    /**
     * Nodes with room for most pods: up to 32 cpus, 64Gi and 30 pods drawn uniformly, at most two pods on them,
     * one in four with taints.
     */
    static Arbitrary<NodeShape> roomyNodes() {
        return nodes(Combinators.combine(uniform(0, 32000), uniform(0, 65536), uniform(0, 20), uniform(0, 30),
                Arbitraries.integers().between(0, 4).injectNull(0.7)).as(Capacity::new), 2, 4);
    }

    /** True one time in {@code n}; shrinks to false. */
    private static Arbitrary<Boolean> oneIn(int n) {
        return Arbitraries.integers().between(0, n - 1).map(i -> i == n - 1);
    }

    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Arbitrary<NodeShape> nodes(Arbitrary<Capacity> capacity, int maxPodsOn, int taintedOneIn) {
        Arbitrary<TaintShape> taint = Combinators.combine(Arbitraries.of(TAINT_KEYS), Arbitraries.of("", "a", "b"),
                Arbitraries.of(TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE, TaintEffect.NO_EXECUTE))
                .as(TaintShape::new);
        Arbitrary<Looks> looks = Combinators.combine(
                Arbitraries.frequencyOf(Tuple.of(taintedOneIn - 1, Arbitraries.just(List.<TaintShape>of())),
                        Tuple.of(1, taint.list().ofMinSize(1).ofMaxSize(3))),
                oneIn(8),
                Arbitraries.of(NODE_IMAGES).list().ofMaxSize(3).uniqueElements(),
                Arbitraries.of("ssd", "hdd").injectNull(0.3),
                Arbitraries.of("zone-a", "zone-b", "zone-c").injectNull(0.2)).as(Looks::new);
        Arbitrary<ExistingPod> existing = Combinators.combine(containers().list().ofMinSize(1).ofMaxSize(2),
                oneIn(4)).as(ExistingPod::new);
        return Combinators.combine(capacity, looks, existing.list().ofMaxSize(maxPodsOn)).as(NodeShape::new);
    }

    /** Between {@code min} and {@code max} nodes of {@code nodes}, every size about as likely. */
    static Arbitrary<List<NodeShape>> clusters(Arbitrary<NodeShape> nodes, int min, int max) {
        return nodes.list().ofMinSize(min).ofMaxSize(max).withSizeDistribution(RandomDistribution.uniform());
    }

    /**
     * A cluster of many nodes drawn cheaply: a few node kinds, and for each node the index of its kind (modulo
     * their number). A failing cluster shrinks to fewer nodes, fewer kinds and then to nodes all of the first kind.
     */
    record Cluster(List<NodeShape> kinds, List<Integer> kindOfNode) {

        NodeShape shape(int node) {
            return kinds.get(kindOfNode.get(node) % kinds.size());
        }
    }

    /**
     * Clusters of up to six kinds, half of them of 1 to 99 nodes (the search visits every node) and half of 150
     * to {@code max} (where enough nodes fit more often for the search to stop at numFeasibleNodesToFind, at
     * least 100), every size of each half about as likely.
     */
    static Arbitrary<Cluster> clustersOfKinds(Arbitrary<NodeShape> kinds, int max) {
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        Arbitrary<List<Integer>> small = kind.list().ofMinSize(1).ofMaxSize(99)
                .withSizeDistribution(RandomDistribution.uniform());
        Arbitrary<List<Integer>> large = kind.list().ofMinSize(150).ofMaxSize(max)
                .withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(kinds.list().ofMinSize(1).ofMaxSize(6), Arbitraries.oneOf(small, large))
                .as(Cluster::new);
    }

    /** The cluster's nodes, each kind's node and pods built once and shared under each node's own name. */
    static List<NodeInfo> nodeInfos(Cluster cluster) {
        List<Node> kindNodes = new ArrayList<>();
        List<List<PodInfo>> kindPods = new ArrayList<>();
        for (int k = 0; k < cluster.kinds().size(); k++) {
            NodeShape shape = cluster.kinds().get(k);
            kindNodes.add(node("kind-" + k, shape));
            List<PodInfo> pods = new ArrayList<>();
            for (int i = 0; i < shape.pods().size(); i++) {
                pods.add(PodInfo.of(pod("kind-" + k + "-pod-" + i, List.of(), shape.pods().get(i).containers(),
                        List.of(), null, null)));
            }
            kindPods.add(pods);
        }
        List<NodeInfo> out = new ArrayList<>(cluster.kindOfNode().size());
        for (int i = 0; i < cluster.kindOfNode().size(); i++) {
            int k = cluster.kindOfNode().get(i) % cluster.kinds().size();
            Node kind = kindNodes.get(k);
            String name = nodeName(i);
            Map<String, String> labels = new TreeMap<>(kind.metadata().labels());
            labels.put("kubernetes.io/hostname", name);
            NodeInfo info = new NodeInfo(kind.withMetadata(kind.metadata().toBuilder().name(name).labels(labels).build()));
            List<ExistingPod> shapes = cluster.kinds().get(k).pods();
            for (PodInfo p : kindPods.get(k)) {
                info.addPod(p);
            }
            for (int j = 0; j < shapes.size(); j++) {
                if (shapes.get(j).removed()) {
                    info.removePod(kindPods.get(k).get(j).key());
                }
            }
            out.add(info);
        }
        return out;
    }

    static Arbitrary<PodShape> pods(double nodeNameProbability) {
        return pods(nodeNameProbability, containers());
    }

    /** Pods of up to two init containers and one to three containers drawn from {@code containers}. */
    static Arbitrary<PodShape> pods(double nodeNameProbability, Arbitrary<ContainerShape> containers) {
        Arbitrary<TolerationShape> toleration = Combinators.combine(
                Arbitraries.of("", "dedicated", "gpu", "spot", "node.kubernetes.io/unschedulable"),
                Arbitraries.of(true, false), Arbitraries.of("", "a", "b"),
                Arbitraries.of("", TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE, TaintEffect.NO_EXECUTE))
                .as(TolerationShape::new);
        Arbitrary<Integer> nodeName = Arbitraries.integers().between(-1, 400).injectNull(1 - nodeNameProbability);
        return Combinators.combine(containers.list().ofMaxSize(2), containers.list().ofMinSize(1).ofMaxSize(3),
                toleration.list().ofMaxSize(3), nodeName,
                Arbitraries.of("disk", "zone-a", "zone-b").injectNull(0.7)).as(PodShape::new);
    }

    static String nodeName(int i) {
        return String.format("node-%03d", i);
    }

    /** The node {@code shape} describes, called {@code name}. */
    static Node node(String name, NodeShape shape) {
        Capacity c = shape.capacity();
        Looks l = shape.looks();
        TestObjects.NodeBuilder b = TestObjects.node(name).cpu(c.milliCpu() + "m").memory(c.memoryMi() + "Mi")
                .resource("ephemeral-storage", c.ephemeralGi() + "Gi").resource("pods", String.valueOf(c.pods()));
        if (c.gpus() != null) {
            b.resource(GPU, String.valueOf(c.gpus()));
        }
        for (TaintShape t : l.taints()) {
            b.taint(t.key(), t.value(), t.effect());
        }
        if (l.cordoned()) {
            b.unschedulable();
        }
        for (String image : l.images()) {
            b.image(IMAGE_SIZES.get(image), image);
        }
        if (l.disk() != null) {
            b.label("disk", l.disk());
        }
        if (l.zone() != null) {
            b.zone(l.zone());
        }
        return b.build();
    }

    /** The node with its pods counted, those marked removed taken off again. */
    static NodeInfo nodeInfo(String name, NodeShape shape) {
        NodeInfo info = new NodeInfo(node(name, shape));
        List<String> removed = new ArrayList<>();
        for (int i = 0; i < shape.pods().size(); i++) {
            ExistingPod p = shape.pods().get(i);
            PodInfo pi = PodInfo.of(pod(name + "-pod-" + i, List.of(), p.containers(), List.of(), null, null));
            info.addPod(pi);
            if (p.removed()) {
                removed.add(pi.key());
            }
        }
        removed.forEach(info::removePod);
        return info;
    }

    static List<NodeInfo> nodeInfos(List<NodeShape> shapes) {
        List<NodeInfo> out = new ArrayList<>(shapes.size());
        for (int i = 0; i < shapes.size(); i++) {
            out.add(nodeInfo(nodeName(i), shapes.get(i)));
        }
        return out;
    }

    static Container container(String name, ContainerShape s) {
        Map<String, Quantity> req = new TreeMap<>();
        if (s.milliCpu() != null) {
            req.put("cpu", Quantity.parse(s.milliCpu() + "m"));
        }
        if (s.memoryMi() != null) {
            req.put("memory", Quantity.parse(s.memoryMi() + "Mi"));
        }
        if (s.ephemeralMi() != null) {
            req.put("ephemeral-storage", Quantity.parse(s.ephemeralMi() + "Mi"));
        }
        if (s.gpus() != null) {
            req.put(GPU, Quantity.parse(String.valueOf(s.gpus())));
        }
        List<ContainerPort> ports = s.hostPort() == null ? List.of()
                : List.of(new ContainerPort(null, s.hostPort(), 8000 + s.hostPort(), s.udp() ? "UDP" : "TCP", null));
        return Container.builder().name(name).image(s.image()).ports(ports)
                .resources(ResourceRequirements.of(null, req)).build();
    }

    static Pod pod(String name, PodShape shape, int nodes) {
        String nodeName = shape.nodeName() == null ? null
                : shape.nodeName() < 0 ? "node-gone" : nodeName(shape.nodeName() % nodes);
        return pod(name, shape.initContainers(), shape.containers(), shape.tolerations(), nodeName, shape.selector());
    }

    private static Pod pod(String name, List<ContainerShape> init, List<ContainerShape> containers,
            List<TolerationShape> tolerations, String nodeName, String selector) {
        TestObjects.PodBuilder b = TestObjects.pod(name);
        for (int i = 0; i < containers.size(); i++) {
            b.container(container("c" + i, containers.get(i)));
        }
        List<Container> inits = new ArrayList<>();
        for (int i = 0; i < init.size(); i++) {
            Container c = container("i" + i, init.get(i));
            inits.add(init.get(i).sidecar() ? c.toBuilder().restartPolicy("Always").build() : c);
        }
        List<Toleration> tols = new ArrayList<>();
        for (TolerationShape t : tolerations) {
            // an empty key is valid only with Exists
            boolean exists = t.exists() || t.key().isEmpty();
            tols.add(new Toleration(t.key(), exists ? TolerationOperator.EXISTS : TolerationOperator.EQUAL,
                    exists ? null : t.value(), t.effect(), null));
        }
        Map<String, String> nodeSelector = selector == null ? null
                : selector.equals("disk") ? Map.of("disk", "ssd") : Map.of(ZONE, selector);
        return b.spec(s -> {
            s.initContainers(inits).tolerations(tols).nodeName(nodeName);
            if (nodeSelector != null) {
                s.nodeSelector(new TreeMap<>(nodeSelector));
            }
            return s;
        }).build();
    }

    /** The default profile over {@code nodes}, ImageLocality counting the nodes that report each image. */
    static Framework defaultProfile(List<NodeInfo> nodes) {
        Map<String, Integer> nodesWithImage = new java.util.HashMap<>();
        for (NodeInfo n : nodes) {
            n.imageSizes().keySet().forEach(image -> nodesWithImage.merge(image, 1, Integer::sum));
        }
        return DefaultProfile.build(new DefaultProfile.Context(null, nodes::size,
                image -> nodesWithImage.getOrDefault(image, 0), p -> null, null), ScoringStrategy.DEFAULT);
    }
}
