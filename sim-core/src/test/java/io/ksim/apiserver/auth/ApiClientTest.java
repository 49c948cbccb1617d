package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import org.junit.jupiter.api.Test;

/** Verbs through a user's view of the API: RBAC decides, refusals carry upstream's Forbidden text. */
class ApiClientTest {

    private final Kernel kernel = Kernel.builder().seed(14).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }
    private final RbacAuthorizer rbac = new RbacAuthorizer(api);
    private final ApiClient admin = new ApiClient(api, rbac, UserInfo.admin());
    private final ApiClient bob = new ApiClient(api, rbac, UserInfo.user("bob"));

    ApiClientTest() {
        api.scheme().decodeAll("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: config-reader, namespace: default}
                rules:
                - apiGroups: [""]
                  resources: [configmaps]
                  verbs: [get, list, watch]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: bob-reads-config, namespace: default}
                subjects:
                - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
                roleRef: {kind: Role, name: config-reader, apiGroup: rbac.authorization.k8s.io}
                """).forEach(o -> api.createObject("default", o));
    }

    private static ConfigMap cm(String ns, String name) {
        return new ConfigMap(null, null, ObjectMeta.of(ns, name), null, null, null);
    }

    @Test
    void theAdminMayDoAnythingAndBobOnlyWhatHisRoleGrants() {
        admin.create(BuiltinResources.CONFIG_MAPS, "default", cm("default", "app"));
        admin.create(BuiltinResources.CONFIG_MAPS, "kube-system", cm("kube-system", "sys"));
        assertEquals(1, bob.list(BuiltinResources.CONFIG_MAPS, "default", ListOptions.everything()).items().size());
        assertEquals("app", bob.get(BuiltinResources.CONFIG_MAPS, "default", "app").metadata().name());

        ApiException list = assertThrows(ApiException.class,
                () -> bob.list(BuiltinResources.CONFIG_MAPS, "kube-system", ListOptions.everything()));
        assertEquals("Error from server (Forbidden): configmaps is forbidden: User \"bob\" cannot list resource "
                + "\"configmaps\" in API group \"\" in the namespace \"kube-system\"", list.kubectlMessage());
        ApiException create = assertThrows(ApiException.class,
                () -> bob.create(BuiltinResources.CONFIG_MAPS, "default", cm("default", "mine")));
        assertEquals(403, create.code());
        ApiException nodes = assertThrows(ApiException.class,
                () -> bob.get(BuiltinResources.NODES, null, "node-1"));
        assertEquals("nodes \"node-1\" is forbidden: User \"bob\" cannot get resource \"nodes\" in API group \"\" "
                + "at the cluster scope", nodes.getMessage());
        assertEquals("yes", rbac.canI(UserInfo.user("bob"), "list", "configmaps", "default", ""));
        assertEquals("no", rbac.canI(UserInfo.user("bob"), "delete", "configmaps", "default", ""));
    }
}
