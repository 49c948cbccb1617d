package io.ksim.apiserver.registry;

import static io.ksim.apiserver.registry.LimitRangerTest.container;
import static io.ksim.apiserver.registry.LimitRangerTest.list;
import static io.ksim.apiserver.registry.LimitRangerTest.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.LimitRange.LimitRangeItem;
import io.ksim.api.core.LimitRange.LimitRangeSpec;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.ResourceQuota.ResourceQuotaSpec;
import io.ksim.api.core.ResourceQuota.ResourceQuotaStatus;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Cases after upstream's resourcequota admission_test.go, through the API server's admission chain. */
class ResourceQuotaAdmissionTest {

    private final Kernel kernel = Kernel.builder().seed(12).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    /** Creates a quota and syncs it, as the resource quota controller does soon after. */
    private void quota(String name, SortedMap<String, Quantity> hard, String... scopes) {
        api.create(BuiltinResources.RESOURCE_QUOTAS, "default", new ResourceQuota(null, null,
                ObjectMeta.of("default", name), new ResourceQuotaSpec(hard, List.of(scopes), null), null));
        syncQuotas();
    }

    /** The resource quota controller's full recalculation of every quota in "default" (it lives in sim-controllers). */
    private void syncQuotas() {
        for (ResourceQuota q : api.list(BuiltinResources.RESOURCE_QUOTAS, "default").items()) {
            SortedMap<String, Quantity> used = QuotaUsage.calculateUsage(q, BuiltinResources.ALL,
                    t -> t.namespaced() ? api.list(t, "default").items() : List.of(), kernel.instant());
            api.updateStatus(BuiltinResources.RESOURCE_QUOTAS, q.withStatus(new ResourceQuotaStatus(q.spec().hard(),
                    used)));
        }
    }

    private Pod create(Pod p) {
        return api.create(BuiltinResources.PODS, "default", p);
    }

    private <T extends KubeObject> String refusal(ResourceType<T> type, T obj) {
        ApiException e = assertThrows(ApiException.class, () -> api.create(type, "default", obj));
        assertEquals(403, e.code());
        return e.getMessage();
    }

    private static Pod plain(String name) {
        return pod(name, container("app", null, null));
    }

    @Test
    void aQuotaOfTwoPodsRefusesTheThird() {
        quota("pod-count", list("pods", "2"));
        create(plain("a"));
        create(plain("b"));
        assertEquals("pods \"c\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2,"
                + " limited: pods=2", refusal(BuiltinResources.PODS, plain("c")));
    }

    @Test
    void computeResourcesQuotaRefusesWhatGoesOverALimit() {
        quota("compute-resources", list("limits.cpu", "1", "limits.memory", "2Gi", "requests.cpu", "2",
                "requests.memory", "2Gi"));
        create(pod("first", container("app", list("cpu", "1", "memory", "512Mi"), null)));
        assertEquals("pods \"second\" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=500m,"
                + " used: limits.cpu=1, limited: limits.cpu=1",
                refusal(BuiltinResources.PODS, pod("second", container("app", list("cpu", "500m", "memory", "512Mi"),
                        null))));
    }

    @Test
    void everyExceededResourceIsListedInNameOrder() {
        quota("compute-resources", list("cpu", "1", "memory", "1Gi", "pods", "10"));
        assertEquals("pods \"huge\" is forbidden: exceeded quota: compute-resources, requested: cpu=2,memory=2Gi,"
                + " used: cpu=0,memory=0, limited: cpu=1,memory=1Gi",
                refusal(BuiltinResources.PODS, pod("huge", container("app", null, list("cpu", "2", "memory", "2Gi")))));
    }

    @Test
    void aQuotaOnCpuNeedsEveryContainerToStateIt() {
        quota("compute-resources", list("limits.cpu", "4"));
        assertEquals("pods \"bare\" is forbidden: failed quota: compute-resources: must specify limits.cpu for: app",
                refusal(BuiltinResources.PODS, plain("bare")));
    }

    @Test
    void missingResourcesAreListedPerResourceWithTheirContainers() {
        quota("compute-resources", list("limits.cpu", "4", "requests.memory", "4Gi"));
        Pod p = pod("two", container("app", list("cpu", "1"), null), container("side", null, null));
        assertEquals("pods \"two\" is forbidden: failed quota: compute-resources: must specify limits.cpu for: side;"
                + " requests.memory for: app,side", refusal(BuiltinResources.PODS, p));
    }

    @Test
    void limitRangeDefaultsSatisfyTheQuota() {
        api.create(BuiltinResources.LIMIT_RANGES, "default", new LimitRange(null, null,
                ObjectMeta.of("default", "defaults"), new LimitRangeSpec(List.of(new LimitRangeItem("Container",
                        null, null, list("cpu", "500m"), list("cpu", "250m"), null)))));
        quota("compute-resources", list("limits.cpu", "1", "requests.cpu", "1"));
        create(plain("a"));
        create(plain("b"));
        assertEquals("pods \"c\" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=500m,"
                + " used: limits.cpu=1, limited: limits.cpu=1", refusal(BuiltinResources.PODS, plain("c")));
    }

    @Test
    void terminalPodsAreNotCountedButStillCountAsObjects() {
        quota("pod-count", list("pods", "1"));
        Pod done = create(plain("done"));
        api.updateStatus(BuiltinResources.PODS, done.withStatus(done.status().toBuilder().phase(PodPhase.SUCCEEDED)
                .build()));
        syncQuotas();
        Pod failed = create(plain("failed"));
        api.updateStatus(BuiltinResources.PODS, failed.withStatus(failed.status().toBuilder().phase(PodPhase.FAILED)
                .build()));
        syncQuotas();
        create(plain("running"));
        assertEquals("pods \"more\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=1,"
                + " limited: pods=1", refusal(BuiltinResources.PODS, plain("more")));

        quota("objects", list("count/pods", "3"));
        assertEquals("pods \"more\" is forbidden: exceeded quota: objects, requested: count/pods=1,"
                + " used: count/pods=3, limited: count/pods=3", refusal(BuiltinResources.PODS, plain("more")));
    }

    @Test
    void podsInOtherNamespacesAreNotCounted() {
        api.create(BuiltinResources.NAMESPACES, null, Namespace.of("other"));
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "other", ServiceAccount.of("other", "default"));
        api.create(BuiltinResources.PODS, "other", Pod.of(ObjectMeta.of("other", "elsewhere"),
                plain("x").spec()));
        quota("pod-count", list("pods", "1"));
        create(plain("here"));
    }

    @Test
    void scopedQuotasChargeOnlyThePodsInScope() {
        quota("best-effort", list("pods", "1"), ResourceQuota.SCOPE_BEST_EFFORT);
        create(plain("a"));
        create(pod("burstable", container("app", null, list("cpu", "100m"))));
        assertEquals("pods \"b\" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1,"
                + " limited: pods=1", refusal(BuiltinResources.PODS, plain("b")));
    }

    @Test
    void objectCountsUseTheCountNameAndTheLegacyName() {
        quota("objects", list("configmaps", "1", "count/configmaps", "2"));
        api.create(BuiltinResources.CONFIG_MAPS, "default", configMap("one"));
        assertEquals("configmaps \"two\" is forbidden: exceeded quota: objects, requested: configmaps=1,"
                + " used: configmaps=1, limited: configmaps=1",
                refusal(BuiltinResources.CONFIG_MAPS, configMap("two")));
    }

    @Test
    void objectsTheQuotaDoesNotNameAreAdmitted() {
        quota("pod-count", list("pods", "0"));
        api.create(BuiltinResources.CONFIG_MAPS, "default", configMap("fine"));
        assertEquals("pods \"p\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=0,"
                + " limited: pods=0", refusal(BuiltinResources.PODS, plain("p")));
    }

    @Test
    void anAdmittedCreateAddsItsUsageToTheQuotaStatusInTheSameRequest() {
        quota("compute", list("pods", "4", "requests.cpu", "2", "count/configmaps", "5"));
        create(pod("a", container("app", null, list("cpu", "500m"))));
        create(pod("b", container("app", null, list("cpu", "250m"))));
        ResourceQuota q = api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "compute");
        assertEquals(list("count/configmaps", "5", "pods", "4", "requests.cpu", "2"), q.status().hard());
        assertEquals(list("count/configmaps", "0", "pods", "2", "requests.cpu", "750m"), q.status().used());
    }

    @Test
    void aRefusedCreateChangesNoStatus() {
        quota("pod-count", list("pods", "1", "requests.cpu", "1"));
        create(pod("a", container("app", null, list("cpu", "500m"))));
        String before = api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "pod-count").metadata().resourceVersion();
        refusal(BuiltinResources.PODS, pod("b", container("app", null, list("cpu", "100m"))));
        ResourceQuota q = api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "pod-count");
        assertEquals(before, q.metadata().resourceVersion());
        assertEquals(list("pods", "1", "requests.cpu", "500m"), q.status().used());
    }

    @Test
    void aCreateThatFailsValidationIsNotCharged() {
        quota("pod-count", list("pods", "2"));
        ApiException e = assertThrows(ApiException.class, () -> create(pod("Bad_Name", container("app", null, null))));
        assertEquals(422, e.code());
        assertEquals(list("pods", "0"), api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "pod-count").status().used());
    }

    @Test
    void aQuotaItsControllerHasNotSyncedConstrainsNothing() {
        // Upstream matches a quota by status.hard, which only the resource quota controller fills in.
        api.create(BuiltinResources.RESOURCE_QUOTAS, "default", new ResourceQuota(null, null,
                ObjectMeta.of("default", "new"), new ResourceQuotaSpec(list("pods", "0"), null, null), null));
        create(plain("a"));
        ResourceQuota q = api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "new");
        assertEquals(List.of(), List.copyOf(q.status().used().keySet()));
        syncQuotas();
        assertEquals("pods \"b\" is forbidden: exceeded quota: new, requested: pods=1, used: pods=1, limited: pods=0",
                refusal(BuiltinResources.PODS, plain("b")));
    }

    @Test
    void aLimitWithoutAUsedAmountIsStatusUnknown() {
        quota("compute", list("pods", "4"));
        ResourceQuota q = api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "compute");
        api.updateStatus(BuiltinResources.RESOURCE_QUOTAS, q.withStatus(new ResourceQuotaStatus(
                list("count/pods", "4", "pods", "4"), list("pods", "0"))));
        assertEquals("pods \"a\" is forbidden: status unknown for quota: compute, resources: count/pods,pods",
                refusal(BuiltinResources.PODS, plain("a")));
        api.create(BuiltinResources.CONFIG_MAPS, "default", configMap("unrelated"));
    }

    @Test
    void theStatusNotTheSpecIsWhatAdmissionChecks() {
        quota("pod-count", list("pods", "1"));
        ResourceQuota q = api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "pod-count");
        // A raised limit counts once the controller has copied it to status.hard.
        api.update(BuiltinResources.RESOURCE_QUOTAS, q.withSpec(new ResourceQuotaSpec(list("pods", "2"), null, null)));
        create(plain("a"));
        refusal(BuiltinResources.PODS, plain("b"));
        syncQuotas();
        create(plain("b"));
    }

    @Test
    void aServiceUpdateIsChargedWhatItAdds() {
        quota("services", list("services", "2", "services.nodeports", "1"));
        service("web", "ports: [{name: a, port: 80}, {name: b, port: 81}]");
        service("one", "ports: [{port: 80}]");
        ApiException e = assertThrows(ApiException.class, () -> api.patch(BuiltinResources.SERVICES, "default", "web",
                PatchType.MERGE, "{\"spec\":{\"type\":\"NodePort\"}}"));
        assertEquals("services \"web\" is forbidden: exceeded quota: services, requested: services.nodeports=2,"
                + " used: services.nodeports=0, limited: services.nodeports=1", e.getMessage());
        api.patch(BuiltinResources.SERVICES, "default", "one", PatchType.MERGE, "{\"spec\":{\"type\":\"NodePort\"}}");
        assertEquals(list("services", "2", "services.nodeports", "1"),
                api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "services").status().used());
        // A label changes no usage: nothing is charged twice.
        api.patch(BuiltinResources.SERVICES, "default", "one", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        assertEquals(list("services", "2", "services.nodeports", "1"),
                api.get(BuiltinResources.RESOURCE_QUOTAS, "default", "services").status().used());
    }

    private void service(String name, String spec) {
        api.createObject("default", api.scheme().decodeAll("apiVersion: v1\nkind: Service\nmetadata: {name: " + name
                + "}\nspec:\n" + spec.indent(2)).get(0));
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMap(null, null, ObjectMeta.of("default", name), null, null, null);
    }
}
