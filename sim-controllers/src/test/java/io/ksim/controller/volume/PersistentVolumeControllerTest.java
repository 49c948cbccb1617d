package io.ksim.controller.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Event;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaim.PersistentVolumeClaimSpec;
import io.ksim.api.core.PersistentVolumeClaim.VolumeResourceRequirements;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.api.storage.StorageClass;
import io.ksim.api.storage.VolumeMatching;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.controller.ControllerContext;
import io.ksim.controller.ControllerManager;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PersistentVolume controller and the local-path provisioner against the API server; cases after
 * pkg/controller/volume/persistentvolume/binder_test.go, provision_test.go, delete_test.go and index_test.go.
 */
class PersistentVolumeControllerTest {

    private final Kernel kernel = Kernel.builder().seed(11).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final ControllerManager manager = new ControllerManager(ControllerContext.of(kernel, api))
            .register(PersistentVolumeController.NAME, PersistentVolumeController::new)
            .register(LocalPathProvisioner.NAME, LocalPathProvisioner::new)
            .register(PVCProtectionController.NAME, PVCProtectionController::new)
            .register(PVProtectionController.NAME, PVProtectionController::new);

    private void run() {
        kernel.runUntil(Duration.ofNanos(kernel.nanos()).plusSeconds(5));
    }

    static PersistentVolume pv(String name, String size, String cls, String policy, List<String> modes,
            Map<String, String> labels) {
        return new PersistentVolume(null, null, ObjectMeta.builder().name(name).labels(labels).build(),
                PersistentVolume.PersistentVolumeSpec.builder()
                        .capacity(new TreeMap<>(Map.of("storage", Quantity.parse(size))))
                        .accessModes(modes).storageClassName(cls).persistentVolumeReclaimPolicy(policy)
                        .hostPath(new io.ksim.api.core.HostPathVolumeSource("/data/" + name, null)).build(),
                null);
    }

    static PersistentVolume pv(String name, String size) {
        return pv(name, size, "", PersistentVolume.RECLAIM_RETAIN, List.of(PersistentVolume.READ_WRITE_ONCE), Map.of());
    }

    static PersistentVolumeClaim claim(String name, String size, String cls, List<String> modes,
            LabelSelector selector) {
        return new PersistentVolumeClaim(null, null, ObjectMeta.of("default", name),
                new PersistentVolumeClaimSpec(modes, selector, new VolumeResourceRequirements(null,
                        new TreeMap<>(Map.of("storage", Quantity.parse(size)))), null, cls, null, null, null, null),
                null);
    }

    static PersistentVolumeClaim claim(String name, String size) {
        return claim(name, size, "", List.of(PersistentVolume.READ_WRITE_ONCE), null);
    }

    private PersistentVolumeClaim getClaim(String name) {
        return api.get(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", name);
    }

    private PersistentVolume getVolume(String name) {
        try {
            return api.get(BuiltinResources.PERSISTENT_VOLUMES, null, name);
        } catch (io.ksim.apiserver.ApiException notFound) {
            return null;
        }
    }

    private List<String> events(String claimName) {
        return api.list(BuiltinResources.EVENTS, "default").items().stream()
                .filter(e -> e.involvedObject().name().equals(claimName))
                .map(e -> e.reason() + ": " + e.message()).toList();
    }

    private void create(PersistentVolume... pvs) {
        for (PersistentVolume p : pvs) {
            api.create(BuiltinResources.PERSISTENT_VOLUMES, null, p);
        }
    }

    /** index_test.go TestMatchVolume: the smallest volume that satisfies every constraint wins. */
    static Stream<Arguments> matches() {
        List<String> rwo = List.of(PersistentVolume.READ_WRITE_ONCE);
        List<String> rwx = List.of(PersistentVolume.READ_WRITE_MANY);
        return Stream.of(
                Arguments.of("smallest that fits", claim("c", "1Gi"), "pv-5g"),
                Arguments.of("exact size", claim("c", "5Gi"), "pv-5g"),
                Arguments.of("nothing big enough", claim("c", "20Gi"), null),
                Arguments.of("access modes", claim("c", "1Gi", "", rwx, null), "pv-10g-rwx"),
                Arguments.of("storage class", claim("c", "1Gi", "gold", rwo, null), "pv-8g-gold"),
                Arguments.of("selector", claim("c", "1Gi", "", rwo, LabelSelector.matchLabels(Map.of("tier", "db"))),
                        "pv-9g-db"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matches")
    void findsTheSmallestFittingVolume(String name, PersistentVolumeClaim claim, String expected) {
        List<PersistentVolume> volumes = List.of(
                pv("pv-5g", "5Gi"),
                pv("pv-9g-db", "9Gi", "", PersistentVolume.RECLAIM_RETAIN, List.of(PersistentVolume.READ_WRITE_ONCE),
                        Map.of("tier", "db")),
                pv("pv-10g-rwx", "10Gi", "", PersistentVolume.RECLAIM_RETAIN,
                        List.of(PersistentVolume.READ_WRITE_ONCE, PersistentVolume.READ_WRITE_MANY), Map.of()),
                pv("pv-8g-gold", "8Gi", "gold", PersistentVolume.RECLAIM_RETAIN,
                        List.of(PersistentVolume.READ_WRITE_ONCE), Map.of()));
        PersistentVolume found = VolumeMatching.findMatchingVolume(claim.withMetadata(
                claim.metadata().toBuilder().uid("u1").build()), volumes, null, java.util.Set.of(), false);
        assertEquals(expected, found == null ? null : found.metadata().name());
    }

    @Test
    void bindsAClaimToTheSmallestAvailableVolumeBothWays() {
        create(pv("big", "10Gi"), pv("small", "2Gi"));
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "1Gi"));
        run();
        PersistentVolumeClaim c = getClaim("data");
        assertEquals("small", c.spec().volumeName());
        assertEquals("Bound", c.status().phase());
        assertEquals(Quantity.parse("2Gi"), c.status().capacity().get("storage"));
        assertEquals("yes", c.metadata().annotations().get(VolumeMatching.ANN_BIND_COMPLETED));
        assertEquals("yes", c.metadata().annotations().get(VolumeMatching.ANN_BOUND_BY_CONTROLLER));
        PersistentVolume small = getVolume("small");
        assertEquals("Bound", small.status().phase());
        assertEquals(c.metadata().uid(), small.spec().claimRef().uid());
        assertEquals("yes", small.metadata().annotations().get(VolumeMatching.ANN_BOUND_BY_CONTROLLER));
        assertEquals("Available", getVolume("big").status().phase());
    }

    @Test
    void aClaimWithoutVolumesOrClassGetsFailedBinding() {
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "1Gi"));
        run();
        assertEquals(List.of("FailedBinding: no persistent volumes available for this claim and no storage class "
                + "is set"), events("data"));
        assertNull(getClaim("data").spec().volumeName());
    }

    @Test
    void retainReleasesAndDeleteFailsForAVolumeNoProvisionerMade() {
        create(pv("keep", "1Gi"), pv("gone", "1Gi", "slow", PersistentVolume.RECLAIM_DELETE,
                List.of(PersistentVolume.READ_WRITE_ONCE), Map.of()));
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("a", "1Gi"));
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default",
                claim("b", "1Gi", "slow", List.of(PersistentVolume.READ_WRITE_ONCE), null));
        run();
        assertEquals("Bound", getVolume("keep").status().phase());
        assertEquals("Bound", getVolume("gone").status().phase());
        api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "a", DeleteOptions.defaults());
        api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "b", DeleteOptions.defaults());
        run();
        assertEquals("Released", getVolume("keep").status().phase());
        assertEquals("Failed", getVolume("gone").status().phase());
    }

    private void createStandardClass() {
        api.create(BuiltinResources.STORAGE_CLASSES, null, new StorageClass(null, null,
                ObjectMeta.builder().name("standard")
                        .annotations(Map.of(StorageClass.ANNOTATION_IS_DEFAULT_CLASS, "true")).build(),
                LocalPathProvisioner.PROVISIONER, null, PersistentVolume.RECLAIM_DELETE, null, null,
                StorageClass.BINDING_WAIT_FOR_FIRST_CONSUMER, null));
    }

    /**
     * A claim created while there was no default class has none (DefaultStorageClass admission had nothing to
     * give); the PV controller assigns the default once one exists (retroactive assignment, 1.28+).
     */
    @Test
    void aClaimCreatedBeforeTheDefaultClassGetsItFromTheController() {
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "1Gi", null,
                List.of(PersistentVolume.READ_WRITE_ONCE), null));
        run();
        assertNull(getClaim("data").spec().storageClassName());
        createStandardClass();
        kernel.runUntil(Duration.ofNanos(kernel.nanos()).plus(PersistentVolumeController.SYNC_PERIOD).plusSeconds(1));
        assertEquals("standard", getClaim("data").spec().storageClassName());
    }

    @Test
    void waitForFirstConsumerProvisionsOnceANodeIsSelectedAndDeletesWithTheClaim() {
        createStandardClass();
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "3Gi", null,
                List.of(PersistentVolume.READ_WRITE_ONCE), null));
        run();
        PersistentVolumeClaim c = getClaim("data");
        assertEquals("standard", c.spec().storageClassName(), "default class assigned at admission");
        assertEquals(List.of("WaitForFirstConsumer: waiting for first consumer to be created before binding"),
                events("data").stream().distinct().toList());
        Map<String, String> ann = new TreeMap<>(c.metadata().annotations());
        ann.put(VolumeMatching.ANN_SELECTED_NODE, "node-1");
        api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, c.withMetadata(c.metadata().withAnnotations(ann)));
        run();
        c = getClaim("data");
        String name = "pvc-" + c.metadata().uid();
        assertEquals(name, c.spec().volumeName());
        assertEquals("Bound", c.status().phase());
        assertEquals("rancher.io/local-path", c.metadata().annotations().get(VolumeMatching.ANN_STORAGE_PROVISIONER));
        PersistentVolume v = getVolume(name);
        assertEquals("Bound", v.status().phase());
        assertEquals(Quantity.parse("3Gi"), VolumeMatching.capacityOf(v));
        assertEquals("Delete", v.spec().persistentVolumeReclaimPolicy());
        assertEquals(List.of("node-1"), v.spec().nodeAffinity().required().nodeSelectorTerms().get(0)
                .matchExpressions().get(0).values());
        List<String> ev = events("data");
        assertTrue(ev.contains("Provisioning: External provisioner is provisioning volume for claim \"default/data\""),
                ev.toString());
        assertTrue(ev.contains("ProvisioningSucceeded: Successfully provisioned volume " + name), ev.toString());
        assertTrue(ev.stream().anyMatch(e -> e.startsWith("ExternalProvisioning: Waiting for a volume to be created "
                + "either by the external provisioner 'rancher.io/local-path'")), ev.toString());
        api.delete(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", "data", DeleteOptions.defaults());
        run();
        assertNull(getVolume(name));
    }

    /**
     * binder_test.go "claim bound to a missing volume" and "volume deleted under a bound claim": ClaimLost. The
     * pv-protection finalizer is stripped first, as a user forcing the deletion of a Bound volume would.
     */
    @Test
    void aBoundClaimWhoseVolumeIsDeletedIsLost() {
        create(pv("keep", "1Gi"));
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "1Gi"));
        run();
        assertEquals("Bound", getClaim("data").status().phase());
        PersistentVolume keep = getVolume("keep");
        api.update(BuiltinResources.PERSISTENT_VOLUMES, keep.withMetadata(keep.metadata().toBuilder()
                .finalizers(List.of()).build()));
        api.delete(BuiltinResources.PERSISTENT_VOLUMES, null, "keep", DeleteOptions.defaults());
        run();
        assertEquals("Lost", getClaim("data").status().phase());
        assertTrue(events("data").contains("ClaimLost: Bound claim has lost its PersistentVolume. Data on the volume "
                + "is lost!"), events("data").toString());
    }

    /** A claim naming its volume in spec.volumeName binds to it, not to a smaller one; bound-by-controller stays off. */
    @Test
    void aClaimAskingForAVolumeByNameGetsThatOne() {
        create(pv("small", "1Gi"), pv("big", "10Gi"));
        manager.startAll();
        PersistentVolumeClaim c = claim("data", "1Gi");
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", c.withSpec(c.spec().withVolumeName("big")));
        run();
        PersistentVolumeClaim got = getClaim("data");
        assertEquals("Bound", got.status().phase());
        assertEquals("big", got.spec().volumeName());
        assertNull(got.metadata().annotations().get(VolumeMatching.ANN_BOUND_BY_CONTROLLER));
        assertEquals("Available", getVolume("small").status().phase());
    }

    /** pv_controller.go emitEventForUnboundDelayBindingClaim: unscheduled pods using the claim are named. */
    @Test
    void aWaitingClaimNamesTheUnscheduledPodsThatUseIt() {
        createStandardClass();
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", io.ksim.api.core.ServiceAccount.of("default", "default"));
        for (String name : List.of("web-b", "web-a")) {
            api.create(BuiltinResources.PODS, "default", io.ksim.api.core.Pod.of(ObjectMeta.of("default", name),
                    io.ksim.api.core.PodSpec.builder()
                            .containers(List.of(io.ksim.api.core.Container.of("app", "nginx:1.25")))
                            .volumes(List.of(io.ksim.api.core.Volume.persistentVolumeClaim("data", "data"))).build()));
        }
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "1Gi", "standard",
                List.of(PersistentVolume.READ_WRITE_ONCE), null));
        manager.startAll();
        run();
        assertEquals(List.of("WaitForPodScheduled: waiting for pods web-a,web-b to be scheduled"),
                events("data").stream().distinct().toList());
    }

    /** local-path-provisioner provisioner.go: ReadWriteMany is refused, through the library's ProvisioningFailed. */
    @Test
    void localPathRefusesReadWriteMany() {
        createStandardClass();
        manager.startAll();
        PersistentVolumeClaim c = api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("shared", "1Gi",
                "standard", List.of(PersistentVolume.READ_WRITE_MANY), null));
        Map<String, String> ann = new TreeMap<>(Map.of(VolumeMatching.ANN_SELECTED_NODE, "node-1"));
        run();
        c = getClaim("shared");
        ann.putAll(c.metadata().annotations());
        api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, c.withMetadata(c.metadata().withAnnotations(ann)));
        run();
        assertNull(getClaim("shared").spec().volumeName());
        assertTrue(events("shared").contains("ProvisioningFailed: failed to provision volume with StorageClass "
                + "\"standard\": Only support ReadWriteOnce access mode"), events("shared").toString());
    }

    /** A claim Pending for want of a volume binds at the next periodic sync after one is created (15 s). */
    @Test
    void aPendingClaimBindsToAVolumeCreatedLaterAtTheNextResync() {
        manager.startAll();
        api.create(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, "default", claim("data", "1Gi"));
        run();
        create(pv("late", "1Gi"));
        run();
        assertNull(getClaim("data").spec().volumeName(), "a new volume alone does not wake the claim");
        kernel.runUntil(Duration.ofNanos(kernel.nanos()).plus(PersistentVolumeController.SYNC_PERIOD));
        assertEquals("late", getClaim("data").spec().volumeName());
        assertEquals("Bound", getVolume("late").status().phase());
    }
}
