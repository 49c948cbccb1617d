package io.ksim.controller.statefulset;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.apps.StatefulSet.RollingUpdateStatefulSetStrategy;
import io.ksim.api.apps.StatefulSet.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.ksim.api.apps.StatefulSet.StatefulSetSpec;
import io.ksim.api.apps.StatefulSet.StatefulSetUpdateStrategy;
import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.HostPathVolumeSource;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.controller.volume.PVCProtectionController;
import io.ksim.controller.volume.PersistentVolumeController;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A test cluster with the StatefulSet controller and helpers to make and read StatefulSets. */
final class StatefulSetFixture {

    final TestCluster cluster;

    /** Enough Available 1Gi volumes for the claims any test here makes. */
    static final int VOLUMES = 24;

    StatefulSetFixture(long seed) {
        cluster = new TestCluster(seed, 3);
        cluster.manager.register(StatefulSetController.NAME, StatefulSetController::new);
        cluster.manager.start(StatefulSetController.NAME);
        // The kubelet starts a pod only once its claims are Bound: the PV binder binds them to these volumes, and
        // the pvc-protection controller lets a claim go once its pod is gone.
        cluster.manager.register(PersistentVolumeController.NAME, PersistentVolumeController::new);
        cluster.manager.start(PersistentVolumeController.NAME);
        cluster.manager.register(PVCProtectionController.NAME, PVCProtectionController::new);
        cluster.manager.start(PVCProtectionController.NAME);
        for (int i = 0; i < VOLUMES; i++) {
            cluster.api.create(BuiltinResources.PERSISTENT_VOLUMES, null, new PersistentVolume(null, null,
                    ObjectMeta.builder().name(String.format("pv-%02d", i)).build(),
                    PersistentVolume.PersistentVolumeSpec.builder()
                            .capacity(new TreeMap<>(Map.of("storage", Quantity.parse("1Gi"))))
                            .accessModes(List.of(PersistentVolume.READ_WRITE_ONCE)).storageClassName("")
                            .persistentVolumeReclaimPolicy(PersistentVolume.RECLAIM_RETAIN)
                            .hostPath(new HostPathVolumeSource("/data/pv-" + i, null)).build(),
                    null));
        }
    }

    /** A set {@code name} with claim template {@code www} (1Gi), governed by service {@code nginx}. */
    static StatefulSetSpec spec(int replicas, String image, String policy, StatefulSetUpdateStrategy strategy,
            StatefulSetPersistentVolumeClaimRetentionPolicy retention) {
        Map<String, String> labels = Map.of("app", "web");
        PersistentVolumeClaim claim = new PersistentVolumeClaim(null, null,
                ObjectMeta.builder().name("www").build(),
                new PersistentVolumeClaimSpec(List.of("ReadWriteOnce"), null,
                        new VolumeResourceRequirements(null, new TreeMap<>(Map.of("storage", Quantity.parse("1Gi")))),
                        null, null, null, null, null, null), null);
        return new StatefulSetSpec(replicas, LabelSelector.matchLabels(labels), TestCluster.template(labels, image),
                List.of(claim), "nginx", policy, strategy, null, null, retention, null);
    }

    static StatefulSetUpdateStrategy rolling(int partition) {
        return new StatefulSetUpdateStrategy(Apps.ROLLING_UPDATE, new RollingUpdateStatefulSetStrategy(partition, null));
    }

    StatefulSet create(StatefulSetSpec spec) {
        return cluster.api.create(BuiltinResources.STATEFUL_SETS, "default",
                new StatefulSet(ObjectMeta.of("default", "web"), spec));
    }

    StatefulSet set() {
        return cluster.api.get(BuiltinResources.STATEFUL_SETS, "default", "web");
    }

    void scale(int replicas) {
        StatefulSet s = set();
        cluster.api.update(BuiltinResources.STATEFUL_SETS, s.withSpec(s.spec().withReplicas(replicas)));
    }

    void setImage(String image) {
        StatefulSet s = set();
        PodTemplateSpec t = s.spec().template();
        PodTemplateSpec changed = t.withSpec(t.spec().toBuilder()
                .containers(List.of(Container.builder().name("web").image(image).readinessProbe(TestCluster.READINESS)
                        .build())).build());
        cluster.api.update(BuiltinResources.STATEFUL_SETS, s.withSpec(s.spec().withTemplate(changed)));
    }

    /** Pods not being deleted, by ordinal. */
    List<Pod> pods() {
        return cluster.pods("default").stream().filter(p -> p.metadata().deletionTimestamp() == null)
                .sorted(Comparator.comparingInt(StatefulSetUtils::ordinal)).toList();
    }

    List<String> podNames() {
        return pods().stream().map(p -> p.metadata().name()).toList();
    }

    List<String> claimNames() {
        return cluster.api.list(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default").items().stream()
                .map(c -> c.metadata().name()).sorted().toList();
    }

    static String image(Pod p) {
        return p.spec().containers().get(0).image();
    }

    List<String> events(String reason) {
        return cluster.api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.reason().equals(reason))
                .sorted(Comparator.comparing(Event::firstTimestamp, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(e -> e.metadata().name()))
                .map(Event::message).toList();
    }
}
