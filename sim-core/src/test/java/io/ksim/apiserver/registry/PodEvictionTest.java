package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.Condition;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.policy.Eviction;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetSpec;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetStatus;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases of upstream's pkg/registry/core/pod/storage/eviction_test.go (TestEviction, TestEvictionIgnorePDB, ...). */
class PodEvictionTest {

    private static final Map<String, String> WEB = Map.of("app", "web");

    private final Kernel kernel = Kernel.builder().seed(41).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        kernel.advance(Duration.ofSeconds(90));
    }

    /** A pod bound to node-1 (so that its deletion is graceful) in {@code phase}, Ready or not. */
    private Pod pod(String name, String phase, boolean ready) {
        Pod created = api.create(BuiltinResources.PODS, "default", Pod.of(
                ObjectMeta.builder().namespace("default").name(name).labels(WEB).build(),
                PodSpec.builder().nodeName("node-1").containers(List.of(Container.of("app", "nginx:1.25"))).build()));
        PodCondition readyCondition = new PodCondition(PodConditionType.READY,
                ready ? ConditionStatus.TRUE : ConditionStatus.FALSE, null, null, null, null);
        PodStatus status = PodStatus.builder().phase(phase).conditions(List.of(readyCondition)).build();
        return api.updateStatus(BuiltinResources.PODS, created.withStatus(status));
    }

    private PodDisruptionBudget pdb(String name, LabelSelector selector, String policy, long observedGeneration,
            int allowed, int currentHealthy, int desiredHealthy) {
        PodDisruptionBudget created = api.create(BuiltinResources.POD_DISRUPTION_BUDGETS, "default",
                new PodDisruptionBudget(ObjectMeta.of("default", name),
                        new PodDisruptionBudgetSpec(IntOrString.of(2), selector, null, policy)));
        return api.updateStatus(BuiltinResources.POD_DISRUPTION_BUDGETS, created.withStatus(
                new PodDisruptionBudgetStatus(observedGeneration, null, allowed, currentHealthy, desiredHealthy, 3,
                        null)));
    }

    private PodDisruptionBudget pdb(int allowed, int currentHealthy, int desiredHealthy) {
        return pdb("web-pdb", LabelSelector.matchLabels(WEB), null, 1, allowed, currentHealthy, desiredHealthy);
    }

    private void evict(String name) {
        api.evict("default", name, new Eviction(ObjectMeta.of("default", name)));
    }

    private Pod get(String name) {
        return api.get(BuiltinResources.PODS, "default", name);
    }

    private PodDisruptionBudget budget() {
        return api.get(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", "web-pdb");
    }

    private static void assertEvicted(Pod pod) {
        assertNotNull(pod.metadata().deletionTimestamp(), "marked for graceful deletion");
        PodCondition target = PodConditions.getPodCondition(pod.status(), PodConditionType.DISRUPTION_TARGET);
        assertEquals(new PodCondition("DisruptionTarget", "True", null, target.lastTransitionTime(),
                "EvictionByEvictionAPI", "Eviction API: evicting"), target);
    }

    /** canIgnorePDB: such pods go without a look at the (exhausted) budget. */
    static Stream<Arguments> podsThatIgnoreTheBudget() {
        return Stream.of(Arguments.of(PodPhase.PENDING, false), Arguments.of(PodPhase.SUCCEEDED, true),
                Arguments.of(PodPhase.FAILED, true));
    }

    /** A terminal pod has no grace period (the pod strategy's CheckGracefulDelete): it is gone at once. */
    @ParameterizedTest(name = "a {0} pod is evicted despite the budget (gone at once: {1})")
    @MethodSource("podsThatIgnoreTheBudget")
    void podsThatDisruptNothingIgnoreTheBudget(String phase, boolean goneAtOnce) {
        pod("web-1", phase, false);
        pdb(0, 1, 3);
        evict("web-1");
        if (goneAtOnce) {
            assertEquals(404, assertThrows(ApiException.class, () -> get("web-1")).code());
        } else {
            assertEvicted(get("web-1"));
        }
        assertEquals(0, budget().status().disruptionsAllowed());
        assertTrue(budget().status().disruptedPods().isEmpty());
    }

    @Test
    void aTerminatingPodIgnoresTheBudget() {
        pod("web-1", PodPhase.RUNNING, true);
        api.delete(BuiltinResources.PODS, "default", "web-1", io.ksim.apiserver.DeleteOptions.defaults());
        pdb(0, 3, 3);
        evict("web-1");
        assertTrue(budget().status().disruptedPods().isEmpty());
    }

    @Test
    void withoutABudgetTheRunningPodIsEvicted() {
        pod("web-1", PodPhase.RUNNING, true);
        evict("web-1");
        assertEvicted(get("web-1"));
        assertEquals(30L, get("web-1").metadata().deletionGracePeriodSeconds());
    }

    @Test
    void aBudgetWithDisruptionsLeftIsSpentAndRecordsThePod() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb(1, 3, 2);
        evict("web-1");
        assertEvicted(get("web-1"));
        PodDisruptionBudgetStatus s = budget().status();
        assertEquals(0, s.disruptionsAllowed());
        assertEquals(Map.of("web-1", Instant.parse("2025-01-01T00:01:30Z")), s.disruptedPods());
        assertEquals(List.of(new Condition("DisruptionAllowed", "False", 1L, Instant.parse("2025-01-01T00:01:30Z"),
                "InsufficientPods", "")), s.conditions());
    }

    @Test
    void aBudgetWithMoreLeftKeepsItsConditions() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb(2, 4, 2);
        evict("web-1");
        assertEquals(1, budget().status().disruptionsAllowed());
        assertEquals(List.of(), budget().status().conditions());
    }

    @Test
    void anExhaustedBudgetRefusesWith429AndTheDisruptionBudgetCause() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb(0, 2, 2);
        ApiException e = assertThrows(ApiException.class, () -> evict("web-1"));
        assertEquals(429, e.code());
        assertEquals("TooManyRequests", e.reason());
        assertEquals("Cannot evict pod as it would violate the pod's disruption budget.", e.getMessage());
        assertEquals(List.of(new StatusCause("DisruptionBudget",
                "The disruption budget web-pdb needs 2 healthy pods and has 2 currently", null)),
                e.status().details().causes());
        assertEquals(0, e.status().details().retryAfterSeconds());
        assertNull(get("web-1").metadata().deletionTimestamp());
        assertNull(PodConditions.getPodCondition(get("web-1").status(), PodConditionType.DISRUPTION_TARGET));
    }

    @Test
    void aBudgetWhoseStatusIsBehindItsSpecRefusesUntilProcessed() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb("web-pdb", LabelSelector.matchLabels(WEB), null, 0, 5, 5, 2);
        ApiException e = assertThrows(ApiException.class, () -> evict("web-1"));
        assertEquals(429, e.code());
        assertEquals(List.of(new StatusCause("DisruptionBudget",
                "The disruption budget web-pdb is still being processed by the server.", null)),
                e.status().details().causes());
        assertEquals(10, e.status().details().retryAfterSeconds());
    }

    @Test
    void twoBudgetsAreAnError() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb(1, 3, 2);
        pdb("other", LabelSelector.matchLabels(Map.of()), null, 1, 1, 3, 2);
        ApiException e = assertThrows(ApiException.class, () -> evict("web-1"));
        assertEquals(500, e.code());
        assertEquals("Error from server: This pod has more than one PodDisruptionBudget, which the eviction "
                + "subresource does not support.", e.kubectlMessage());
        assertNull(get("web-1").metadata().deletionTimestamp());
    }

    @Test
    void budgetsThatDoNotSelectThePodDoNotCount() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb("db", LabelSelector.matchLabels(Map.of("app", "db")), null, 1, 0, 1, 1);
        pdb("absent", null, null, 1, 0, 1, 1);
        evict("web-1");
        assertEvicted(get("web-1"));
    }

    @Test
    void aNegativeBudgetIsForbidden() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb(-1, 1, 2);
        ApiException e = assertThrows(ApiException.class, () -> evict("web-1"));
        assertEquals("poddisruptionbudget.policy \"web-pdb\" is forbidden: pdb disruptions allowed is negative",
                e.getMessage());
    }

    @Test
    void tooManyUnconfirmedEvictionsAreForbidden() {
        pod("web-1", PodPhase.RUNNING, true);
        PodDisruptionBudget pdb = pdb(5, 5, 2);
        java.util.TreeMap<String, Instant> unconfirmed = new java.util.TreeMap<>();
        for (int i = 0; i <= PodEviction.MAX_DISRUPTED_POD_SIZE; i++) {
            unconfirmed.put("gone-" + i, Instant.parse("2025-01-01T00:00:00Z"));
        }
        PodDisruptionBudgetStatus s = pdb.status();
        api.updateStatus(BuiltinResources.POD_DISRUPTION_BUDGETS, pdb.withStatus(new PodDisruptionBudgetStatus(
                s.observedGeneration(), unconfirmed, 5, 5, 2, 3, null)));
        ApiException e = assertThrows(ApiException.class, () -> evict("web-1"));
        assertEquals("poddisruptionbudget.policy \"web-pdb\" is forbidden: DisruptedPods map too big - too many "
                + "evictions not confirmed by PDB controller", e.getMessage());
    }

    /** An unready Running pod: (policy, allowed, currentHealthy, desiredHealthy) -> evicted?, allowed after. */
    static Stream<Arguments> unhealthyPods() {
        return Stream.of(
                Arguments.of(null, 0, 3, 3, true, 0),
                Arguments.of("IfHealthyBudget", 0, 3, 3, true, 0),
                Arguments.of("IfHealthyBudget", 0, 2, 3, false, 0),
                Arguments.of(null, 0, 0, 0, false, 0),
                Arguments.of("IfHealthyBudget", 1, 2, 3, true, 0),
                Arguments.of("AlwaysAllow", 0, 1, 3, true, 0),
                Arguments.of("AlwaysAllow", 2, 1, 3, true, 2));
    }

    @ParameterizedTest(name = "policy {0}, allowed {1}, healthy {2}/{3}: evicted {4}")
    @MethodSource("unhealthyPods")
    void unhealthyPodEvictionPolicy(String policy, int allowed, int current, int desired, boolean evicted,
            int allowedAfter) {
        pod("web-1", PodPhase.RUNNING, false);
        pdb("web-pdb", LabelSelector.matchLabels(WEB), policy, 1, allowed, current, desired);
        if (evicted) {
            evict("web-1");
            assertEvicted(get("web-1"));
        } else {
            assertEquals(429, assertThrows(ApiException.class, () -> evict("web-1")).code());
            assertNull(get("web-1").metadata().deletionTimestamp());
        }
        assertEquals(allowedAfter, budget().status().disruptionsAllowed());
    }

    @Test
    void theEvictionsDeleteOptionsAreHonoured() {
        pod("web-1", PodPhase.RUNNING, true);
        ObjectNode options = JsonNodeFactory.instance.objectNode().put("gracePeriodSeconds", 5);
        api.evict("default", "web-1", new Eviction(null, null, ObjectMeta.of("default", "web-1"), Opaque.of(options)));
        assertEquals(5L, get("web-1").metadata().deletionGracePeriodSeconds());

        pod("web-2", PodPhase.RUNNING, true);
        ObjectNode stale = JsonNodeFactory.instance.objectNode();
        stale.putObject("preconditions").put("resourceVersion", "1");
        ApiException e = assertThrows(ApiException.class, () -> api.evict("default", "web-2",
                new Eviction(null, null, ObjectMeta.of("default", "web-2"), Opaque.of(stale))));
        assertEquals(409, e.code());
        assertNull(get("web-2").metadata().deletionTimestamp());
    }

    @Test
    void aDryRunChangesNothing() {
        pod("web-1", PodPhase.RUNNING, true);
        pdb(1, 3, 2);
        ObjectNode options = JsonNodeFactory.instance.objectNode();
        options.putArray("dryRun").add("All");
        api.evict("default", "web-1", new Eviction(null, null, ObjectMeta.of("default", "web-1"), Opaque.of(options)));
        assertNull(get("web-1").metadata().deletionTimestamp());
        assertEquals(1, budget().status().disruptionsAllowed());
    }

    @Test
    void badRequests() {
        pod("web-1", PodPhase.RUNNING, true);
        assertEquals("name in URL does not match name in Eviction object", assertThrows(ApiException.class,
                () -> api.evict("default", "web-1", new Eviction(ObjectMeta.of("default", "web-2")))).getMessage());
        assertEquals("pods \"nope\" not found", assertThrows(ApiException.class, () -> evict("nope")).getMessage());
    }
    @Test
    void throughTheClientAnEvictionIsACreateOfPodsEviction() {
        pod("web-1", PodPhase.RUNNING, true);
        for (String role : List.of("view", "edit")) {
            api.create(BuiltinResources.ROLE_BINDINGS, "default", new io.ksim.api.rbac.RoleBinding(
                    ObjectMeta.of("default", role), List.of(io.ksim.api.rbac.Subject.user(role + "er")),
                    io.ksim.api.rbac.RoleRef.clusterRole(role)));
        }
        io.ksim.apiserver.auth.RbacAuthorizer rbac = new io.ksim.apiserver.auth.RbacAuthorizer(api);
        Eviction eviction = new Eviction(ObjectMeta.of("default", "web-1"));
        ApiException e = assertThrows(ApiException.class, () -> new io.ksim.apiserver.auth.ApiClient(api, rbac,
                io.ksim.apiserver.auth.UserInfo.user("viewer")).evict("default", "web-1", eviction));
        assertEquals("pods \"web-1\" is forbidden: User \"viewer\" cannot create resource \"pods/eviction\" in API group "
                + "\"\" in the namespace \"default\"", e.getMessage());
        new io.ksim.apiserver.auth.ApiClient(api, rbac, io.ksim.apiserver.auth.UserInfo.user("editer"))
                .evict("default", "web-1", eviction);
        assertEvicted(get("web-1"));
    }
}
