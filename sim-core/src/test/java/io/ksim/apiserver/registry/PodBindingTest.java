package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Binding;
import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditionType;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodBindingTest {

    private final Kernel kernel = Kernel.builder().seed(8).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    private Pod pending(String name) {
        return api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name),
                PodSpec.builder().containers(List.of(Container.builder().name("c").image("nginx:1.25").build())).build()));
    }

    @Test
    void bindingSetsTheNodeAndPodScheduledInOneWrite() {
        Pod before = pending("web-1");
        kernel.advance(Duration.ofSeconds(3));
        Pod bound = PodBinding.bind(api, Binding.of("default", "web-1", "node-2"));
        assertEquals("node-2", bound.spec().nodeName());
        assertEquals(Long.parseLong(before.metadata().resourceVersion()) + 1,
                Long.parseLong(bound.metadata().resourceVersion()));
        var scheduled = PodConditions.getPodCondition(bound.status(), PodConditionType.POD_SCHEDULED);
        assertEquals("True", scheduled.status());
        assertEquals(Instant.parse("2025-01-01T00:00:03Z"), scheduled.lastTransitionTime());
        assertEquals(bound, api.get(BuiltinResources.PODS, "default", "web-1"));
    }

    @Test
    void aBoundPodCannotBeBoundAgain() {
        pending("web-1");
        PodBinding.bind(api, Binding.of("default", "web-1", "node-2"));
        ApiException e = assertThrows(ApiException.class, () -> PodBinding.bind(api, Binding.of("default", "web-1", "node-3")));
        assertEquals("Error from server (Conflict): Operation cannot be fulfilled on pods/binding \"web-1\": "
                + "pod web-1 is already assigned to node \"node-2\"", e.kubectlMessage());
    }

    @Test
    void bindingAMissingPodIsNotFound() {
        ApiException e = assertThrows(ApiException.class, () -> PodBinding.bind(api, Binding.of("default", "ghost", "n")));
        assertEquals("pods \"ghost\" not found", e.getMessage());
    }

    @Test
    void updatesMayChangeImagesButNotTheNodeOrOtherSpecFields() {
        Pod p = pending("web-1");
        var c = p.spec().containers().get(0);
        Pod newImage = api.update(BuiltinResources.PODS, p.withSpec(p.spec().toBuilder()
                .containers(List.of(c.toBuilder().image("nginx:1.26").build())).build()));
        assertEquals("nginx:1.26", newImage.spec().containers().get(0).image());
        ApiException node = assertThrows(ApiException.class, () -> api.update(BuiltinResources.PODS,
                newImage.withSpec(newImage.spec().withNodeName("node-1"))));
        assertEquals("Pod \"web-1\" is invalid: spec: Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                + "(allow it to be set to 1 if it was previously negative)", node.getMessage());
    }
}
