package io.ksim.scheduler;

import static io.ksim.scheduler.TestObjects.node;
import static io.ksim.scheduler.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Affinity;
import io.ksim.api.core.PodAffinityTerm;
import io.ksim.api.core.PodAntiAffinity;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.CSIPersistentVolumeSource;
import io.ksim.api.core.HostPathVolumeSource;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.registry.BuiltinResources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** FailedScheduling texts end to end, against the golden file golden/failed-scheduling.txt. */
class FailedSchedulingGoldenTest {

    private static Map<String, String> golden() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = FailedSchedulingGoldenTest.class.getResourceAsStream("/golden/failed-scheduling.txt")) {
            String name = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("== ")) {
                    name = line.substring(3);
                } else if (name != null && !line.isEmpty()) {
                    out.put(name, line);
                }
            }
        }
        return out;
    }

    /** Runs {@code setup}, then schedules pod "x" and returns its PodScheduled message. */
    private static String message(Consumer<SchedulerFixture> setup, TestObjects.PodBuilder x) {
        SchedulerFixture f = new SchedulerFixture(1);
        setup.accept(f);
        f.settle();
        f.addPod(x.build());
        f.settle();
        String condition = PodConditions.getPodCondition(f.pod("x").status(), "PodScheduled").message();
        String event = f.api.list(io.ksim.apiserver.registry.BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> "FailedScheduling".equals(e.reason())).findFirst().orElseThrow().message();
        assertEquals(condition, event);
        return condition;
    }

    /** A claim bound to a new volume with {@code labels}, as the PV controller leaves them (bind-completed). */
    static void boundClaim(SchedulerFixture f, String claim, String volume, Map<String, String> labels,
            CSIPersistentVolumeSource csi) {
        f.api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                ObjectMeta.builder().name(volume).labels(labels).build(), PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("1Gi"))))
                        .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE)).csi(csi)
                        .hostPath(csi == null ? new HostPathVolumeSource("/data/" + volume, null) : null).build(),
                null));
        f.api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", new PersistentVolumeClaim(null, null,
                ObjectMeta.builder().namespace("default").name(claim)
                        .annotations(Map.of(VolumeMatching.ANN_BIND_COMPLETED, "yes")).build(),
                new PersistentVolumeClaim.PersistentVolumeClaimSpec(List.of(PersistentVolume.READ_WRITE_ONCE), null,
                        new PersistentVolumeClaim.VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage",
                                Quantity.parse("1Gi")))), volume, null, null, null, null, null), null));
    }

    static CSIPersistentVolumeSource csi(String driver, String handle) {
        return new CSIPersistentVolumeSource(driver, handle, null, null, null, null, null, null, null, null);
    }

    @Test
    void messagesMatchTheGoldenFile() throws IOException {
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("insufficient-cpu", message(f -> {
            for (int i = 1; i <= 3; i++) {
                f.addNode(node("node-" + i).cpu("1").memory("1Gi").build());
            }
        }, pod("x").container("2", "100Mi")));
        actual.put("taint-and-node-selector", message(f -> {
            f.addNode(node("node-1").cpu("1").memory("1Gi").label("disk", "ssd").taint("test-unschedulable", "true",
                    "NoSchedule").build());
            f.addNode(node("node-2").cpu("1").memory("1Gi").build());
            f.addNode(node("node-3").cpu("1").memory("1Gi").build());
        }, pod("x").spec(b -> b.nodeSelector(new TreeMap<>(Map.of("disk", "ssd"))))));
        actual.put("cordoned-and-too-many-pods", message(f -> {
            f.addNode(node("node-1").cpu("1").memory("1Gi").unschedulable().build());
            f.addNode(node("node-2").cpu("1").memory("1Gi").resource("pods", "1").build());
            f.addPod(pod("filler").build());
        }, pod("x")));
        PodAffinityTerm term = new PodAffinityTerm(LabelSelector.matchLabels(Map.of("app", "web")), null,
                "kubernetes.io/hostname", null, null, null);
        Affinity anti = new Affinity(null, null, new PodAntiAffinity(List.of(term), null));
        actual.put("anti-affinity", message(f -> {
            f.addNode(node("node-1").cpu("1").memory("1Gi").build());
            f.addNode(node("node-2").cpu("1").memory("1Gi").build());
            f.addPod(pod("w1").label("app", "web").build());
            f.addPod(pod("w2").label("app", "web").build());
        }, pod("x").spec(b -> b.affinity(anti))));
        actual.put("preemption-policy-never", message(f -> f.addNode(node("node-1").cpu("1").memory("1Gi").build()),
                pod("x").container("100m", "2Gi").spec(b -> b.preemptionPolicy("Never"))));
        actual.put("no-nodes", message(f -> {
        }, pod("x")));
        actual.put("volume-zone", message(f -> {
            f.addNode(node("node-1").cpu("1").memory("1Gi").zone("zone-a").build());
            f.addNode(node("node-2").cpu("4").memory("1Gi").zone("zone-b").build());
            f.addNode(node("node-3").cpu("4").memory("1Gi").zone("zone-c").build());
            boundClaim(f, "data", "pv-a", Map.of("topology.kubernetes.io/zone", "zone-a"), null);
        }, pod("x").container("2", "100Mi").spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("data",
                "data"))))));
        actual.put("node-volume-limits", message(f -> {
            f.addNode(node("node-1").cpu("4").memory("1Gi").build());
            f.api.create(BuiltinResources.CSI_NODES, null, new CSINode(null, null, ObjectMeta.builder().name("node-1")
                    .build(), new CSINode.CSINodeSpec(List.of(new CSINode.CSINodeDriver("ebs.csi.aws.com", "i-1", null,
                            new CSINode.VolumeNodeResources(1))))));
            boundClaim(f, "a", "pv-a", Map.of(), csi("ebs.csi.aws.com", "vol-a"));
            boundClaim(f, "b", "pv-b", Map.of(), csi("ebs.csi.aws.com", "vol-b"));
            f.addPod(pod("holder").spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("data", "a")))).build());
        }, pod("x").spec(b -> b.volumes(List.of(Volume.persistentVolumeClaim("data", "b"))))));
        assertEquals(golden(), actual);
    }
}
