package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases of upstream's admission_test.go for defaulttolerationseconds. */
class DefaultTolerationSecondsTest {

    private final Kernel kernel = Kernel.builder().seed(6).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    {
        // kube-controller-manager's service-account controller creates it on a real cluster; pods need it.
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    private List<Toleration> created(String name, List<Toleration> given) {
        Pod pod = Pod.of(ObjectMeta.of("default", name), PodSpec.builder().tolerations(given)
                .containers(List.of(Container.builder().name("c").image("nginx:1.25").build())).build());
        return api.create(BuiltinResources.PODS, "default", pod).spec().tolerations();
    }

    private static final Toleration NOT_READY_300 =
            new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 300L);
    private static final Toleration UNREACHABLE_300 =
            new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 300L);

    @Test
    void podWithoutTolerationsGetsBoth() {
        assertEquals(List.of(NOT_READY_300, UNREACHABLE_300), created("a", List.of()));
    }

    @Test
    void anExistingTolerationForOneTaintIsKeptAndOnlyTheOtherAdded() {
        Toleration own = new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 60L);
        assertEquals(List.of(own, UNREACHABLE_300), created("b", List.of(own)));
    }

    @Test
    void aTolerationOfEverythingCoversBoth() {
        Toleration all = new Toleration(null, "Exists", null, null, null);
        assertEquals(List.of(all), created("c", List.of(all)));
    }

    @Test
    void otherEffectsDoNotCount() {
        Toleration noSchedule = new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoSchedule", null);
        assertEquals(List.of(noSchedule, NOT_READY_300, UNREACHABLE_300), created("d", List.of(noSchedule)));
    }
}
