package io.ksim.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.KubeJson;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.batch.CronJob;
import io.ksim.api.core.Pod;
import io.ksim.api.meta.KubeObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The storage encoding writes the kept encodings of containers, volumes and pod templates into the JSON of
 * whatever holds them; the bytes must be exactly those of the plain encoding, the first time (nothing kept
 * yet) and every time after (parts kept from the first), also when a new version of an object keeps the
 * very same parts and when the same part sits in two different objects.
 */
class StorageEncodingTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: default, labels: {app: web}}
            spec:
              initContainers:
              - name: init
                image: busybox:1.36
                command: [sh, -c, "echo \\"quoted\\" <tag> & done"]
              containers:
              - name: nginx
                image: nginx:1.25
                ports: [{containerPort: 80, protocol: TCP}]
                env: [{name: EMPTY, value: ""}, {name: UNICODE, value: "caf\u00e9 \u2603"}]
                resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
                volumeMounts: [{name: data, mountPath: /data}, {name: config, mountPath: /etc/cfg, readOnly: true}]
              - name: sidecar
                image: busybox:1.36
                args: []
              volumes:
              - name: data
                persistentVolumeClaim: {claimName: data}
              - name: config
                configMap: {name: cfg, items: [{key: a, path: a.txt}]}
              - name: scratch
                emptyDir: {}
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: default}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}, annotations: {note: ""}}
                spec:
                  containers: [{name: nginx, image: "nginx:1.25"}]
            """;

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: default}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers: [{name: db, image: "postgres:16", volumeMounts: [{name: data, mountPath: /var/lib}]}]
              volumeClaimTemplates:
              - metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
            """;

    private static final String CRON_JOB = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: tick, namespace: default}
            spec:
              schedule: "*/5 * * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: tick, image: "busybox:1.36", command: [date]}]
            """;

    @Test
    void encodesEveryObjectAsThePlainEncodingDoesColdAndWarm() throws Exception {
        Pod pod = KubeJson.yaml().readValue(POD, Pod.class);
        Pod bound = pod.withSpec(pod.spec().withNodeName("node-1"));
        Deployment d = KubeJson.yaml().readValue(DEPLOYMENT, Deployment.class);
        StatefulSet s = KubeJson.yaml().readValue(STATEFUL_SET, StatefulSet.class);
        CronJob c = KubeJson.yaml().readValue(CRON_JOB, CronJob.class);
        Deployment scaled = d.withSpec(d.spec().withReplicas(5));
        for (KubeObject o : List.of(pod, bound, pod, d, scaled, s, c, s, c, bound)) {
            String plain = new String(KubeJson.json().writeValueAsBytes(o), StandardCharsets.UTF_8);
            assertEquals(plain, new String(StorageEncoding.encode(o), StandardCharsets.UTF_8), o.kind());
            assertEquals(KubeJson.json().writeValueAsBytes(o).length, StorageEncoding.size(o), o.kind());
        }
    }
}
