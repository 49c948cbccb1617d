package io.ksim.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kubelet's container logs: one per instance, and the kubelet's answers for containers without one. */
class ContainerLogsTest {

    private final TestCluster c = new TestCluster(11);

    private static List<String> texts(List<ContainerLogs.Line> lines) {
        return lines.stream().map(ContainerLogs.Line::text).toList();
    }

    @Test
    void nginxWritesItsEntrypointLinesAtEachStartAndPreviousIsTheLastTermination() {
        c.createPod("web", "node-2", "nginx:1.25", "Always");
        c.runUntil(5);
        ContainerLogs logs = c.kubelet(2).logs();
        List<ContainerLogs.Line> lines = logs.read(c.pod("web"), "web", false);
        assertEquals("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                lines.get(0).text());
        assertEquals(" [notice] 1#1: start worker processes", lines.get(lines.size() - 1).text().substring(19));
        logs.append("default", "web", "web", c.kernel.instant(), "a request");
        assertEquals("a request", texts(logs.read(c.pod("web"), "web", false)).get(lines.size()));
        ApiException e = assertThrows(ApiException.class, () -> logs.read(c.pod("web"), "web", true));
        assertEquals("Error from server (BadRequest): previous terminated container \"web\" in pod \"web\" not found",
                e.kubectlMessage());
    }

    @Test
    void aCrashedContainersLogStaysReadableAsThePreviousInstance() {
        c.createPod("crash", "node-1", "crasher:1", "Always");
        c.runUntil(7); // pulled at 1 s, started at 2 s, exits at 5 s, restarted at once, started at 6 s
        c.kubelet(1).logs().append("default", "crash", "crash", c.kernel.instant(), "second run");
        Pod p = c.pod("crash");
        assertEquals(1, p.status().containerStatuses().get(0).restartCount());
        assertEquals(List.of(), texts(c.kubelet(1).logs().read(p, "crash", true)));
        assertEquals(List.of("second run"), texts(c.kubelet(1).logs().read(p, "crash", false)));
    }

    @Test
    void aContainerThatNeverStartedIsWaiting() {
        c.createPod("ghost", "node-1", "ghost:1", "Always");
        c.runUntil(1);
        ApiException e = assertThrows(ApiException.class, () -> c.kubelet(1).logs().read(c.pod("ghost"), "ghost", false));
        assertEquals("Error from server (BadRequest): container \"ghost\" in pod \"ghost\" is waiting to start: "
                + "ErrImagePull", e.kubectlMessage());
    }
}
