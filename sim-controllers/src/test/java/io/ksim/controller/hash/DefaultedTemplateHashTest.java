package io.ksim.controller.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.KubeJson;
import io.ksim.api.apps.Deployment;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.TestCluster;
import org.junit.jupiter.api.Test;

/**
 * The hash depends on the template as the API server stores it, defaults filled in; these Deployments go in
 * as a client sends them and must come out as {@link PodTemplateHashTest}'s stored templates, hash included.
 */
class DefaultedTemplateHashTest {

    /** What {@code kubectl create deployment nginx --image=nginx} sends. */
    static final String KUBECTL_CREATE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: nginx
              labels: {app: nginx}
            spec:
              replicas: 1
              selector: {matchLabels: {app: nginx}}
              strategy: {}
              template:
                metadata:
                  labels: {app: nginx}
                spec:
                  containers:
                  - image: nginx
                    name: nginx
                    resources: {}
            """;

    /** {@link PodTemplateHashTest#WEB} before defaulting. */
    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata:
                  labels: {app: web, tier: frontend}
                  annotations: {example.com/owner: team-a}
                spec:
                  nodeSelector: {kubernetes.io/os: linux}
                  securityContext: {runAsNonRoot: true, fsGroup: 2000}
                  volumes:
                  - name: config
                    configMap: {name: web-config}
                  - name: cache
                    emptyDir: {sizeLimit: 1Gi}
                  containers:
                  - name: web
                    image: nginx:1.27
                    command: [nginx]
                    args: [-g, daemon off;]
                    ports:
                    - {name: http, containerPort: 8080}
                    env:
                    - {name: MODE, value: prod}
                    - name: POD_IP
                      valueFrom: {fieldRef: {fieldPath: status.podIP}}
                    resources:
                      limits: {cpu: 500m, memory: 256Mi}
                      requests: {cpu: "0.25", memory: 128Mi}
                    volumeMounts:
                    - {name: config, mountPath: /etc/nginx/conf.d, readOnly: true}
                    - {name: cache, mountPath: /var/cache/nginx}
                    livenessProbe:
                      httpGet: {path: /healthz, port: 8080}
                      initialDelaySeconds: 5
                    readinessProbe:
                      tcpSocket: {port: http}
                      periodSeconds: 5
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions:
                          - {key: zone, operator: In, values: [a, b]}
                    podAntiAffinity:
                      preferredDuringSchedulingIgnoredDuringExecution:
                      - weight: 100
                        podAffinityTerm:
                          labelSelector: {matchLabels: {app: web}}
                          topologyKey: kubernetes.io/hostname
                  tolerations:
                  - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}
            """;

    /** {@link PodTemplateHashTest#AGENT} before defaulting; its cpu limit is rounded up to a milli-core. */
    static final String AGENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: agent}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  hostNetwork: true
                  serviceAccountName: agent
                  volumes:
                  - name: scratch
                  - name: creds
                    secret: {secretName: agent-creds}
                  - name: info
                    downwardAPI:
                      items:
                      - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                  - name: token
                    projected:
                      sources:
                      - serviceAccountToken: {path: token}
                  - name: logs
                    hostPath: {path: /var/log}
                  initContainers:
                  - name: init
                    image: busybox:1.36
                    command: [sh, -c, "true"]
                  containers:
                  - name: agent
                    image: agent:latest
                    ports:
                    - containerPort: 9100
                    resources:
                      limits: {cpu: "0.0001", memory: 64Mi}
                    livenessProbe:
                      httpGet: {port: 9100}
            """;

    @Test
    void kubectlCreateDeploymentIsStoredAsUpstreamStoresIt() throws Exception {
        assertStoredAs(KUBECTL_CREATE, PodTemplateHashTest.NGINX, "5869d7778c");
    }

    @Test
    void aRichTemplateIsStoredAsUpstreamStoresIt() throws Exception {
        assertStoredAs(WEB, PodTemplateHashTest.WEB, "757ff869dc");
    }

    @Test
    void aHostNetworkTemplateIsStoredAsUpstreamStoresIt() throws Exception {
        assertStoredAs(AGENT, PodTemplateHashTest.AGENT, "69d9fb8596");
    }

    private static void assertStoredAs(String manifest, String storedJson, String hash) throws Exception {
        TestCluster cluster = new TestCluster(1, 1);
        Deployment sent = KubeJson.yaml().readValue(manifest, Deployment.class);
        Deployment stored = cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", sent);
        PodTemplateSpec expected = KubeJson.json().readValue(storedJson, PodTemplateSpec.class);
        JsonNode got = KubeJson.json().valueToTree(stored.spec().template());
        assertEquals(KubeJson.json().valueToTree(expected).toPrettyString(), got.toPrettyString());
        assertEquals(hash, ControllerUtils.computeHash(stored.spec().template(), null));
    }
}
