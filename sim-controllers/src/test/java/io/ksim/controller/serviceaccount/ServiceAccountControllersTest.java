package io.ksim.controller.serviceaccount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Container;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The service account controller (serviceaccounts_controller_test.go) and the root CA publisher
 * (rootcacertpublisher/publisher_test.go) against the API server.
 */
class ServiceAccountControllersTest {

    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final ServiceAccountsController serviceAccounts = new ServiceAccountsController(kernel, api);
    private final RootCACertPublisher publisher = new RootCACertPublisher(kernel, api);

    private void run() {
        kernel.runUntil(Duration.ofNanos(kernel.nanos()).plusSeconds(5));
    }

    private void startBoth() {
        serviceAccounts.start();
        publisher.start();
        run();
    }

    private boolean hasServiceAccount(String ns, String name) {
        return !api.list(BuiltinResources.SERVICE_ACCOUNTS, ns, sa -> sa.metadata().name().equals(name)).items()
                .isEmpty();
    }

    private ConfigMap rootCA(String ns) {
        return api.get(BuiltinResources.CONFIG_MAPS, ns, RootCACertPublisher.CONFIG_MAP_NAME);
    }

    @Test
    void everySystemNamespaceGetsTheDefaultAccountAndTheRootCA() {
        startBoth();
        for (String ns : KubeApiServer.SYSTEM_NAMESPACES) {
            assertTrue(hasServiceAccount(ns, "default"), ns);
            ConfigMap cm = rootCA(ns);
            assertEquals(Map.of("ca.crt", publisher.rootCA()), cm.data());
            assertEquals(RootCACertPublisher.DESCRIPTION, cm.metadata().annotations().get("kubernetes.io/description"));
        }
        assertEquals(4, api.list(BuiltinResources.SERVICE_ACCOUNTS, null).items().size());
    }

    @Test
    void aNewNamespaceGetsBothAndThenAcceptsPods() {
        startBoth();
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team-a"));
        Pod pod = Pod.of(ObjectMeta.of("team-a", "web"), PodSpec.of(Container.of("app", "nginx:1.25")));
        ApiException early = assertThrows(ApiException.class, () -> api.create(BuiltinResources.PODS, "team-a", pod));
        assertEquals("pods \"web\" is forbidden: error looking up service account team-a/default: "
                + "serviceaccount \"default\" not found", early.getMessage());
        run();
        assertTrue(hasServiceAccount("team-a", "default"));
        assertEquals(publisher.rootCA(), rootCA("team-a").data().get("ca.crt"));
        assertEquals("default", api.create(BuiltinResources.PODS, "team-a", pod).spec().serviceAccountName());
    }

    @Test
    void aDeletedDefaultAccountIsCreatedAgain() {
        startBoth();
        ServiceAccount before = api.get(BuiltinResources.SERVICE_ACCOUNTS, "default", "default");
        api.delete(BuiltinResources.SERVICE_ACCOUNTS, "default", "default", DeleteOptions.defaults());
        assertFalse(hasServiceAccount("default", "default"));
        run();
        ServiceAccount after = api.get(BuiltinResources.SERVICE_ACCOUNTS, "default", "default");
        assertNotEquals(before.metadata().uid(), after.metadata().uid());
    }

    @Test
    void aTerminatingNamespaceGetsNothingBackAndNothingIsRetried() {
        startBoth();
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team-a"));
        run();
        api.delete(BuiltinResources.NAMESPACES, null, "team-a", DeleteOptions.defaults());
        api.delete(BuiltinResources.SERVICE_ACCOUNTS, "team-a", "default", DeleteOptions.defaults());
        api.delete(BuiltinResources.CONFIG_MAPS, "team-a", RootCACertPublisher.CONFIG_MAP_NAME,
                DeleteOptions.defaults());
        run();
        assertFalse(hasServiceAccount("team-a", "default"));
        assertThrows(ApiException.class, () -> rootCA("team-a"));
        assertTrue(kernel.trace().events().stream().noneMatch(e -> e.kind().equals("SyncFailed")),
                "the publisher's refused create is not an error");
    }

    @Test
    void aTamperedRootCAIsPutBack() {
        startBoth();
        ConfigMap cm = rootCA("default");
        TreeMap<String, String> annotations = new TreeMap<>(Map.of("team", "a"));
        api.update(BuiltinResources.CONFIG_MAPS, cm.withMetadata(cm.metadata().withAnnotations(annotations))
                .withData(new TreeMap<>(Map.of("ca.crt", "junk", "extra", "x"))));
        run();
        ConfigMap repaired = rootCA("default");
        assertEquals(Map.of("ca.crt", publisher.rootCA()), repaired.data());
        assertEquals(Map.of("team", "a", "kubernetes.io/description", RootCACertPublisher.DESCRIPTION),
                repaired.metadata().annotations());
    }

    @Test
    void otherAccountsToEnsureAreCreatedToo() {
        new ServiceAccountsController(kernel, api, List.of("default", "builder")).start();
        run();
        assertTrue(hasServiceAccount("kube-system", "builder"));
        assertTrue(hasServiceAccount("kube-system", "default"));
    }

    @Test
    void theRootCAIsAFunctionOfTheSeed() {
        String pem = publisher.rootCA();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n") && pem.endsWith("-----END CERTIFICATE-----\n"));
        List<String> body = pem.lines().skip(1).toList().subList(0, pem.lines().toList().size() - 2);
        assertTrue(body.stream().allMatch(l -> l.length() <= 64 && l.matches("[A-Za-z0-9+/=]+")));
        assertEquals(pem, FakeRootCA.pem(kernel), "a restarted publisher publishes the same CA");
        assertEquals(pem, FakeRootCA.pem(Kernel.builder().seed(5).build()));
        assertNotEquals(pem, FakeRootCA.pem(Kernel.builder().seed(6).build()));
    }

    @Test
    void sameSeedSameTrace() {
        startBoth();
        Kernel k2 = Kernel.builder().seed(5).build();
        ApiServer api2 = KubeApiServer.start(k2, MvccStore.builder(k2).build());
        new ServiceAccountsController(k2, api2).start();
        new RootCACertPublisher(k2, api2).start();
        k2.runUntil(Duration.ofSeconds(5));
        assertEquals(kernel.trace().format(), k2.trace().format());
    }
    @Test
    void aStoppedControllerCreatesNothingAndARestartedOneCatchesUp() {
        startBoth();
        serviceAccounts.stop();
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team-b"));
        run();
        assertFalse(hasServiceAccount("team-b", "default"));
        new ServiceAccountsController(kernel, api).start();
        run();
        assertTrue(hasServiceAccount("team-b", "default"));
    }
}
