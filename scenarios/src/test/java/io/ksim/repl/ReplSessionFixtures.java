package io.ksim.repl;

/** Manifests the REPL tests start their clusters with. */
final class ReplSessionFixtures {

    private ReplSessionFixtures() {
    }

    /** Three nginx pods requesting half a CPU each behind a Service, and a pod asking for more CPU than a node has (2). */
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    resources:
                      requests: {cpu: 500m}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: big
            spec:
              containers:
              - name: app
                image: busybox
                resources:
                  requests: {cpu: "3"}
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
}
