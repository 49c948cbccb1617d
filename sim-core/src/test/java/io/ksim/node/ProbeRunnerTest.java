package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.GRPCAction;
import io.ksim.api.core.Probe;
import io.ksim.api.resource.IntOrString;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The prober's outputs per handler, as upstream writes them: pkg/probe/http/http.go (status code, client
 * timeout), pkg/probe/tcp/tcp.go (dial errors), pkg/probe/grpc/grpc.go, and the CRI client's exec timeout
 * (staging/src/k8s.io/cri-client/pkg/remote_runtime.go ExecSync).
 */
class ProbeRunnerTest {

    private static final Container WEB = Container.builder().name("web").image("web:1")
            .ports(List.of(ContainerPort.named("http", 8080))).build();
    private static final Probe GRPC = new Probe(null, null, null, new GRPCAction(9090, null), null, null, null, null,
            null, null);

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(Probe.httpGet("/healthz", IntOrString.of("http")), "sick:1 unhealthy=0s",
                        "HTTP probe failed with statuscode: 500"),
                Arguments.of(Probe.tcpSocket(IntOrString.of(8080)), "sick:1 unhealthy=0s",
                        "dial tcp 10.244.1.2:8080: connect: connection refused"),
                Arguments.of(Probe.exec("cat", "/tmp/healthy"), "sick:1 unhealthy=0s", ""),
                Arguments.of(GRPC, "sick:1 unhealthy=0s", "service unhealthy (responded with \"NOT_SERVING\")"),
                Arguments.of(Probe.httpGet("/healthz", IntOrString.of("http")), "slow:1 respond=1500ms",
                        "Get \"http://10.244.1.2:8080/healthz\": context deadline exceeded "
                                + "(Client.Timeout exceeded while awaiting headers)"),
                Arguments.of(Probe.tcpSocket(IntOrString.of(8080)), "slow:1 respond=1500ms",
                        "dial tcp 10.244.1.2:8080: i/o timeout"),
                Arguments.of(Probe.exec("cat", "/tmp/healthy"), "slow:1 respond=1500ms",
                        "command \"cat /tmp/healthy\" timed out"),
                Arguments.of(GRPC, "slow:1 respond=1500ms", "timeout: health rpc did not complete within 1s"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void failureOutputsAreTheHandlersOwn(Probe probe, String image, String output) {
        ProbeRunner.Result r = ProbeRunner.run(ProbeType.LIVENESS, probe, WEB, ImageCatalog.parseLine(image),
                "10.244.1.2", Duration.ofSeconds(5));
        assertFalse(r.success());
        assertEquals(output, r.output());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aTimedOutProbeTakesTheTimeoutAndAFailedOneItsResponseTime(Probe probe, String image, String output) {
        ProbeRunner.Result r = ProbeRunner.run(ProbeType.LIVENESS, probe, WEB, ImageCatalog.parseLine(image),
                "10.244.1.2", Duration.ofSeconds(5));
        assertEquals(image.contains("respond") ? Duration.ofSeconds(1) : Duration.ZERO, r.took());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aResponseExactlyAtTheTimeoutSucceeds(Probe probe, String image, String output) {
        ProbeRunner.Result r = ProbeRunner.run(ProbeType.LIVENESS, probe, WEB,
                ImageCatalog.parseLine("ok:1 respond=1s"), "10.244.1.2", Duration.ofSeconds(5));
        assertTrue(r.success());
        assertEquals(Duration.ofSeconds(1), r.took());
    }

    @ParameterizedTest
    @MethodSource("failures")
    void readinessBeforeTheApplicationIsReadyFails(Probe probe, String image, String output) {
        ImageModel model = ImageCatalog.parseLine("web:1 ready=10s");
        assertFalse(ProbeRunner.run(ProbeType.READINESS, probe, WEB, model, "10.244.1.2", Duration.ofSeconds(9))
                .success());
        assertTrue(ProbeRunner.run(ProbeType.READINESS, probe, WEB, model, "10.244.1.2", Duration.ofSeconds(10))
                .success());
        assertTrue(ProbeRunner.run(ProbeType.LIVENESS, probe, WEB, model, "10.244.1.2", Duration.ofSeconds(9))
                .success());
    }
}
