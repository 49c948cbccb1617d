package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Priority admission plugin's cases (plugin/pkg/admission/priority/admission_test.go, in kind). */
class PriorityAdmissionTest {

    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    PriorityAdmissionTest() {
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    private Pod create(String name, String className, Integer priority) {
        PodSpec spec = PodSpec.builder().containers(List.of(Container.builder().name("c").image("nginx:1.25").build()))
                .priorityClassName(className).priority(priority).build();
        return api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", name), spec));
    }

    private void priorityClass(String name, int value, boolean globalDefault) {
        api.create(BuiltinResources.PRIORITY_CLASSES, null, new PriorityClass(null, null,
                ObjectMeta.builder().name(name).build(), value, globalDefault, null, null));
    }

    @Test
    void theApiServerStartsWithTheTwoSystemClasses() {
        assertEquals(2_000_001_000, api.get(BuiltinResources.PRIORITY_CLASSES, null, "system-node-critical").value());
        assertEquals(2_000_000_000, api.get(BuiltinResources.PRIORITY_CLASSES, null, "system-cluster-critical").value());
    }

    @Test
    void classesCreatedAndDeletedAfterTheFirstPodAreSeenByTheNextCreate() {
        create("first", null, null);
        priorityClass("gold", 500, false);
        assertEquals(500, create("second", "gold", null).spec().priority());
        priorityClass("normal", 100, true);
        assertEquals(100, create("third", null, null).spec().priority());
        api.delete(BuiltinResources.PRIORITY_CLASSES, null, "gold", io.ksim.apiserver.DeleteOptions.defaults());
        ApiException e = assertThrows(ApiException.class, () -> create("fourth", "gold", null));
        assertEquals("pods \"fourth\" is forbidden: no PriorityClass with name gold was found", e.getMessage());
    }

    @Test
    void aPodWithoutAClassGetsZeroWhenNoClassIsTheDefault() {
        Pod pod = create("web-1", null, null);
        assertEquals(0, pod.spec().priority());
        assertNull(pod.spec().priorityClassName());
    }

    @Test
    void aPodWithoutAClassGetsTheGlobalDefaultAndItsName() {
        priorityClass("normal", 1000, true);
        Pod pod = create("web-1", null, null);
        assertEquals(1000, pod.spec().priority());
        assertEquals("normal", pod.spec().priorityClassName());
        assertEquals("PreemptLowerPriority", pod.spec().preemptionPolicy());
    }

    @Test
    void aNamedClassSetsItsValue() {
        priorityClass("gold", 5000, false);
        assertEquals(5000, create("web-1", "gold", null).spec().priority());
        assertEquals(2_000_000_000, create("dns-1", "system-cluster-critical", null).spec().priority());
    }

    @Test
    void anUnknownClassIsForbidden() {
        ApiException e = assertThrows(ApiException.class, () -> create("web-1", "gold", null));
        assertEquals(403, e.code());
        assertEquals("pods \"web-1\" is forbidden: no PriorityClass with name gold was found", e.status().message());
    }

    @Test
    void aPriorityThatDiffersFromTheClassIsForbidden() {
        priorityClass("gold", 5000, false);
        ApiException e = assertThrows(ApiException.class, () -> create("web-1", "gold", 7));
        assertEquals("pods \"web-1\" is forbidden: the integer value of priority (7) must not be provided in pod spec; "
                + "priority admission controller computed 5000 from the given PriorityClass name", e.status().message());
        assertEquals(5000, create("web-2", "gold", 5000).spec().priority());
    }

    @Test
    void onlyOneClassMayBeTheGlobalDefault() {
        priorityClass("low", 10, true);
        ApiException e = assertThrows(ApiException.class, () -> priorityClass("high", 100, true));
        assertEquals(403, e.code());
        assertEquals("priorityclasses.scheduling.k8s.io \"high\" is forbidden: PriorityClass low is already marked as "
                + "default. Only one default can exist", e.status().message());
    }
}
