package io.ksim.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.meta.ObjectMeta;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import io.ksim.store.RangeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final MvccStore etcd = MvccStore.builder(kernel).build();
    private final ApiServer api = new ApiServer(kernel, etcd);

    ApiServerTest() {
        api.register(Widget.TYPE);
    }

    private Widget create(String name, Integer size) {
        return api.create(Widget.TYPE, "default", Widget.named(name, size));
    }

    @Test
    void createStoresUnderTheRegistryKeyWithServerOwnedMetadata() {
        kernel.advance(Duration.ofMillis(2500));
        Widget w = create("a", null);
        assertEquals("default", w.metadata().namespace());
        assertEquals("2", w.metadata().resourceVersion(), "the store's revision of the write");
        assertEquals(Instant.parse("2025-01-01T00:00:02Z"), w.metadata().creationTimestamp(), "second precision");
        assertEquals(1L, w.metadata().generation());
        assertEquals(1, w.size(), "defaulted");
        assertTrue(w.metadata().uid().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals(1, etcd.range(RangeRequest.key("/registry/widgets/default/a")).count());
        assertSame(w, api.get(Widget.TYPE, "default", "a"), "reads hand out the stored value");
    }

    @Test
    void createTwiceIsAlreadyExistsAndChangesNothing() {
        create("a", 1);
        long rev = etcd.revision();
        ApiException e = assertThrows(ApiException.class, () -> create("a", 2));
        assertEquals("widgets.example.io \"a\" already exists", e.getMessage());
        assertEquals(409, e.code());
        assertEquals(rev, etcd.revision());
    }

    @Test
    void resourceVersionOnCreateIsRefused() {
        Widget w = Widget.named("a", 1);
        ApiException e = assertThrows(ApiException.class, () -> api.create(Widget.TYPE, "default",
                w.withMetadata(w.metadata().withResourceVersion("5"))));
        assertEquals("resourceVersion should not be set on objects to be created", e.getMessage());
        assertEquals(400, e.code());
    }

    @Test
    void generateNameAddsFiveCharactersOfUpstreamsAlphabet() {
        Widget w = api.create(Widget.TYPE, "default",
                new Widget(null, null, ObjectMeta.builder().generateName("web-7c9f-").build(), 1, null));
        assertTrue(w.metadata().name().matches("web-7c9f-[bcdfghjklmnpqrstvwxz2456789]{5}"), w.metadata().name());
    }

    @Test
    void namespaceMismatchIsABadRequest() {
        Widget w = Widget.named("a", 1);
        ApiException e = assertThrows(ApiException.class, () -> api.create(Widget.TYPE, "default",
                w.withMetadata(w.metadata().toBuilder().namespace("other").build())));
        assertEquals("the namespace of the provided object does not match the namespace sent on the request", e.getMessage());
    }

    @Test
    void invalidObjectsAreRefusedWithTheKindInTheMessage() {
        ApiException e = assertThrows(ApiException.class, () -> create("a", -1));
        assertEquals("Widget.example.io \"a\" is invalid: size: Invalid value: -1: must be greater than or equal to 0",
                e.getMessage());
        assertEquals(422, e.code());
    }

    @Test
    void staleUpdateIsAConflictAndBlindUpdateWins() {
        Widget v1 = create("a", 1);
        Widget v2 = api.update(Widget.TYPE, v1.withSize(2));
        assertEquals(2L, v2.metadata().generation(), "spec change bumps generation");
        ApiException e = assertThrows(ApiException.class, () -> api.update(Widget.TYPE, v1.withSize(3)));
        assertEquals("Operation cannot be fulfilled on widgets.example.io \"a\": the object has been modified; "
                + "please apply your changes to the latest version and try again", e.getMessage());
        Widget blind = api.update(Widget.TYPE, v1.withSize(4).withMetadata(v1.metadata().withResourceVersion(null)));
        assertEquals(4, blind.size());
        assertEquals(v1.metadata().uid(), blind.metadata().uid());
        assertEquals(v1.metadata().creationTimestamp(), blind.metadata().creationTimestamp());
    }

    @Test
    void updateThatChangesNothingWritesNothing() {
        Widget v1 = create("a", 1);
        long rev = etcd.revision();
        assertSame(v1, api.update(Widget.TYPE, v1));
        assertEquals(rev, etcd.revision());
    }

    @Test
    void statusSubresourceChangesOnlyTheStatus() {
        Widget v1 = create("a", 1);
        Widget s = api.updateStatus(Widget.TYPE, v1.withReady("yes").withSize(9));
        assertEquals("yes", s.ready());
        assertEquals(1, s.size());
        assertEquals(1L, s.metadata().generation(), "status changes do not bump generation");
        Widget main = api.update(Widget.TYPE, s.withReady("no"));
        assertEquals("yes", main.ready(), "the main resource cannot change the status");
    }

    @Test
    void updateOfMissingObjectIsNotFound() {
        ApiException e = assertThrows(ApiException.class, () -> api.update(Widget.TYPE,
                Widget.named("ghost", 1).withMetadata(ObjectMeta.of("default", "ghost"))));
        assertEquals("Error from server (NotFound): widgets.example.io \"ghost\" not found", e.kubectlMessage());
    }

    @Test
    void deleteWithFinalizersMarksThenRemovesWhenTheLastFinalizerGoes() {
        Widget w = create("a", 1);
        w = api.update(Widget.TYPE, w.withMetadata(w.metadata().toBuilder().finalizers(List.of("example.io/x")).build()));
        Widget marked = api.delete(Widget.TYPE, "default", "a", DeleteOptions.defaults());
        assertEquals(kernel.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), marked.metadata().deletionTimestamp());
        assertEquals(0L, marked.metadata().deletionGracePeriodSeconds());
        assertTrue(api.get(Widget.TYPE, "default", "a").metadata().isBeingDeleted());
        api.update(Widget.TYPE, marked.withMetadata(marked.metadata().toBuilder().finalizers(List.of()).build()));
        assertThrows(ApiException.class, () -> api.get(Widget.TYPE, "default", "a"));
    }

    @Test
    void orphanAndForegroundPoliciesAddTheirFinalizers() {
        create("a", 1);
        create("b", 1);
        assertEquals(List.of("orphan"), api.delete(Widget.TYPE, "default", "a",
                DeleteOptions.propagation(DeleteOptions.ORPHAN)).metadata().finalizers());
        assertEquals(List.of("foregroundDeletion"), api.delete(Widget.TYPE, "default", "b",
                DeleteOptions.propagation(DeleteOptions.FOREGROUND)).metadata().finalizers());
    }

    @Test
    void gracefulDeletionSetsTheDeadlineAndForceRemoves() {
        Widget w = create("a", 1);
        api.updateStatus(Widget.TYPE, w.withReady("slow"));
        kernel.advance(Duration.ofSeconds(10));
        Widget marked = api.delete(Widget.TYPE, "default", "a", DeleteOptions.defaults());
        assertEquals(Instant.parse("2025-01-01T00:00:40Z"), marked.metadata().deletionTimestamp());
        assertEquals(30L, marked.metadata().deletionGracePeriodSeconds());
        Widget again = api.delete(Widget.TYPE, "default", "a", DeleteOptions.defaults());
        assertEquals(marked, again, "a second delete with the same grace changes nothing");
        api.delete(Widget.TYPE, "default", "a", DeleteOptions.now());
        assertThrows(ApiException.class, () -> api.get(Widget.TYPE, "default", "a"));
    }

    @Test
    void listReturnsKeyOrderAndTheStoreRevision() {
        create("b", 1);
        create("a", 2);
        api.create(Widget.TYPE, "other", Widget.named("c", 3));
        ObjectList<Widget> inDefault = api.list(Widget.TYPE, "default");
        assertEquals(List.of("a", "b"), inDefault.items().stream().map(w -> w.metadata().name()).toList());
        assertEquals(Long.toString(etcd.revision()), inDefault.resourceVersion());
        assertEquals(3, api.list(Widget.TYPE, null).items().size());
        assertEquals(List.of("a"), api.list(Widget.TYPE, null, w -> w.size() == 2).items().stream()
                .map(w -> w.metadata().name()).toList());
    }

    @Test
    void watchTranslatesFilterTransitionsAsTheWatchCacheDoes() {
        create("a", 1);
        List<String> seen = new ArrayList<>();
        String rv = api.currentResourceVersion();
        api.watch(Widget.TYPE, "default", rv, w -> w.size() >= 2,
                e -> seen.add(e.type() + " " + e.object().metadata().name() + " " + e.object().size() + " @"
                        + e.object().metadata().resourceVersion()));
        Widget a = api.update(Widget.TYPE, api.get(Widget.TYPE, "default", "a").withSize(2));  // starts matching
        a = api.update(Widget.TYPE, a.withSize(3));                                             // still matching
        a = api.update(Widget.TYPE, a.withSize(1));                                             // stops matching
        create("b", 5);
        api.delete(Widget.TYPE, "default", "b", DeleteOptions.defaults());
        assertEquals(List.of("ADDED a 2 @3", "MODIFIED a 3 @4", "DELETED a 3 @5", "ADDED b 5 @6", "DELETED b 5 @7"), seen);
    }

    @Test
    void watchWithoutResourceVersionStartsWithTheCurrentObjects() {
        create("a", 1);
        create("b", 2);
        List<String> seen = new ArrayList<>();
        api.watch(Widget.TYPE, null, "", w -> true, e -> seen.add(e.type() + " " + e.object().metadata().name()));
        create("c", 3);
        assertEquals(List.of("ADDED a", "ADDED b", "ADDED c"), seen);
    }

    @Test
    void watchFromACompactedResourceVersionIsGone() {
        Widget a = create("a", 1);                          // revision 2
        Widget b = api.update(Widget.TYPE, a.withSize(2));  // 3
        api.update(Widget.TYPE, b.withSize(3));             // 4
        etcd.compact(3);
        // Changes after 3 (from revision 4) are still there: that watch works.
        List<ApiWatchEvent<Widget>> fine = new ArrayList<>();
        api.watch(Widget.TYPE, "default", b.metadata().resourceVersion(), w -> true, fine::add);
        assertEquals(WatchEventType.MODIFIED, fine.get(0).type());
        assertEquals(3, fine.get(0).object().size());
        // Changes after 1 (from revision 2) are not.
        List<ApiWatchEvent<Widget>> seen = new ArrayList<>();
        ApiWatch watch = api.watch(Widget.TYPE, "default", "1", w -> true, seen::add);
        assertEquals(1, seen.size());
        assertEquals(WatchEventType.ERROR, seen.get(0).type());
        assertEquals(410, seen.get(0).error().code());
        assertEquals("Expired", seen.get(0).error().reason());
        assertEquals("too old resource version: 1 (3)", seen.get(0).error().message());
        assertTrue(watch.isStopped());
    }

    @Test
    void sameSeedSameNamesAndUids() {
        assertEquals(generated(7), generated(7));
        assertNotEquals(generated(7), generated(8));
    }

    private static List<String> generated(long seed) {
        Kernel k = Kernel.builder().seed(seed).build();
        ApiServer s = new ApiServer(k, MvccStore.builder(k).build());
        s.register(Widget.TYPE);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Widget w = s.create(Widget.TYPE, "default",
                    new Widget(null, null, ObjectMeta.builder().generateName("w-").build(), 1, null));
            out.add(w.metadata().name() + " " + w.metadata().uid());
        }
        return out;
    }

    @Test
    void clusterScopedKeysHaveNoNamespace() {
        ResourceType<Widget> cluster = ResourceType.builder(Widget.class, "example.io", "v1", "Widget", "gizmos")
                .clusterScoped().etcdPrefix("/registry/gizmos").build();
        api.register(cluster);
        Widget g = api.create(cluster, "ignored", Widget.named("g", 1));
        assertNull(g.metadata().namespace());
        assertEquals(1, etcd.range(RangeRequest.key("/registry/gizmos/g")).count());
        assertFalse(api.resources().isEmpty());
        assertEquals(Map.of(), g.metadata().labels());
    }
}
