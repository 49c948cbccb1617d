package io.ksim.cli;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import io.ksim.kubectl.KubectlResult;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The rolling-update walkthrough of a Kubernetes course on a simulated cluster: three nodes, a Deployment of
 * four nginx:1.25 pods behind a Service, then {@code kubectl set image deployment/web nginx=nginx:1.26}. The
 * trace shows each component's part (scheduler placements, kubelet pulls and probes, the deployment
 * controller's scale steps under maxSurge 25% / maxUnavailable 25%, kube-proxy syncs); the summary lists the
 * pods and the ReplicaSets at the end.
 */
final class RolloutDemo {

    static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
                    readinessProbe:
                      httpGet: {path: /, port: 80}
                      periodSeconds: 2
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
            """;

    private final Cluster cluster;

    RolloutDemo(long seed) {
        cluster = Cluster.builder().seed(seed).nodes(3, n -> n.cpu("2").memory("4Gi"))
                .image("nginx:1.25 size=70Mi start=500ms ready=3s")
                .image("nginx:1.26 size=72Mi start=500ms ready=3s")
                .build();
    }

    Cluster cluster() {
        return cluster;
    }

    /** Creates the Deployment and Service, lets them settle, rolls to nginx:1.26 and lets that settle. */
    void play() {
        cluster.create(MANIFEST);
        cluster.advance(Duration.ofSeconds(30));
        String setImage = "set image deployment/web nginx=nginx:1.26";
        cluster.trace().record("kubectl", "SetImage", "default/web", "kubectl " + setImage);
        KubectlResult r = cluster.kubectl(setImage);
        if (!r.succeeded()) {
            throw new IllegalStateException(r.err());
        }
        cluster.advance(Duration.ofSeconds(60));
    }

    /** The pods and ReplicaSets at the end, one line each. */
    void printSummary(PrintStream out) {
        out.println();
        out.println("pods:");
        for (Pod p : cluster.pods("default")) {
            out.printf("  %-28s %-7s %-11s ready=%s%n", p.metadata().name(), p.spec().nodeName(),
                    p.spec().containers().get(0).image(), cluster.isReady("default", p.metadata().name()));
        }
        out.println("replicasets:");
        cluster.api().list(BuiltinResources.REPLICA_SETS, "default").items().forEach(rs -> out.printf(
                "  %-20s desired=%d ready=%d revision=%s%n", rs.metadata().name(), rs.spec().replicas(),
                rs.status() == null || rs.status().readyReplicas() == null ? 0 : rs.status().readyReplicas(),
                rs.metadata().annotations().get("deployment.kubernetes.io/revision")));
    }
}
