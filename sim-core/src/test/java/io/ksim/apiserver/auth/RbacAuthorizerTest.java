package io.ksim.apiserver.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Namespace;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.Role;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.apiserver.registry.KubeApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RbacAuthorizerTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
    private final RbacAuthorizer authz = new RbacAuthorizer(api);

    @BeforeEach
    void namespaces() {
        for (String ns : List.of("ns1", "ns2")) {
            api.create(BuiltinResources.NAMESPACES, null, Namespace.of(ns));
        }
        // The authorizer's own cases start from an empty policy, as upstream's rbac_test.go does; the bootstrap
        // policy has its tests in BootstrapPolicyTest.
        ListOptions bootstrap = ListOptions.labels("kubernetes.io/bootstrapping=rbac-defaults");
        api.deleteCollection(BuiltinResources.CLUSTER_ROLE_BINDINGS, null, bootstrap, DeleteOptions.defaults());
        api.deleteCollection(BuiltinResources.CLUSTER_ROLES, null, bootstrap, DeleteOptions.defaults());
    }

    private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources) {
        return PolicyRule.resources(groups, resources, verbs);
    }

    private static PolicyRule urlRule(List<String> verbs, List<String> urls) {
        return new PolicyRule(verbs, null, null, null, urls);
    }

    private void clusterRole(String name, PolicyRule... rules) {
        api.create(BuiltinResources.CLUSTER_ROLES, null, new ClusterRole(ObjectMeta.of(null, name), List.of(rules)));
    }

    private void role(String ns, String name, PolicyRule... rules) {
        api.create(BuiltinResources.ROLES, ns, new Role(ObjectMeta.of(ns, name), List.of(rules)));
    }

    private void clusterRoleBinding(String name, String role, Subject... subjects) {
        api.create(BuiltinResources.CLUSTER_ROLE_BINDINGS, null,
                new ClusterRoleBinding(ObjectMeta.of(null, name), List.of(subjects), RoleRef.clusterRole(role)));
    }

    private void roleBinding(String ns, String name, RoleRef ref, Subject... subjects) {
        api.create(BuiltinResources.ROLE_BINDINGS, ns, new RoleBinding(ObjectMeta.of(ns, name), List.of(subjects), ref));
    }

    private boolean can(UserInfo user, String verb, String ns, String group, String resource, String sub, String name) {
        return authz.allowed(Attributes.resource(user, verb, ns, group, resource, sub, name));
    }

    private boolean can(UserInfo user, String verb, String ns, String resource) {
        return can(user, verb, ns, "", resource, "", "");
    }

    @Test
    void aRoleBindingToAClusterRoleGrantsOnlyInItsNamespace() {
        // Upstream's fixture puts resources and non-resource URLs in one rule, which ValidatePolicyRule refuses
        // ("rules cannot apply to both regular resources and non-resource URLs"): two rules here.
        clusterRole("admin", new PolicyRule(List.of("*"), List.of("*"), List.of("*"), null, null),
                urlRule(List.of("*"), List.of("*")));
        roleBinding("ns1", "admin", RoleRef.clusterRole("admin"), Subject.user("admin"), Subject.group("admins"));
        UserInfo admin = UserInfo.user("admin");
        UserInfo joe = UserInfo.user("joe", "admins");
        assertTrue(can(admin, "get", "ns1", "pods"));
        assertTrue(can(admin, "watch", "ns1", "pods"));
        assertTrue(can(UserInfo.user("admin", "group1"), "watch", "ns1", "foobar"));
        assertTrue(can(joe, "watch", "ns1", "foobar"));
        assertTrue(can(UserInfo.user("joe", "group1", "admins"), "watch", "ns1", "foobar"));
        assertFalse(can(admin, "get", "ns2", "pods"));
        assertFalse(can(admin, "get", "", "nodes"));
        assertFalse(can(joe, "get", "ns2", "pods"));
        assertFalse(can(joe, "get", "", "nodes"));
        // the rule's nonResourceURLs do not reach outside the namespace either
        assertFalse(authz.allowed(Attributes.nonResource(admin, "get", "/apis")));
    }

    @Test
    void nonResourceUrlsAreGrantedByClusterRoleBindings() {
        clusterRole("non-resource-url-getter", urlRule(List.of("get"), List.of("/apis")));
        clusterRole("non-resource-url", urlRule(List.of("*"), List.of("/apis")));
        clusterRole("non-resource-url-prefix", urlRule(List.of("get"), List.of("/apis/*")));
        clusterRoleBinding("non-resource-url-getter", "non-resource-url-getter", Subject.user("foo"), Subject.group("bar"));
        clusterRoleBinding("non-resource-url", "non-resource-url", Subject.user("admin"), Subject.group("admin"));
        clusterRoleBinding("non-resource-url-prefix", "non-resource-url-prefix", Subject.user("prefixed"),
                Subject.group("prefixed"));
        record Case(UserInfo user, String verb, String path, boolean allowed) { }
        List<Case> cases = List.of(
                new Case(UserInfo.user("foo"), "get", "/apis", true),
                new Case(UserInfo.user("baz", "bar"), "get", "/apis", true),
                new Case(UserInfo.user("admin"), "get", "/apis", true),
                new Case(UserInfo.user("admin"), "watch", "/apis", true),
                new Case(UserInfo.user("baz", "admin"), "watch", "/apis", true),
                new Case(UserInfo.user("prefixed"), "get", "/apis/v1", true),
                new Case(UserInfo.user("baz", "prefixed"), "get", "/apis/v1", true),
                new Case(UserInfo.user("prefixed"), "get", "/apis/v1/foobar", true),
                new Case(UserInfo.user("foo"), "watch", "/apis", false),
                new Case(UserInfo.user("baz", "bar"), "watch", "/apis", false),
                new Case(UserInfo.user("foo"), "get", "/apis/v1", false),
                new Case(UserInfo.user("prefixed"), "get", "/apis", false),
                new Case(UserInfo.user("prefixed"), "get", "/api/v1", false),
                new Case(UserInfo.user("nobody"), "get", "/apis", false));
        for (Case c : cases) {
            assertEquals(c.allowed(), authz.allowed(Attributes.nonResource(c.user(), c.verb(), c.path())), c.toString());
        }
    }

    @Test
    void nonResourceUrlsInARoleBindingGrantNothing() {
        clusterRole("healthz", urlRule(List.of("get"), List.of("/healthz")));
        roleBinding("ns1", "healthz", RoleRef.clusterRole("healthz"), Subject.user("bob"));
        assertFalse(authz.allowed(Attributes.nonResource(UserInfo.user("bob"), "get", "/healthz")));
    }

    @Test
    void subresourcesNeedTheirOwnRules() {
        clusterRole("pods-only", rule(List.of("*"), List.of("*"), List.of("pods")));
        clusterRole("status-and-scale", rule(List.of("*"), List.of("*"), List.of("pods/status")),
                rule(List.of("*"), List.of("*"), List.of("*/scale")));
        roleBinding("ns1", "a", RoleRef.clusterRole("pods-only"), Subject.user("a"));
        roleBinding("ns1", "b", RoleRef.clusterRole("status-and-scale"), Subject.user("b"));
        UserInfo a = UserInfo.user("a");
        UserInfo b = UserInfo.user("b");
        assertTrue(can(a, "get", "ns1", "", "pods", "", ""));
        assertFalse(can(a, "get", "ns1", "", "pods", "status", ""));
        assertTrue(can(b, "get", "ns1", "", "pods", "status", ""));
        assertTrue(can(b, "get", "ns1", "", "pods", "scale", ""));
        assertTrue(can(b, "get", "ns1", "apps", "deployments", "scale", ""));
        assertFalse(can(b, "get", "ns1", "", "pods", "", ""));
        assertFalse(can(b, "get", "ns1", "", "pods", "verify", ""));
    }

    @Test
    void aRoleGrantsInItsNamespaceAndResourceNamesNarrowIt() {
        role("ns1", "log-reader", rule(List.of("get"), List.of(""), List.of("pods/log")),
                new PolicyRule(List.of("get", "update"), List.of("apps"), List.of("deployments"), List.of("web"), null));
        roleBinding("ns1", "log-reader", RoleRef.role("log-reader"), Subject.user("bob"));
        UserInfo bob = UserInfo.user("bob");
        assertTrue(can(bob, "get", "ns1", "", "pods", "log", "web-1"));
        assertFalse(can(bob, "list", "ns1", "", "pods", "log", ""));
        assertFalse(can(bob, "get", "ns1", "", "pods", "", "web-1"));
        assertTrue(can(bob, "update", "ns1", "apps", "deployments", "", "web"));
        assertFalse(can(bob, "update", "ns1", "apps", "deployments", "", "api"));
        assertFalse(can(bob, "list", "ns1", "apps", "deployments", "", ""));
        assertFalse(can(bob, "get", "ns1", "extensions", "deployments", "", "web"));
        assertFalse(can(bob, "get", "ns2", "", "pods", "log", "web-1"));
    }

    @Test
    void aClusterRoleBindingGrantsEverywhere() {
        clusterRole("view", rule(List.of("get", "list", "watch"), List.of("", "apps"), List.of("pods", "deployments")));
        clusterRoleBinding("viewers", "view", Subject.group("viewers"));
        UserInfo carol = UserInfo.user("carol", "viewers");
        assertTrue(can(carol, "list", "ns1", "pods"));
        assertTrue(can(carol, "list", "ns2", "pods"));
        assertTrue(can(carol, "list", "", "pods"));
        assertTrue(can(carol, "watch", "", "apps", "deployments", "", ""));
        assertFalse(can(carol, "delete", "ns1", "pods"));
        assertFalse(can(UserInfo.user("dave"), "list", "ns1", "pods"));
    }

    @Test
    void serviceAccountSubjectsAndGroups() {
        clusterRole("pod-reader", rule(List.of("get", "list"), List.of(""), List.of("pods")));
        clusterRole("secret-reader", rule(List.of("get"), List.of(""), List.of("secrets")));
        clusterRole("cm-reader", rule(List.of("get"), List.of(""), List.of("configmaps")));
        // a ServiceAccount subject without namespace means the binding's own
        roleBinding("ns1", "sa-local", RoleRef.clusterRole("pod-reader"), new Subject(Subject.SERVICE_ACCOUNT, "", "robot", null));
        roleBinding("ns2", "sa-remote", RoleRef.clusterRole("pod-reader"), Subject.serviceAccount("ns1", "robot"));
        roleBinding("ns1", "all-sas-of-ns1", RoleRef.clusterRole("secret-reader"), Subject.group("system:serviceaccounts:ns1"));
        clusterRoleBinding("all-sas", "cm-reader", Subject.group("system:serviceaccounts"));
        // a ServiceAccount subject of a ClusterRoleBinding without namespace matches nobody
        clusterRoleBinding("sa-no-ns", "pod-reader", new Subject(Subject.SERVICE_ACCOUNT, "", "robot", null));
        UserInfo robot = UserInfo.serviceAccount("ns1", "robot");
        UserInfo other = UserInfo.serviceAccount("ns2", "robot");
        assertEquals("system:serviceaccount:ns1:robot", robot.name());
        assertEquals(List.of("system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"), robot.groups());
        assertTrue(can(robot, "list", "ns1", "pods"));
        assertTrue(can(robot, "list", "ns2", "pods"));
        assertFalse(can(robot, "list", "", "pods"));
        assertFalse(can(other, "list", "ns2", "pods"));
        assertTrue(can(robot, "get", "ns1", "secrets"));
        assertFalse(can(other, "get", "ns1", "secrets"));
        assertTrue(can(other, "get", "ns2", "configmaps"));
        assertFalse(can(UserInfo.user("system:serviceaccount:ns1:robot"), "get", "ns1", "configmaps"));
        // a user named like the service account is that service account to RBAC
        assertTrue(can(UserInfo.user("system:serviceaccount:ns1:robot"), "list", "ns1", "pods"));
    }

    @Test
    void theAuthenticatedGroup() {
        clusterRole("discovery", urlRule(List.of("get"), List.of("/api", "/api/*", "/apis", "/apis/*")));
        clusterRoleBinding("discovery", "discovery", Subject.group("system:authenticated"));
        assertTrue(authz.allowed(Attributes.nonResource(UserInfo.user("anyone"), "get", "/api/v1")));
        assertFalse(authz.allowed(Attributes.nonResource(new UserInfo("anon", List.of(), null), "get", "/api/v1")));
    }

    @Test
    void systemMastersIsAllowedEverythingWithoutRoles() {
        UserInfo admin = UserInfo.admin();
        assertEquals("kubernetes-admin", admin.name());
        assertEquals(List.of("system:masters", "system:authenticated"), admin.groups());
        assertEquals(Decision.allow(""), authz.authorize(Attributes.resource(admin, "delete", "", "", "nodes")));
        assertTrue(authz.allowed(Attributes.nonResource(admin, "get", "/healthz")));
        assertTrue(can(UserInfo.user("x", "system:masters"), "escalate", "ns1", "rbac.authorization.k8s.io", "roles", "", ""));
        assertFalse(authz.authorizeByRules(Attributes.resource(admin, "delete", "", "", "nodes")).allowed());
    }

    @Test
    void reasonsNameTheGrantingBindingOrTheMissingRoles() {
        clusterRole("view", rule(List.of("get"), List.of(""), List.of("pods")));
        clusterRoleBinding("viewers", "view", Subject.group("viewers"), Subject.user("bob"));
        roleBinding("ns1", "robots", RoleRef.clusterRole("view"), Subject.user("x"),
                new Subject(Subject.SERVICE_ACCOUNT, "", "robot", null));
        assertEquals("RBAC: allowed by ClusterRoleBinding \"viewers\" of ClusterRole \"view\" to User \"bob\"",
                authz.authorize(Attributes.resource(UserInfo.user("bob"), "get", "ns1", "", "pods")).reason());
        assertEquals("RBAC: allowed by RoleBinding \"robots/ns1\" of ClusterRole \"view\" to ServiceAccount \"robot/ns1\"",
                authz.authorize(Attributes.resource(UserInfo.serviceAccount("ns1", "robot"), "get", "ns1", "", "pods"))
                        .reason());
        assertEquals(Decision.deny(""), authz.authorize(Attributes.resource(UserInfo.user("bob"), "list", "ns1", "", "pods")));

        roleBinding("ns2", "gone-role", RoleRef.role("gone"), Subject.user("eve"));
        clusterRoleBinding("gone-cluster-role", "gone", Subject.user("eve"));
        assertEquals(Decision.deny("RBAC: [clusterrole.rbac.authorization.k8s.io \"gone\" not found, "
                        + "role.rbac.authorization.k8s.io \"gone\" not found]"),
                authz.authorize(Attributes.resource(UserInfo.user("eve"), "get", "ns2", "", "pods")));
        assertEquals(Decision.deny("RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"),
                authz.authorize(Attributes.resource(UserInfo.user("eve"), "get", "", "", "nodes")));
    }

    @Test
    void canIAnswersAsKubectl() {
        role("ns1", "log-reader", rule(List.of("get"), List.of(""), List.of("pods", "pods/log")),
                rule(List.of("list"), List.of("apps"), List.of("deployments")),
                rule(List.of("update"), List.of("apps"), List.of("deployments/scale")));
        roleBinding("ns1", "log-reader", RoleRef.role("log-reader"), Subject.user("bob"));
        UserInfo bob = UserInfo.user("bob");
        assertEquals("yes", authz.canI(bob, "get", "pods", "ns1", null));
        assertEquals("yes", authz.canI(bob, "get", "pods/log", "ns1", "web-1"));
        assertEquals("yes", authz.canI(bob, "list", "deployments.apps", "ns1", null));
        assertEquals("yes", authz.canI(bob, "list", "Deployments.Apps", "ns1", null));
        assertEquals("yes", authz.canI(bob, "update", "deployments.apps/scale", "ns1", "web"));
        assertEquals("no", authz.canI(bob, "list", "deployments", "ns1", null));
        assertEquals("no", authz.canI(bob, "get", "pods", "ns2", null));
        assertEquals("no", authz.canI(bob, "get", "/healthz", null, null));
        assertEquals("yes", authz.canI(UserInfo.admin(), "*", "*", null, null));
        roleBinding("ns2", "broken", RoleRef.role("missing"), Subject.user("bob"));
        assertEquals("no - RBAC: role.rbac.authorization.k8s.io \"missing\" not found",
                authz.canI(bob, "get", "pods", "ns2", null));
    }
}
