package io.ksim.controller.resourcequota;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.ResourceQuota.ResourceQuotaSpec;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Quotas and pods for the resource quota controller's tests, in namespace "default". */
final class QuotaFixtures {

    private QuotaFixtures() {
    }

    /** {@code list("pods", "2", "requests.cpu", "1")}. */
    static SortedMap<String, Quantity> list(String... kv) {
        SortedMap<String, Quantity> out = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], Quantity.parse(kv[i + 1]));
        }
        return out;
    }

    static ResourceQuota quota(String name, SortedMap<String, Quantity> hard) {
        return new ResourceQuota(null, null, ObjectMeta.of("default", name), new ResourceQuotaSpec(hard, null, null),
                null);
    }

    /** A pod of one container {@code image} requesting {@code cpu} (and limited to it), restartPolicy Never. */
    static Pod pod(String name, String image, String cpu) {
        Map<String, Quantity> cpuOnly = Map.of("cpu", Quantity.parse(cpu));
        Container c = Container.builder().name("app").image(image)
                .resources(ResourceRequirements.of(cpuOnly, cpuOnly)).build();
        return Pod.of(ObjectMeta.of("default", name), PodSpec.builder().containers(List.of(c)).restartPolicy("Never")
                .build());
    }

    static ResourceQuota.ResourceQuotaStatus status(TestCluster cluster, String name) {
        return cluster.api.get(BuiltinResources.RESOURCE_QUOTAS, "default", name).status();
    }
}
