package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.apps.Deployment;
import io.ksim.api.core.Container;
import io.ksim.api.core.ServiceAccount;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.PatchType;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PATCH verb with the three patch types kubectl sends. */
class PatchVerbTest {

    private final Kernel kernel = Kernel.builder().seed(13).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    PatchVerbTest() {
        api.scheme().decodeAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: nginx, image: "nginx:1.25", env: [{name: A, value: "1"}]}
                      - {name: sidecar, image: "busybox:1.36"}
                """).forEach(o -> api.createObject("default", o));
    }

    private List<Container> containers() {
        return api.get(BuiltinResources.DEPLOYMENTS, "default", "web").spec().template().spec().containers();
    }

    @Test
    void strategicMergeMergesContainersByName() {
        Deployment d = api.patch(BuiltinResources.DEPLOYMENTS, "default", "web", PatchType.STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.26\","
                        + "\"env\":[{\"name\":\"B\",\"value\":\"2\"}]}]}}}}");
        assertEquals(2L, d.metadata().generation());
        assertEquals(List.of("nginx", "sidecar"), containers().stream().map(Container::name).toList());
        assertEquals("nginx:1.26", containers().get(0).image());
        assertEquals(List.of("B", "A"), containers().get(0).env().stream().map(e -> e.name()).toList(),
                "env merged by name, new entries first as upstream");
    }

    @Test
    void mergePatchReplacesLists() {
        api.patch(BuiltinResources.DEPLOYMENTS, "default", "web", PatchType.MERGE,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"only\",\"image\":\"nginx:1.27\"}]}}}}");
        assertEquals(List.of("only"), containers().stream().map(Container::name).toList());
    }

    @Test
    void jsonPatchOperatesOnPaths() {
        Deployment d = api.patch(BuiltinResources.DEPLOYMENTS, "default", "web", PatchType.JSON,
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
        assertEquals(5, d.spec().replicas());
        ApiException failed = assertThrows(ApiException.class, () -> api.patch(BuiltinResources.DEPLOYMENTS, "default",
                "web", PatchType.JSON, "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":3}]"));
        assertEquals(422, failed.code());
    }

    @Test
    void aPatchNamingAStaleResourceVersionConflicts() {
        Deployment d = api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        api.patch(BuiltinResources.DEPLOYMENTS, "default", "web", PatchType.MERGE, "{\"spec\":{\"replicas\":3}}");
        ApiException e = assertThrows(ApiException.class, () -> api.patch(BuiltinResources.DEPLOYMENTS, "default", "web",
                PatchType.MERGE, "{\"metadata\":{\"resourceVersion\":\"" + d.metadata().resourceVersion()
                        + "\"},\"spec\":{\"replicas\":4}}"));
        assertEquals(409, e.code());
    }

    @Test
    void aPatchWithAnUnknownFieldIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> api.patch(BuiltinResources.DEPLOYMENTS, "default", "web",
                PatchType.MERGE, "{\"spec\":{\"replica\":3}}"));
        assertEquals(400, e.code());
        assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
                + "unknown field \"spec.replica\"", e.getMessage());
    }
}
