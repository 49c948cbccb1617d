package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Namespace;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default policy of plugin/pkg/auth/authorizer/rbac/bootstrappolicy (policy.go and testdata/cluster-roles.yaml,
 * cluster-role-bindings.yaml) as a fresh API server holds it, judged by the RBAC authorizer.
 */
class BootstrapPolicyTest {

    private final Kernel kernel = Kernel.builder().seed(31).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final RbacAuthorizer authz = new RbacAuthorizer(api);

    {
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team-a"));
        for (String role : List.of("view", "edit", "admin")) {
            api.create(BuiltinResources.ROLE_BINDINGS, "team-a", new RoleBinding(ObjectMeta.of("team-a", role + "ers"),
                    List.of(Subject.user(role + "-user")), RoleRef.clusterRole(role)));
        }
    }

    /** {@code kubectl auth can-i} as USER, in team-a. */
    static Stream<Arguments> namespacedRoles() {
        return Stream.of(
                Arguments.of("view-user", "get", "pods", "yes"),
                Arguments.of("view-user", "list", "deployments.apps", "yes"),
                Arguments.of("view-user", "get", "pods/log", "yes"),
                Arguments.of("view-user", "create", "pods", "no"),
                Arguments.of("view-user", "get", "secrets", "no"),
                Arguments.of("view-user", "list", "rolebindings.rbac.authorization.k8s.io", "no"),
                Arguments.of("edit-user", "create", "deployments.apps", "yes"),
                Arguments.of("edit-user", "get", "secrets", "yes"),
                Arguments.of("edit-user", "create", "pods/eviction", "yes"),
                Arguments.of("edit-user", "update", "deployments.apps/scale", "yes"),
                Arguments.of("edit-user", "create", "rolebindings.rbac.authorization.k8s.io", "no"),
                Arguments.of("admin-user", "create", "rolebindings.rbac.authorization.k8s.io", "yes"),
                Arguments.of("admin-user", "delete", "roles.rbac.authorization.k8s.io", "yes"),
                Arguments.of("admin-user", "create", "deployments.apps", "yes"),
                Arguments.of("admin-user", "get", "pods", "yes"),
                Arguments.of("admin-user", "delete", "namespaces", "no"),
                Arguments.of("admin-user", "create", "resourcequotas", "no"));
    }

    @ParameterizedTest(name = "{0} can-i {1} {2} -n team-a: {3}")
    @MethodSource("namespacedRoles")
    void viewEditAndAdminGrantWhatTheyGrantOnARealCluster(String user, String verb, String resource, String answer) {
        assertEquals(answer, authz.canI(UserInfo.user(user), verb, resource, "team-a", null));
    }

    @Test
    void aNamespaceBindingGrantsNothingElsewhere() {
        assertEquals("no", authz.canI(UserInfo.user("admin-user"), "get", "pods", "default", null));
    }

    @Test
    void everyAuthenticatedUserMayDiscoverAndCheckItself() {
        UserInfo nobody = UserInfo.user("nobody");
        assertEquals("yes", authz.canI(nobody, "get", "/apis/apps/v1", null, null));
        assertEquals("yes", authz.canI(nobody, "get", "/healthz", null, null));
        assertEquals("yes", authz.canI(nobody, "create", "selfsubjectaccessreviews.authorization.k8s.io", "", null));
        assertEquals("no", authz.canI(nobody, "get", "pods", "default", null));
        UserInfo anonymous = new UserInfo("system:anonymous", List.of("system:unauthenticated"), null);
        assertEquals("yes", authz.canI(anonymous, "get", "/version", null, null));
        assertEquals("no", authz.canI(anonymous, "get", "/apis", null, null), "system:discovery is for the authenticated");
    }

    @Test
    void componentsGetTheirRoles() {
        UserInfo scheduler = UserInfo.user("system:kube-scheduler");
        assertEquals("yes", authz.canI(scheduler, "create", "pods/binding", "default", null));
        assertEquals("yes", authz.canI(scheduler, "update", "leases.coordination.k8s.io", "kube-system", "kube-scheduler"));
        assertEquals("no", authz.canI(scheduler, "update", "leases.coordination.k8s.io", "kube-system", "other"));
        UserInfo proxy = UserInfo.user("system:kube-proxy");
        assertEquals("yes", authz.canI(proxy, "watch", "endpointslices.discovery.k8s.io", "", null));
        assertEquals("no", authz.canI(proxy, "create", "pods", "default", null));
        UserInfo kcm = UserInfo.user("system:kube-controller-manager");
        assertEquals("yes", authz.canI(kcm, "create", "serviceaccounts", "team-a", null));
        assertEquals("yes", authz.canI(kcm, "list", "deployments.apps", "", null));
        assertEquals("yes", authz.canI(UserInfo.serviceAccount("kube-system", "kube-dns"), "list", "services", "", null));
        assertEquals("yes", authz.canI(UserInfo.user("someone", "system:masters"), "delete", "nodes", "", null));
    }

    @Test
    void everyObjectIsLabelledAndAnnotatedAsUpstreams() {
        List<ClusterRole> roles = api.list(BuiltinResources.CLUSTER_ROLES, null).items();
        List<ClusterRoleBinding> bindings = api.list(BuiltinResources.CLUSTER_ROLE_BINDINGS, null).items();
        assertEquals(BootstrapPolicy.v132().clusterRoles().size(), roles.size());
        assertEquals(12, bindings.size());
        Stream.concat(roles.stream().map(r -> r.metadata()), bindings.stream().map(b -> b.metadata())).forEach(m -> {
            assertEquals("rbac-defaults", m.labels().get("kubernetes.io/bootstrapping"), m.name());
            assertEquals(Map.of("rbac.authorization.kubernetes.io/autoupdate", "true"), m.annotations(), m.name());
        });
        for (String name : List.of("cluster-admin", "admin", "edit", "view", "system:aggregate-to-admin",
                "system:aggregate-to-edit", "system:aggregate-to-view", "system:basic-user", "system:discovery",
                "system:public-info-viewer", "system:node", "system:kube-scheduler", "system:kube-controller-manager",
                "system:node-proxier", "system:kube-dns")) {
            assertNotNull(api.get(BuiltinResources.CLUSTER_ROLES, null, name), name);
        }
        ClusterRoleBinding admins = api.get(BuiltinResources.CLUSTER_ROLE_BINDINGS, null, "cluster-admin");
        assertEquals(List.of(new Subject("Group", "rbac.authorization.k8s.io", "system:masters", null)), admins.subjects());
        assertEquals(List.of(), api.get(BuiltinResources.CLUSTER_ROLE_BINDINGS, null, "system:node").subjects());
        assertEquals("true", api.get(BuiltinResources.CLUSTER_ROLES, null, "edit").metadata().labels()
                .get("rbac.authorization.k8s.io/aggregate-to-admin"));
    }

    @Test
    void aggregatedRolesHoldTheirSourcesRulesInNameOrder() {
        BootstrapPolicy policy = BootstrapPolicy.v132();
        List<PolicyRule> toView = policy.clusterRole("system:aggregate-to-view").rules();
        List<PolicyRule> toEdit = policy.clusterRole("system:aggregate-to-edit").rules();
        List<PolicyRule> toAdmin = policy.clusterRole("system:aggregate-to-admin").rules();
        assertEquals(toView, policy.clusterRole("view").rules());
        assertEquals(Stream.concat(toEdit.stream(), toView.stream()).toList(), policy.clusterRole("edit").rules());
        assertEquals(Stream.of(toEdit, toView, toAdmin).flatMap(List::stream).toList(),
                policy.clusterRole("admin").rules());
        assertEquals("rbac.authorization.k8s.io/aggregate-to-view", policy.clusterRole("view").aggregationRule()
                .clusterRoleSelectors().get(0).matchLabels().firstKey());
        assertTrue(policy.clusterRole("cluster-admin").aggregationRule() == null);
    }

    @Test
    void aRuleSharedByTwoSourcesIsAggregatedOnce() {
        PolicyRule shared = PolicyRule.resources(List.of(""), List.of("pods"), List.of("get"));
        ClusterRole a = new ClusterRole(ObjectMeta.builder().name("a").labels(Map.of("agg", "true")).build(),
                List.of(shared));
        ClusterRole b = new ClusterRole(ObjectMeta.builder().name("b").labels(Map.of("agg", "true")).build(),
                List.of(shared, PolicyRule.resources(List.of(""), List.of("pods"), List.of("list"))));
        ClusterRole union = new ClusterRole(null, null, ObjectMeta.builder().name("union").build(), null,
                new io.ksim.api.rbac.AggregationRule(List.of(io.ksim.api.meta.LabelSelector.matchLabels(
                        Map.of("agg", "true")))));
        List<ClusterRole> out = BootstrapPolicy.aggregate(List.of(union, b, a));
        assertEquals(b.rules(), out.get(0).rules());
    }
}
