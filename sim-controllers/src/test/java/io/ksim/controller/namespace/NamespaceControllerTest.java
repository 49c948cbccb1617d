package io.ksim.controller.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Namespace.NamespaceCondition;
import io.ksim.api.core.Namespace.NamespaceStatus;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.controller.garbagecollector.GarbageCollector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Namespace deletion as upstream's namespace controller does it (pkg/controller/namespace/deletion). */
class NamespaceControllerTest {

    private final TestCluster cluster = new TestCluster(41, 2);

    NamespaceControllerTest() {
        cluster.manager.register(GarbageCollector.NAME, GarbageCollector::new);
        cluster.manager.register(NamespaceController.NAME, NamespaceController::new);
        cluster.manager.start(GarbageCollector.NAME);
        cluster.manager.start(NamespaceController.NAME);
        cluster.api.create(BuiltinResources.NAMESPACES, null, new Namespace(null, null, ObjectMeta.of(null, "shop"),
                null, null));
        cluster.api.create(BuiltinResources.SERVICE_ACCOUNTS, "shop", ServiceAccount.of("shop", "default"));
    }

    private Namespace shop() {
        try {
            return cluster.api.get(BuiltinResources.NAMESPACES, null, "shop");
        } catch (ApiException e) {
            return null;
        }
    }

    private static NamespaceCondition condition(Namespace ns, String type) {
        return ns.status().conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.DEPLOYMENTS, "shop", new Deployment(ObjectMeta.of("shop", "web"),
                new DeploymentSpec(2, LabelSelector.matchLabels(labels), TestCluster.template(labels, "stubborn:1"),
                        null, null, null, null, null)));
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "shop",
                new ConfigMap(null, null, ObjectMeta.of("shop", "settings"), null, null, null));
        cluster.run(20);
        assertEquals(2, cluster.pods("shop").size());

        cluster.api.delete(BuiltinResources.NAMESPACES, null, "shop", DeleteOptions.defaults());
        Namespace ns = shop();
        assertEquals(NamespaceStatus.TERMINATING, ns.status().phase());
        assertEquals(List.of("kubernetes"), ns.spec().finalizers());
        boolean sawContentRemaining = false;
        for (int i = 0; i < 120 && shop() != null; i++) {
            cluster.run(0.5);
            Namespace now = shop();
            if (now != null && !now.status().conditions().isEmpty()) {
                NamespaceCondition c = condition(now, NamespaceCondition.CONTENT_REMAINING);
                if (c.status().equals("True")) {
                    sawContentRemaining = true;
                    assertTrue(c.message().startsWith("Some resources are remaining: "), c.message());
                    assertEquals("SomeResourcesRemain", c.reason());
                }
                NamespaceCondition discovery = condition(now, NamespaceCondition.DELETION_DISCOVERY_FAILURE);
                assertEquals("False", discovery.status());
                assertEquals("ResourcesDiscovered", discovery.reason());
                assertEquals("All resources successfully discovered", discovery.message());
            }
        }
        assertEquals(null, shop(), "the namespace is gone");
        assertTrue(sawContentRemaining, "pods in their grace period keep the namespace Terminating for a while");
        assertTrue(cluster.pods("shop").isEmpty());
        assertTrue(cluster.api.list(BuiltinResources.CONFIG_MAPS, "shop").items().isEmpty());
        assertTrue(cluster.api.list(BuiltinResources.DEPLOYMENTS, "shop").items().isEmpty());
        assertTrue(cluster.api.list(BuiltinResources.REPLICA_SETS, "shop").items().isEmpty());
    }

    @Test
    void anObjectHeldByAFinalizerKeepsTheNamespaceAndIsNamedInTheConditions() {
        cluster.api.create(BuiltinResources.CONFIG_MAPS, "shop", new ConfigMap(null, null,
                ObjectMeta.builder().namespace("shop").name("held").finalizers(List.of("example.com/hold")).build(),
                null, null, null));
        cluster.api.delete(BuiltinResources.NAMESPACES, null, "shop", DeleteOptions.defaults());
        cluster.run(30);
        Namespace ns = shop();
        NamespaceCondition remaining = condition(ns, NamespaceCondition.CONTENT_REMAINING);
        assertEquals("True", remaining.status());
        assertEquals("Some resources are remaining: configmaps. has 1 resource instances", remaining.message());
        NamespaceCondition finalizers = condition(ns, NamespaceCondition.FINALIZERS_REMAINING);
        assertEquals("True", finalizers.status());
        assertEquals("SomeFinalizersRemain", finalizers.reason());
        assertEquals("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances",
                finalizers.message());

        ConfigMap held = cluster.api.get(BuiltinResources.CONFIG_MAPS, "shop", "held");
        cluster.api.update(BuiltinResources.CONFIG_MAPS,
                held.withMetadata(held.metadata().toBuilder().finalizers(List.of()).build()));
        cluster.run(30);
        assertEquals(null, shop());
    }
}
