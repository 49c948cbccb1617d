package io.ksim.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.Widget;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformerTest {

    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final MvccStore etcd = MvccStore.builder(kernel).build();
    private final ApiServer api = new ApiServer(kernel, etcd);
    private final List<String> heard = new ArrayList<>();

    InformerTest() {
        api.register(Widget.TYPE);
    }

    private Informer<Widget> informer(Duration latency) {
        Informer<Widget> inf = Informer.builder(kernel, api, Widget.TYPE).component("test-controller")
                .watchLatency(latency).build();
        inf.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Widget obj, boolean initial) {
                heard.add("add " + obj.metadata().name() + (initial ? " (initial)" : "") + " @" + kernel.elapsed().toMillis());
            }

            @Override
            public void onUpdate(Widget oldObj, Widget newObj) {
                heard.add("update " + newObj.metadata().name() + " " + oldObj.size() + "->" + newObj.size());
            }

            @Override
            public void onDelete(Widget obj) {
                heard.add("delete " + obj.metadata().name());
            }
        });
        return inf;
    }

    private Widget create(String ns, String name, int size) {
        return api.create(Widget.TYPE, ns, Widget.named(name, size));
    }

    @Test
    void listsThenFollowsTheWatch() {
        create("default", "b", 1);
        create("kube-system", "a", 1);
        Informer<Widget> inf = informer(Duration.ZERO);
        assertFalse(inf.hasSynced());
        inf.start();
        kernel.runUntilIdle();
        assertTrue(inf.hasSynced());
        assertEquals(List.of("add b (initial) @0", "add a (initial) @0"), heard);
        Widget b = api.update(Widget.TYPE, api.get(Widget.TYPE, "default", "b").withSize(2));
        create("default", "c", 3);
        api.delete(Widget.TYPE, "kube-system", "a", DeleteOptions.defaults());
        kernel.runUntilIdle();
        assertEquals(List.of("add b (initial) @0", "add a (initial) @0", "update b 1->2", "add c @0", "delete a"), heard);
        assertEquals(List.of("default/b", "default/c"), List.copyOf(inf.indexer().asMap().keySet()));
        assertEquals(b, inf.indexer().get("default", "b"));
        assertEquals(2, inf.indexer().byIndex(Indexer.NAMESPACE, "default").size());
    }

    @Test
    void eventsArriveAfterTheWatchLatency() {
        Informer<Widget> inf = informer(Duration.ofMillis(50));
        inf.start();
        kernel.runUntilIdle();
        kernel.advance(Duration.ofSeconds(1));
        create("default", "x", 1);
        kernel.runUntil(Duration.ofMillis(1049));
        assertTrue(heard.isEmpty());
        kernel.runUntil(Duration.ofMillis(1050));
        assertEquals(List.of("add x @1050"), heard);
        assertEquals(1, inf.indexer().size());
    }

    @Test
    void aBrokenWatchResumesFromTheLastResourceVersion() {
        Informer<Widget> inf = informer(Duration.ZERO);
        inf.start();
        kernel.runUntilIdle();
        inf.dropWatch();
        create("default", "during", 1);
        kernel.runUntilIdle();
        assertEquals(List.of("add during @0"), heard, "replayed from the last seen resourceVersion");
        assertEquals(0, inf.relists());
    }

    @Test
    void afterCompactionTheInformerListsAgainAndReconciles() {
        create("default", "keep", 1);
        create("default", "gone", 1);
        Informer<Widget> inf = informer(Duration.ZERO);
        inf.start();
        kernel.runUntilIdle();
        heard.clear();
        inf.dropWatch();
        // While the watch is down: one object changes, one is deleted, one is created, and etcd compacts.
        api.update(Widget.TYPE, api.get(Widget.TYPE, "default", "keep").withSize(5));
        api.delete(Widget.TYPE, "default", "gone", DeleteOptions.defaults());
        create("default", "new", 1);
        etcd.compact(etcd.revision());
        kernel.runUntilIdle();
        assertEquals(1, inf.relists());
        assertEquals(List.of("update keep 1->5", "add new @0", "delete gone"), heard);
        assertEquals(List.of("default/keep", "default/new"), List.copyOf(inf.indexer().asMap().keySet()));
        assertTrue(kernel.trace().format().contains("Relist         widgets.example.io  watch ended: too old resource version"),
                kernel.trace().format());
    }

    @Test
    void resyncRedeliversTheCacheAsUpdates() {
        create("default", "a", 1);
        Informer<Widget> inf = Informer.builder(kernel, api, Widget.TYPE).resyncPeriod(Duration.ofMinutes(10)).build();
        List<String> resynced = new ArrayList<>();
        inf.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(Widget oldObj, Widget newObj) {
                resynced.add(kernel.elapsed().toMinutes() + "m " + (oldObj == newObj));
            }
        });
        inf.start();
        kernel.runUntil(Duration.ofMinutes(25));
        assertEquals(List.of("10m true", "20m true"), resynced);
        inf.stop();
        kernel.runUntil(Duration.ofMinutes(45));
        assertEquals(2, resynced.size());
    }

    @Test
    void aLateHandlerHearsTheCache() {
        create("default", "a", 1);
        Informer<Widget> inf = informer(Duration.ZERO);
        inf.start();
        kernel.runUntilIdle();
        List<String> late = new ArrayList<>();
        inf.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Widget obj, boolean initial) {
                late.add(obj.metadata().name());
            }
        });
        assertEquals(List.of("a"), late);
    }
}
