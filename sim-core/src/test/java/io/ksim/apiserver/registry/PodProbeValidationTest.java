package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Container;
import io.ksim.api.core.ExecAction;
import io.ksim.api.core.Lifecycle;
import io.ksim.api.core.LifecycleHandler;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Probe and hook validation with upstream's texts (pkg/apis/core/validation/validation.go). */
class PodProbeValidationTest {

    private static final Probe TCP = Probe.tcpSocket(IntOrString.of(80));
    private final Kernel kernel = Kernel.builder().seed(4).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    PodProbeValidationTest() {
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
    }

    static Stream<Arguments> invalid() {
        Container.Builder web = Container.builder().name("web").image("nginx:1.25");
        Probe both = new Probe(new ExecAction(List.of("true")), null, TCP.tcpSocket(), null, null, null, null, null,
                null, null);
        Probe none = new Probe(null, null, null, null, null, null, null, null, null, null);
        return Stream.of(
                Arguments.of(List.of(), web.livenessProbe(TCP.withTiming(null, null, null, 2, null)).build(),
                        "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
                Arguments.of(List.of(), Container.builder().name("web").image("nginx:1.25")
                        .startupProbe(TCP.withTiming(null, null, null, 3, null)).build(),
                        "spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1"),
                Arguments.of(List.of(), Container.builder().name("web").image("nginx:1.25")
                        .readinessProbe(TCP.withTiming(null, null, -1, null, null)).build(),
                        "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: "
                                + "must be greater than or equal to 0"),
                Arguments.of(List.of(), Container.builder().name("web").image("nginx:1.25").livenessProbe(none).build(),
                        "spec.containers[0].livenessProbe: Required value: must specify a handler type"),
                Arguments.of(List.of(), Container.builder().name("web").image("nginx:1.25").readinessProbe(both).build(),
                        "spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"),
                Arguments.of(List.of(Container.builder().name("setup").image("busybox").livenessProbe(TCP).build()),
                        Container.of("web", "nginx:1.25"),
                        "spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without "
                                + "restartPolicy=Always"),
                Arguments.of(List.of(Container.builder().name("setup").image("busybox").lifecycle(new Lifecycle(
                        new LifecycleHandler(new ExecAction(List.of("true")), null, null, null), null)).build()),
                        Container.of("web", "nginx:1.25"),
                        "spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without "
                                + "restartPolicy=Always"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusedWithUpstreamsText(List<Container> inits, Container app, String cause) {
        ApiException e = assertThrows(ApiException.class, () -> api.create(BuiltinResources.PODS, "default",
                Pod.of(ObjectMeta.of("default", "web-1"), PodSpec.builder().initContainers(inits)
                        .containers(List.of(app)).build())));
        assertEquals(422, e.code());
        assertEquals("Pod \"web-1\" is invalid: " + cause, e.status().message());
    }

    @Test
    void aSidecarMayHaveProbesAndHooks() {
        Container sidecar = Container.builder().name("proxy").image("envoy:1").restartPolicy("Always")
                .livenessProbe(TCP).readinessProbe(TCP).startupProbe(TCP)
                .lifecycle(new Lifecycle(null, new LifecycleHandler(null, null, null,
                        new io.ksim.api.core.SleepAction(5)))).build();
        api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.of("default", "ok-1"), PodSpec.builder()
                .initContainers(List.of(sidecar)).containers(List.of(Container.of("web", "nginx:1.25"))).build()));
    }
}
