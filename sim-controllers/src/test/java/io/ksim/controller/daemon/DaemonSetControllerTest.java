package io.ksim.controller.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.DaemonSet;
import io.ksim.api.apps.DaemonSet.DaemonSetSpec;
import io.ksim.api.apps.DaemonSet.DaemonSetUpdateStrategy;
import io.ksim.api.apps.DaemonSet.RollingUpdateDaemonSet;
import io.ksim.api.core.Container;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.Taint;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.TestCluster;
import io.ksim.controller.history.ControllerHistory;
import io.ksim.node.Kubelet;
import io.ksim.node.NodeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** DaemonSet walkthroughs after upstream's daemon_controller_test.go and update_test.go. */
class DaemonSetControllerTest {

    private final TestCluster cluster = new TestCluster(51, 3);

    DaemonSetControllerTest() {
        cluster.manager.register(DaemonSetController.NAME, DaemonSetController::new);
        cluster.manager.start(DaemonSetController.NAME);
    }

    private DaemonSet create(PodTemplateSpec template, DaemonSetUpdateStrategy strategy) {
        return cluster.api.create(BuiltinResources.DAEMON_SETS, "default", new DaemonSet(
                ObjectMeta.of("default", "agent"), new DaemonSetSpec(LabelSelector.matchLabels(Map.of("app", "agent")),
                        template, strategy, null, null)));
    }

    private static PodTemplateSpec template(String image) {
        return TestCluster.template(Map.of("app", "agent"), image);
    }

    private DaemonSet ds() {
        return cluster.api.get(BuiltinResources.DAEMON_SETS, "default", "agent");
    }

    private List<Pod> pods() {
        return cluster.pods("default").stream().filter(ControllerUtils::isPodActive).toList();
    }

    /** Active pods by node name. */
    private Map<String, List<String>> podsByNode() {
        Map<String, List<String>> out = new TreeMap<>();
        for (Pod p : pods()) {
            out.computeIfAbsent(String.valueOf(p.spec().nodeName()), n -> new ArrayList<>())
                    .add(p.spec().containers().get(0).image());
        }
        return out;
    }

    private void updateNode(String name, java.util.function.UnaryOperator<Node> change) {
        Node n = cluster.api.get(BuiltinResources.NODES, null, name);
        cluster.api.update(BuiltinResources.NODES, change.apply(n));
    }

    @Test
    void runsOnePinnedPodPerNodeWithTheDaemonTolerations() {
        create(template("nginx:1.25"), null);
        cluster.run(20);
        assertEquals(Map.of("node-1", List.of("nginx:1.25"), "node-2", List.of("nginx:1.25"),
                "node-3", List.of("nginx:1.25")), podsByNode());
        for (Pod p : pods()) {
            var term = p.spec().affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution()
                    .nodeSelectorTerms().get(0);
            assertEquals("metadata.name", term.matchFields().get(0).key());
            assertEquals(List.of(p.spec().nodeName()), term.matchFields().get(0).values());
            assertTrue(p.metadata().name().startsWith("agent-"));
            List<String> tolerated = p.spec().tolerations().stream().map(t -> t.key() + ":" + t.effect()).toList();
            assertTrue(tolerated.containsAll(List.of("node.kubernetes.io/not-ready:NoExecute",
                    "node.kubernetes.io/unreachable:NoExecute", "node.kubernetes.io/disk-pressure:NoSchedule",
                    "node.kubernetes.io/memory-pressure:NoSchedule", "node.kubernetes.io/pid-pressure:NoSchedule",
                    "node.kubernetes.io/unschedulable:NoSchedule")), tolerated.toString());
            assertEquals("1", p.metadata().labels().get(DaemonSetController.TEMPLATE_GENERATION_LABEL));
        }
        DaemonSet ds = ds();
        var s = ds.status();
        assertEquals(3, s.desiredNumberScheduled());
        assertEquals(3, s.currentNumberScheduled());
        assertEquals(3, s.numberReady());
        assertEquals(3, s.numberAvailable());
        assertEquals(3, s.updatedNumberScheduled());
        assertEquals(0, s.numberUnavailable());
        assertEquals(0, s.numberMisscheduled());
        assertEquals(1L, s.observedGeneration());
        List<ControllerRevision> revs = cluster.api.list(BuiltinResources.CONTROLLER_REVISIONS, "default").items();
        assertEquals(1, revs.size());
        String hash = revs.get(0).metadata().labels().get(ControllerHistory.HASH_LABEL);
        assertEquals("agent-" + hash, revs.get(0).metadata().name());
        assertTrue(pods().stream().allMatch(p -> hash.equals(p.metadata().labels().get("controller-revision-hash"))));
    }

    @Test
    void followsNodeLabelsTaintsAndNewNodes() {
        PodTemplateSpec t = template("nginx:1.25");
        t = t.withSpec(t.spec().toBuilder().nodeSelector(Map.of("disk", "ssd")).build());
        create(t, null);
        cluster.run(10);
        assertTrue(pods().isEmpty());
        updateNode("node-2", n -> n.withMetadata(n.metadata().withLabels(with(n.metadata().labels(), "disk", "ssd"))));
        updateNode("node-3", n -> n.withMetadata(n.metadata().withLabels(with(n.metadata().labels(), "disk", "ssd"))));
        cluster.run(10);
        assertEquals(List.of("node-2", "node-3"), List.copyOf(podsByNode().keySet()));
        // A NoExecute taint the pod does not tolerate evicts the daemon pod; NoSchedule alone would not.
        updateNode("node-3", n -> n.withSpec(n.spec().withTaints(List.of(Taint.of("dedicated", "db", "NoExecute")))));
        cluster.run(40);
        assertEquals(List.of("node-2"), List.copyOf(podsByNode().keySet()));
        assertEquals(1, ds().status().desiredNumberScheduled());
        // A node that joins with the label gets its pod.
        Kubelet k = new Kubelet(cluster.kernel, cluster.api, NodeConfig.builder("node-4").label("disk", "ssd")
                .podCIDR("10.244.4.0/24").internalIP("172.18.0.5").build(), TestCluster.CATALOG);
        k.start();
        cluster.run(20);
        assertEquals(List.of("node-2", "node-4"), List.copyOf(podsByNode().keySet()));
        assertEquals(2, ds().status().numberReady());
    }

    @Test
    void noScheduleTaintsNeedATolerationButCordonedNodesStillRunDaemons() {
        updateNode("node-1", n -> n.withSpec(n.spec().withTaints(List.of(Taint.of("gpu", "true", "NoSchedule")))));
        updateNode("node-2", n -> n.withSpec(n.spec().withUnschedulable(true).withTaints(
                List.of(Taint.of("node.kubernetes.io/unschedulable", null, "NoSchedule")))));
        create(template("nginx:1.25"), null);
        cluster.run(20);
        assertEquals(List.of("node-2", "node-3"), List.copyOf(podsByNode().keySet()));
        DaemonSet ds = ds();
        PodTemplateSpec t = ds.spec().template();
        PodTemplateSpec tolerant = t.withSpec(t.spec().toBuilder().tolerations(
                List.of(new Toleration("gpu", "Exists", null, "NoSchedule", null))).build());
        cluster.api.update(BuiltinResources.DAEMON_SETS, ds.withSpec(ds.spec().withTemplate(tolerant)));
        cluster.run(60);
        assertEquals(List.of("node-1", "node-2", "node-3"), List.copyOf(podsByNode().keySet()));
    }

    @Test
    void rollingUpdateReplacesOneNodeAtATime() {
        create(template("nginx:1.25"), null);
        cluster.run(20);
        setImage("nginx:1.26");
        int maxUnavailable = 0;
        for (int i = 0; i < 600; i++) {
            cluster.run(0.1);
            long ready = pods().stream().filter(PodConditions::isPodReady).count();
            maxUnavailable = Math.max(maxUnavailable, (int) (3 - ready));
        }
        assertEquals(1, maxUnavailable, "maxUnavailable 1 (the default): at most one node without a ready pod");
        assertEquals(Map.of("node-1", List.of("nginx:1.26"), "node-2", List.of("nginx:1.26"),
                "node-3", List.of("nginx:1.26")), podsByNode());
        assertEquals(3, ds().status().updatedNumberScheduled());
        assertEquals(2, cluster.api.list(BuiltinResources.CONTROLLER_REVISIONS, "default").items().size());
    }

    @Test
    void surgeStartsTheNewPodBesideTheOldOne() {
        create(template("nginx:1.25"), new DaemonSetUpdateStrategy(Apps.ROLLING_UPDATE,
                new RollingUpdateDaemonSet(IntOrString.of(0), IntOrString.of(1))));
        cluster.run(20);
        setImage("nginx:1.26");
        int mostPods = 0;
        int fewestReady = 3;
        for (int i = 0; i < 600; i++) {
            cluster.run(0.1);
            mostPods = Math.max(mostPods, pods().size());
            fewestReady = Math.min(fewestReady, (int) pods().stream().filter(PodConditions::isPodReady).count());
        }
        assertEquals(4, mostPods, "maxSurge 1: one extra pod at a time");
        assertEquals(3, fewestReady, "maxUnavailable 0: every node keeps a ready pod");
        assertEquals(Map.of("node-1", List.of("nginx:1.26"), "node-2", List.of("nginx:1.26"),
                "node-3", List.of("nginx:1.26")), podsByNode());
    }

    @Test
    void onDeleteLeavesPodsUntilTheyAreDeleted() {
        create(template("nginx:1.25"), new DaemonSetUpdateStrategy(Apps.ON_DELETE, null));
        cluster.run(20);
        setImage("nginx:1.26");
        cluster.run(30);
        assertTrue(pods().stream().allMatch(p -> p.spec().containers().get(0).image().equals("nginx:1.25")));
        assertEquals(0, ds().status().updatedNumberScheduled());
    }

    private void setImage(String image) {
        DaemonSet ds = ds();
        PodTemplateSpec t = ds.spec().template();
        PodTemplateSpec changed = t.withSpec(t.spec().toBuilder()
                .containers(List.of(Container.builder().name("web").image(image).build())).build());
        cluster.api.update(BuiltinResources.DAEMON_SETS, ds.withSpec(ds.spec().withTemplate(changed)));
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> out = new TreeMap<>(labels);
        out.put(key, value);
        return out;
    }
}
