package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodStatus;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.policy.Eviction;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetSpec;
import io.ksim.api.policy.PodDisruptionBudget.PodDisruptionBudgetStatus;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of evictions against one PodDisruptionBudget (pkg/registry/core/pod/storage/eviction.go). */
class PodEvictionProperties {

    /**
     * Evicting ready pods one by one against a budget allowing k disruptions: exactly min(n, k) go, each recorded in
     * disruptedPods, the budget never goes below zero, and every refused pod is untouched.
     */
    @Property(tries = 40)
    void aBudgetIsNeverOverspent(@ForAll @IntRange(min = 1, max = 5) int pods, @ForAll @IntRange(max = 5) int allowed) {
        Kernel kernel = Kernel.builder().seed(pods * 10L + allowed).build();
        ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        Map<String, String> labels = Map.of("app", "web");
        for (int i = 0; i < pods; i++) {
            Pod p = api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.builder().namespace("default")
                    .name("web-" + i).labels(labels).build(), PodSpec.builder().nodeName("node-1")
                    .containers(List.of(Container.of("app", "nginx:1.25"))).build()));
            api.updateStatus(BuiltinResources.PODS, p.withStatus(PodStatus.builder().phase(PodPhase.RUNNING)
                    .conditions(List.of(new PodCondition(PodConditionType.READY, ConditionStatus.TRUE, null, null, null,
                            null))).build()));
        }
        PodDisruptionBudget pdb = api.create(BuiltinResources.POD_DISRUPTION_BUDGETS, "default",
                new PodDisruptionBudget(ObjectMeta.of("default", "web"),
                        new PodDisruptionBudgetSpec(null, LabelSelector.matchLabels(labels), null, null)));
        api.updateStatus(BuiltinResources.POD_DISRUPTION_BUDGETS, pdb.withStatus(new PodDisruptionBudgetStatus(1L,
                null, allowed, pods, pods - allowed, pods, null)));
        TreeSet<String> evicted = new TreeSet<>();
        for (int i = 0; i < pods; i++) {
            String name = "web-" + i;
            try {
                api.evict("default", name, new Eviction(ObjectMeta.of("default", name)));
                evicted.add(name);
            } catch (ApiException e) {
                assertEquals(429, e.code());
                assertEquals(null, api.get(BuiltinResources.PODS, "default", name).metadata().deletionTimestamp());
            }
        }
        PodDisruptionBudgetStatus s = api.get(BuiltinResources.POD_DISRUPTION_BUDGETS, "default", "web").status();
        assertEquals(Math.min(pods, allowed), evicted.size());
        assertEquals(allowed - evicted.size(), s.disruptionsAllowed());
        assertEquals(evicted, s.disruptedPods().keySet());
    }
}
