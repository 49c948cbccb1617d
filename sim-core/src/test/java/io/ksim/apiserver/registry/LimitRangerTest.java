package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.core.Container;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.LimitRange.LimitRangeItem;
import io.ksim.api.core.LimitRange.LimitRangeSpec;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** Cases after upstream's limitranger admission_test.go, through the API server's admission chain. */
class LimitRangerTest {

    private final Kernel kernel = Kernel.builder().seed(11).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    static SortedMap<String, Quantity> list(String... kv) {
        ImmutableSortedMap.Builder<String, Quantity> b = ImmutableSortedMap.naturalOrder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put(kv[i], Quantity.parse(kv[i + 1]));
        }
        return b.build();
    }

    static Container container(String name, SortedMap<String, Quantity> limits, SortedMap<String, Quantity> requests) {
        return Container.builder().name(name).image("nginx:1.25")
                .resources(new ResourceRequirements(limits, requests, null)).build();
    }

    static Pod pod(String name, Container... containers) {
        return Pod.of(ObjectMeta.of("default", name), PodSpec.builder().containers(List.of(containers)).build());
    }

    private void limitRange(String name, LimitRangeItem... items) {
        api.create(BuiltinResources.LIMIT_RANGES, "default",
                new LimitRange(null, null, ObjectMeta.of("default", name), new LimitRangeSpec(List.of(items))));
    }

    private static LimitRangeItem item(String type, SortedMap<String, Quantity> max, SortedMap<String, Quantity> min,
            SortedMap<String, Quantity> defaultLimit, SortedMap<String, Quantity> defaultRequest,
            SortedMap<String, Quantity> ratio) {
        return new LimitRangeItem(type, max, min, defaultLimit, defaultRequest, ratio);
    }

    private String refusal(Pod pod) {
        return assertThrows(ApiException.class, () -> api.create(BuiltinResources.PODS, "default", pod)).getMessage();
    }

    @Test
    void containersWithoutResourcesGetTheDefaultsAndAnAnnotation() {
        limitRange("defaults", item("Container", null, null, list("cpu", "500m", "memory", "256Mi"),
                list("cpu", "100m", "memory", "128Mi"), null));
        Pod created = api.create(BuiltinResources.PODS, "default", pod("web", container("app", null, null)));
        ResourceRequirements r = created.spec().containers().get(0).resources();
        assertEquals(list("cpu", "500m", "memory", "256Mi"), r.limits());
        assertEquals(list("cpu", "100m", "memory", "128Mi"), r.requests());
        assertEquals("LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
                created.metadata().annotations().get(LimitRanger.ANNOTATION));
    }

    @Test
    void statedValuesAreKeptAndRequestsFollowStatedLimits() {
        limitRange("defaults", item("Container", null, null, list("cpu", "500m", "memory", "256Mi"),
                list("cpu", "100m", "memory", "128Mi"), null));
        // The pod's own defaulting copied the cpu limit into the request before admission.
        Pod created = api.create(BuiltinResources.PODS, "default", pod("web", container("app", list("cpu", "1"), null)));
        ResourceRequirements r = created.spec().containers().get(0).resources();
        assertEquals(list("cpu", "1", "memory", "256Mi"), r.limits());
        assertEquals(list("cpu", "1", "memory", "128Mi"), r.requests());
        assertEquals("LimitRanger plugin set: memory request for container app; memory limit for container app",
                created.metadata().annotations().get(LimitRanger.ANNOTATION));
    }

    @Test
    void aDefaultLimitAloneAlsoSetsTheRequest() {
        // The LimitRange's own defaulting makes defaultRequest the default limit.
        limitRange("defaults", item("Container", null, null, list("memory", "512Mi"), null, null));
        ResourceRequirements r = api.create(BuiltinResources.PODS, "default", pod("web", container("app", null, null)))
                .spec().containers().get(0).resources();
        assertEquals(list("memory", "512Mi"), r.limits());
        assertEquals(list("memory", "512Mi"), r.requests());
    }

    @Test
    void maximumPerContainer() {
        limitRange("max", item("Container", list("cpu", "1"), null, null, null, null));
        assertEquals("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2",
                refusal(pod("big", container("app", list("cpu", "2"), null))));
    }

    @Test
    void maximumPerContainerChecksTheRequestToo() {
        limitRange("max", item("Container", list("cpu", "1"), null, null, null, null));
        assertEquals("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but request is 1500m",
                refusal(pod("big", container("app", list("cpu", "1"), list("cpu", "1500m")))));
    }

    @Test
    void minimumPerContainer() {
        limitRange("min", item("Container", null, list("memory", "64Mi"), null, null, null));
        assertEquals("pods \"small\" is forbidden: minimum memory usage per Container is 64Mi, but request is 32Mi",
                refusal(pod("small", container("app", null, list("memory", "32Mi")))));
    }

    @Test
    void limitToRequestRatio() {
        limitRange("ratio", item("Container", null, null, null, null, list("cpu", "2")));
        assertEquals("pods \"bursty\" is forbidden: cpu max limit to request ratio per Container is 2, but provided"
                + " ratio is 4.000000", refusal(pod("bursty", container("app", list("cpu", "1"), list("cpu", "250m")))));
    }

    @Test
    void ratioWithoutARequest() {
        limitRange("ratio", item("Container", null, null, null, null, list("memory", "2")));
        assertEquals("pods \"none\" is forbidden: memory max limit to request ratio per Container is 2, but no request"
                + " is specified or request is 0", refusal(pod("none", container("app", null, null))));
    }

    @Test
    void everyViolationIsReportedTogetherAndRepeatsOnce() {
        limitRange("both", item("Container", list("cpu", "1"), list("memory", "64Mi"), null, null, null));
        Pod p = pod("many", container("a", list("cpu", "2", "memory", "1Gi"), list("memory", "32Mi")),
                container("b", list("cpu", "2", "memory", "1Gi"), list("memory", "32Mi")));
        assertEquals("pods \"many\" is forbidden: [minimum memory usage per Container is 64Mi, but request is 32Mi,"
                + " maximum cpu usage per Container is 1, but limit is 2]", refusal(p));
    }

    @Test
    void podItemsBoundTheSumOfTheContainers() {
        limitRange("pod", item("Pod", list("cpu", "1", "ephemeral-storage", "1Gi", "memory", "1Gi"), null, null, null,
                null));
        Pod p = pod("pair", container("a", list("cpu", "600m", "memory", "100Mi"), null),
                container("b", list("cpu", "600m"), null));
        assertEquals("pods \"pair\" is forbidden: [maximum cpu usage per Pod is 1, but limit is 1200m,"
                + " maximum ephemeral-storage usage per Pod is 1Gi.  No limit is specified]", refusal(p));
    }

    @Test
    void aGeneratedNameIsReportedByItsPrefix() {
        limitRange("max", item("Container", list("cpu", "1"), null, null, null, null));
        Pod p = Pod.of(ObjectMeta.builder().namespace("default").generateName("web-").build(),
                PodSpec.builder().containers(List.of(container("app", list("cpu", "2"), null))).build());
        assertEquals("pods \"web-\" is forbidden: maximum cpu usage per Container is 1, but limit is 2", refusal(p));
    }

    @Test
    void withinTheBoundsThePodIsCreated() {
        limitRange("bounds", item("Container", list("cpu", "2"), list("cpu", "100m"), null, null, list("cpu", "4")));
        Pod created = api.create(BuiltinResources.PODS, "default",
                pod("ok", container("app", list("cpu", "1"), list("cpu", "250m"))));
        assertEquals(Map.of("cpu", Quantity.parse("250m")), created.spec().containers().get(0).resources().requests());
    }
}
