package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.cluster.Cluster;
import java.time.Duration;

/** A 3-node cluster running the Deployment web (4 × nginx:1.25), for the tests of the mutating commands. */
final class MutateFixture {

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  initContainers:
                  - name: init
                    image: alpine:3.20
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
                  - name: sidecar
                    image: busybox:1.36
            """;

    final Cluster cluster;
    final Kubectl kubectl;

    MutateFixture() {
        cluster = Cluster.builder().seed(3).nodes(3, n -> n.cpu("4").memory("8Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=1s")
                .image("nginx:1.26 size=20Mi start=500ms ready=1s")
                .image("busybox:1.36 size=2Mi start=100ms ready=100ms")
                .image("alpine:3.20 size=3Mi start=100ms exit=0 after=200ms")
                .build();
        kubectl = new Kubectl(cluster);
    }

    MutateFixture withWeb() {
        cluster.create(WEB);
        cluster.advance(Duration.ofSeconds(30));
        return this;
    }

    KubectlResult run(String command) {
        return kubectl.run(command);
    }

    /** Runs a command that must succeed and returns its standard output. */
    String ok(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals("", r.err(), command);
        assertEquals(0, r.exitCode(), command);
        return r.out();
    }

    /** Runs a command that must fail and returns its standard error. */
    String fails(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals(1, r.exitCode(), command + "\n" + r.out());
        return r.err();
    }
}
