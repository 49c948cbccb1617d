package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ListOptions;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label and field selectors on list and watch, as kubectl -l / --field-selector and the kubelet use them. */
class SelectorsThroughTheApiTest {

    private final Kernel kernel = Kernel.builder().seed(2).build();
    private final ApiServer api = new ApiServer(kernel, MvccStore.builder(kernel).build());

    SelectorsThroughTheApiTest() {
        BuiltinResources.registerAll(api);
    }

    private Pod pod(String name, Map<String, String> labels, String node) {
        Pod p = Pod.of(ObjectMeta.builder().namespace("default").name(name).labels(labels).build(),
                PodSpec.builder().nodeName(node).containers(List.of(Container.builder().name("c").image("nginx:1.25").build()))
                        .build());
        return api.create(BuiltinResources.PODS, "default", p);
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.metadata().name()).toList();
    }

    @Test
    void labelAndFieldSelectorsFilterLists() {
        pod("web-1", Map.of("app", "web", "tier", "front"), "node-1");
        pod("web-2", Map.of("app", "web"), "node-2");
        pod("db-1", Map.of("app", "db"), "node-1");
        assertEquals(List.of("web-1", "web-2"), names(api.list(BuiltinResources.PODS, "default",
                ListOptions.labels("app=web")).items()));
        assertEquals(List.of("db-1", "web-2"), names(api.list(BuiltinResources.PODS, "default",
                ListOptions.labels("tier notin (front)")).items()));
        assertEquals(List.of("db-1", "web-1"), names(api.list(BuiltinResources.PODS, null,
                ListOptions.fields("spec.nodeName=node-1")).items()));
        assertEquals(List.of("web-1"), names(api.list(BuiltinResources.PODS, "default",
                new ListOptions("app in (web, db),tier", "status.phase=Pending")).items()));
    }

    @Test
    void badSelectorsAreBadRequests() {
        ApiException field = assertThrows(ApiException.class,
                () -> api.list(BuiltinResources.PODS, "default", ListOptions.fields("spec.image=nginx")));
        assertEquals(400, field.code());
        assertEquals("field label not supported: spec.image", field.getMessage());
        ApiException label = assertThrows(ApiException.class,
                () -> api.list(BuiltinResources.PODS, "default", ListOptions.labels("app in web")));
        assertEquals(400, label.code());
    }

    @Test
    void aNodesWatchSeesAPodWhenItIsBoundThere() {
        List<String> seen = new ArrayList<>();
        api.watch(BuiltinResources.PODS, null, "", ListOptions.fields("spec.nodeName=node-1"),
                e -> seen.add(e.type() + " " + e.object().metadata().name()));
        pod("web-1", Map.of(), null);
        PodBinding.bind(api, io.ksim.api.core.Binding.of("default", "web-1", "node-1"));
        assertEquals(List.of("ADDED web-1"), seen);
    }

    @Test
    void deleteCollectionRemovesWhatTheSelectorMatches() {
        pod("web-1", Map.of("app", "web"), null);
        pod("web-2", Map.of("app", "web"), null);
        pod("db-1", Map.of("app", "db"), null);
        List<Pod> gone = api.deleteCollection(BuiltinResources.PODS, "default", ListOptions.labels("app=web"),
                io.ksim.apiserver.DeleteOptions.defaults());
        assertEquals(List.of("web-1", "web-2"), names(gone));
        assertEquals(List.of("db-1"), names(api.list(BuiltinResources.PODS, "default").items()));
    }
}
