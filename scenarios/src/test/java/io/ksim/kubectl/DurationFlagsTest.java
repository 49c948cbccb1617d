package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.cluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** kubectl's --timeout and --request-timeout flags read Go durations, with kubectl 1.32's error texts. */
class DurationFlagsTest {

    private final Kubectl kubectl = new Kubectl(Cluster.builder().seed(1).nodes(1).build());

    private static final String INVALID_REQUEST_TIMEOUT = "error: Invalid timeout value. Timeout must be a single "
            + "integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)";

    private void fails(String command, String err) {
        KubectlResult r = kubectl.run(command);
        assertEquals(1, r.exitCode());
        assertEquals(err + "\n", r.err());
    }

    @Test
    void badTimeoutsFailAsKubectlDoes() {
        fails("delete pod x --timeout=3x", "error: invalid argument \"3x\" for \"--timeout\" flag: "
                + "time: unknown unit \"x\" in duration \"3x\"\nSee 'kubectl delete --help' for usage.");
        fails("delete pod x --timeout=5", "error: invalid argument \"5\" for \"--timeout\" flag: "
                + "time: missing unit in duration \"5\"\nSee 'kubectl delete --help' for usage.");
        fails("scale deploy x --replicas=1 --timeout=3x", "error: invalid argument \"3x\" for \"--timeout\" flag: "
                + "time: unknown unit \"x\" in duration \"3x\"\nSee 'kubectl scale --help' for usage.");
        fails("drain n1 --timeout=3x", "error: invalid argument \"3x\" for \"--timeout\" flag: "
                + "time: unknown unit \"x\" in duration \"3x\"\nSee 'kubectl drain --help' for usage.");
        fails("rollout status deploy/x --timeout=3x", "error: invalid argument \"3x\" for \"--timeout\" flag: "
                + "time: unknown unit \"x\" in duration \"3x\"\nSee 'kubectl rollout status --help' for usage.");
    }

    @Test
    void badRequestTimeoutsFailAsKubectlDoes() {
        fails("get pods -w --request-timeout=3x", INVALID_REQUEST_TIMEOUT);
        KubectlException e = assertThrows(KubectlException.class, () -> DurationFlags.requestTimeout("5q"));
        assertEquals(INVALID_REQUEST_TIMEOUT, e.getMessage());
    }

    @Test
    void requestTimeoutTakesSecondsOrAGoDuration() {
        assertEquals(Duration.ofSeconds(30), DurationFlags.requestTimeout("30"));
        assertEquals(Duration.ofSeconds(30), DurationFlags.requestTimeout("+30"));
        assertEquals(Duration.ofMillis(1500), DurationFlags.requestTimeout("1.5s"));
        assertEquals(Duration.ZERO, DurationFlags.requestTimeout("0"));
        assertEquals(Duration.ofSeconds(-1), DurationFlags.requestTimeout("-1s"));
    }

    @Test
    void timeoutTakesAGoDuration() {
        assertEquals(Duration.ofSeconds(90), DurationFlags.parse("1m30s", "--timeout", "kubectl delete"));
        assertEquals(Duration.ofMillis(1500), DurationFlags.parse("1.5s", "--timeout", "kubectl delete"));
        assertEquals(Duration.ofNanos(250), DurationFlags.parse("250ns", "--timeout", "kubectl delete"));
        assertEquals(Duration.ZERO, DurationFlags.parse("0", "--timeout", "kubectl delete"));
    }
}
