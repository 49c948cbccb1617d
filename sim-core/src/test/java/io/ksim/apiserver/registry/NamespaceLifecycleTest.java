package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Namespace;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceLifecycleTest {

    private final Kernel kernel = Kernel.builder().seed(4).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private ConfigMap configMap(String ns, String name) {
        return new ConfigMap(null, null, ObjectMeta.of(ns, name), null, null, null);
    }

    @Test
    void aNewClusterHasTheSystemNamespaces() {
        assertEquals(List.of("default", "kube-node-lease", "kube-public", "kube-system"),
                api.list(BuiltinResources.NAMESPACES, null).items().stream().map(n -> n.metadata().name()).toList());
        // kube-apiserver's recommended order for the plugins ksim models (ResourceQuota last among them)
        assertEquals(List.of("NamespaceLifecycle", "LimitRanger", "ServiceAccount", "Priority", "DefaultTolerationSeconds",
                "DefaultStorageClass", "StorageObjectInUseProtection", "ResourceQuota"), api.admissionPlugins().stream().map(p -> p.name()).toList());
    }

    @Test
    void noContentInAMissingNamespace() {
        ApiException e = assertThrows(ApiException.class,
                () -> api.create(BuiltinResources.CONFIG_MAPS, "nope", configMap("nope", "cfg")));
        assertEquals("Error from server (NotFound): namespaces \"nope\" not found", e.kubectlMessage());
    }

    @Test
    void aDeletedNamespaceTerminatesAndRefusesNewContent() {
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team-a"));
        api.create(BuiltinResources.CONFIG_MAPS, "team-a", configMap("team-a", "one"));
        Namespace ns = api.delete(BuiltinResources.NAMESPACES, null, "team-a", DeleteOptions.defaults());
        assertEquals("Terminating", ns.status().phase());
        assertEquals(List.of("kubernetes"), ns.spec().finalizers(), "held until the namespace controller finishes");
        assertEquals("Terminating", api.get(BuiltinResources.NAMESPACES, null, "team-a").status().phase());
        ApiException e = assertThrows(ApiException.class,
                () -> api.create(BuiltinResources.CONFIG_MAPS, "team-a", configMap("team-a", "two")));
        assertEquals("Error from server (Forbidden): configmaps \"two\" is forbidden: unable to create new content in "
                + "namespace team-a because it is being terminated", e.kubectlMessage());
    }

    @Test
    void systemNamespacesMayNotBeDeleted() {
        ApiException e = assertThrows(ApiException.class,
                () -> api.delete(BuiltinResources.NAMESPACES, null, "kube-system", DeleteOptions.defaults()));
        assertEquals("Error from server (Forbidden): namespaces \"kube-system\" is forbidden: this namespace may not be deleted",
                e.kubectlMessage());
    }
}
