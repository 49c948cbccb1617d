package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Namespace;
import io.ksim.api.meta.Status;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import org.junit.jupiter.api.Test;

/** The texts of the 403 an unauthorized request gets. */
class RbacForbiddenTest {

    private static final UserInfo BOB = UserInfo.user("bob");

    private static String text(Attributes request) {
        return Forbidden.error(request, "").status().message();
    }

    @Test
    void namespacedListWithoutName() {
        assertEquals("pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace"
                + " \"default\"", text(Attributes.resource(BOB, "list", "default", "", "pods")));
    }

    @Test
    void namedObject() {
        assertEquals("pods \"web-1\" is forbidden: User \"bob\" cannot get resource \"pods\" in API group \"\" in the"
                        + " namespace \"default\"",
                text(Attributes.resource(BOB, "get", "default", "", "pods", "", "web-1")));
    }

    @Test
    void otherGroupsQualifyTheResourceBeforeTheColon() {
        assertEquals("deployments.apps \"web\" is forbidden: User \"system:serviceaccount:default:default\" cannot"
                        + " patch resource \"deployments\" in API group \"apps\" in the namespace \"default\"",
                text(Attributes.resource(UserInfo.serviceAccount("default", "default"), "patch", "default", "apps",
                        "deployments", "", "web")));
    }

    @Test
    void clusterScope() {
        assertEquals("nodes is forbidden: User \"bob\" cannot list resource \"nodes\" in API group \"\" at the cluster"
                + " scope", text(Attributes.resource(BOB, "list", "", "", "nodes")));
        assertEquals("clusterroles.rbac.authorization.k8s.io \"admin\" is forbidden: User \"bob\" cannot get resource"
                        + " \"clusterroles\" in API group \"rbac.authorization.k8s.io\" at the cluster scope",
                text(Attributes.resource(BOB, "get", "", "rbac.authorization.k8s.io", "clusterroles", "", "admin")));
    }

    @Test
    void subresource() {
        assertEquals("pods \"web-1\" is forbidden: User \"bob\" cannot get resource \"pods/log\" in API group \"\" in"
                        + " the namespace \"default\"",
                text(Attributes.resource(BOB, "get", "default", "", "pods", "log", "web-1")));
    }

    @Test
    void nonResourceUrl() {
        assertEquals("forbidden: User \"bob\" cannot get path \"/healthz\"",
                text(Attributes.nonResource(BOB, "get", "/healthz")));
    }

    @Test
    void theReasonFollowsAndTheStatusIs403Forbidden() {
        ApiException e = Forbidden.error(Attributes.resource(BOB, "list", "default", "", "pods"),
                "RBAC: role.rbac.authorization.k8s.io \"gone\" not found");
        Status status = e.status();
        assertEquals(403, e.code());
        assertEquals("Forbidden", status.reason());
        assertEquals("pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace"
                + " \"default\": RBAC: role.rbac.authorization.k8s.io \"gone\" not found", status.message());
    }

    @Test
    void checkThrowsTheDenial() {
        Kernel kernel = Kernel.builder().seed(1).build();
        ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("ns1"));
        RbacAuthorizer authz = new RbacAuthorizer(api);
        ApiException e = assertThrows(ApiException.class,
                () -> authz.check(Attributes.resource(BOB, "create", "ns1", "apps", "deployments")));
        assertEquals("deployments.apps is forbidden: User \"bob\" cannot create resource \"deployments\" in API group"
                + " \"apps\" in the namespace \"ns1\"", e.status().message());
        authz.check(Attributes.resource(UserInfo.admin(), "create", "ns1", "apps", "deployments"));
    }
}
