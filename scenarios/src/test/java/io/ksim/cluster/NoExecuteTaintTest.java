package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.kubectl.KubectlResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A NoExecute taint added by hand ({@code kubectl taint nodes node-1 k=v:NoExecute}): the taint eviction
 * controller deletes the pods that do not tolerate it at once, and a pod that tolerates it for
 * {@code tolerationSeconds} when that time is up, measured from the taint's timeAdded.
 */
class NoExecuteTaintTest {

    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: plain}
            spec:
              nodeName: node-1
              containers: [{name: c, image: nginx:1.25}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: patient}
            spec:
              nodeName: node-1
              tolerations:
              - {key: k, operator: Equal, value: v, effect: NoExecute, tolerationSeconds: 60}
              containers: [{name: c, image: nginx:1.25}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: forever}
            spec:
              nodeName: node-1
              tolerations:
              - {key: k, operator: Exists, effect: NoExecute}
              containers: [{name: c, image: nginx:1.25}]
            """;

    /** The pod, or null once it is gone from the API. */
    private static Pod find(Cluster cluster, String name) {
        return cluster.pods("default").stream().filter(p -> p.metadata().name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void nonToleratingPodsGoAtOnceToleratingOnesAfterTheirSeconds() {
        Cluster cluster = Cluster.builder().seed(5).nodes(2).image("nginx:1.25 size=10Mi start=100ms ready=100ms").build();
        cluster.advance(Duration.ofSeconds(2));
        cluster.create(PODS);
        cluster.advance(Duration.ofSeconds(10));
        assertEquals("Running", find(cluster, "plain").status().phase());

        KubectlResult r = cluster.kubectl("taint nodes node-1 k=v:NoExecute");
        assertEquals("node/node-1 tainted\n", r.out());
        Instant tainted = cluster.now();

        cluster.advance(Duration.ofSeconds(1));
        Pod plain = find(cluster, "plain");
        assertTrue(plain == null || plain.metadata().deletionTimestamp() != null, "plain is deleted at once");
        assertNull(find(cluster, "patient").metadata().deletionTimestamp(), "patient tolerates for 60 s");

        cluster.advance(Duration.ofSeconds(57));
        assertNull(find(cluster, "patient").metadata().deletionTimestamp(), "patient still inside its 60 s");
        cluster.advance(Duration.ofSeconds(3));
        Pod patient = find(cluster, "patient");
        assertTrue(patient == null || patient.metadata().deletionTimestamp() != null,
                "patient is deleted 60 s after " + tainted);

        cluster.advance(Duration.ofMinutes(10));
        Pod forever = find(cluster, "forever");
        assertNotNull(forever);
        assertNull(forever.metadata().deletionTimestamp(), "a toleration without seconds tolerates forever");

        assertEquals("node/node-1 untainted\n", cluster.kubectl("taint nodes node-1 k=v:NoExecute-").out());
    }
}
