package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The impersonated user as k8s.io/apiserver's WithImpersonation filter builds it, and the API seen through
 * {@link ApiServer#authorizedBy}: one authorization per request, upstream's Forbidden texts.
 */
class ImpersonationTest {

    private final Kernel kernel = Kernel.builder().seed(15).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final RbacAuthorizer rbac = new RbacAuthorizer(api);

    ImpersonationTest() {
        api.scheme().decodeAll("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: config-patcher, namespace: default}
                rules:
                - apiGroups: [""]
                  resources: [configmaps]
                  verbs: [patch]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: bob-patches-config, namespace: default}
                subjects:
                - {kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}
                roleRef: {kind: Role, name: config-patcher, apiGroup: rbac.authorization.k8s.io}
                """).forEach(o -> api.createObject("default", o));
        api.create(BuiltinResources.CONFIG_MAPS, "default", new ConfigMap(null, null, ObjectMeta.of("default", "app"),
                null, null, null));
    }

    @Test
    void usersAndGroupsAsTheFilterBuildsThem() {
        record Case(String user, List<String> groups, List<String> want) {
        }
        List<Case> cases = List.of(
                new Case("jane", List.of(), List.of("system:authenticated")),
                new Case("jane", List.of("ops"), List.of("ops", "system:authenticated")),
                new Case("jane", List.of("system:authenticated", "ops"), List.of("system:authenticated", "ops")),
                new Case("jane", List.of("system:unauthenticated"), List.of("system:unauthenticated")),
                new Case("system:serviceaccount:dev:ci", List.of(),
                        List.of("system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated")),
                new Case("system:serviceaccount:dev:ci", List.of("ops"), List.of("ops", "system:authenticated")),
                // Not a service account's name (three parts, an invalid namespace): an ordinary user.
                new Case("system:serviceaccount:dev:ci:x", List.of(), List.of("system:authenticated")),
                new Case("system:serviceaccount:Dev:ci", List.of(), List.of("system:authenticated")),
                new Case("system:anonymous", List.of(), List.of("system:unauthenticated")));
        for (Case c : cases) {
            assertEquals(c.want(), Impersonation.user(c.user(), c.groups(), null).groups(), c.toString());
        }
        UserInfo ci = Impersonation.impersonate(rbac, UserInfo.admin(), "system:serviceaccount:dev:ci", List.of(), "42");
        assertEquals("system:serviceaccount:dev:ci", ci.name());
        assertEquals("42", ci.uid());
    }

    @Test
    void onlyWhoMayImpersonateDoes() {
        ApiException e = assertThrows(ApiException.class,
                () -> Impersonation.impersonate(rbac, UserInfo.user("bob"), "jane", List.of(), null));
        assertEquals(403, e.code());
        assertEquals("users \"jane\" is forbidden: User \"bob\" cannot impersonate resource \"users\" in API group \"\" at "
                + "the cluster scope", e.getMessage());
        ApiException sa = assertThrows(ApiException.class, () -> Impersonation.impersonate(rbac, UserInfo.user("bob"),
                "system:serviceaccount:dev:ci", List.of(), null));
        assertEquals("serviceaccounts \"ci\" is forbidden: User \"bob\" cannot impersonate resource \"serviceaccounts\" in "
                + "API group \"\" in the namespace \"dev\"", sa.getMessage());
    }

    @Test
    void aPatchIsAuthorizedAsOnePatchNotAsTheGetAndUpdateBehindIt() {
        ApiServer bob = api.authorizedBy(rbac.forUser(UserInfo.user("bob")));
        ConfigMap patched = bob.patch(BuiltinResources.CONFIG_MAPS, "default", "app", PatchType.MERGE,
                "{\"data\":{\"k\":\"v\"}}");
        assertEquals("v", patched.data().get("k"));
        ApiException get = assertThrows(ApiException.class, () -> bob.get(BuiltinResources.CONFIG_MAPS, "default", "app"));
        assertEquals("configmaps \"app\" is forbidden: User \"bob\" cannot get resource \"configmaps\" in API group \"\" "
                + "in the namespace \"default\"", get.getMessage());
        ApiException list = assertThrows(ApiException.class, () -> bob.list(BuiltinResources.CONFIG_MAPS, null));
        assertEquals("configmaps is forbidden: User \"bob\" cannot list resource \"configmaps\" in API group \"\" at the "
                + "cluster scope", list.getMessage());
        assertEquals("v", api.get(BuiltinResources.CONFIG_MAPS, "default", "app").data().get("k"));
    }
}
