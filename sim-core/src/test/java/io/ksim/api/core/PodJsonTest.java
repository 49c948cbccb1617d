package io.ksim.api.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.KubeJson;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.resource.Quantity;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodJsonTest {

    /** Decodes strictly: the test fails on any unknown field, as the API server would reject it. */
    static <T> T decodeStrict(String yaml, Class<T> type) throws IOException {
        List<String> unknown = new ArrayList<>();
        T value = decode(yaml, type, unknown);
        assertEquals(List.of(), unknown, "unknown fields");
        return value;
    }

    static <T> T decode(String yaml, Class<T> type, List<String> unknown) throws IOException {
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            return KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, type, unknown);
        }
    }

    static <T> T roundTrip(T value, Class<T> type) throws IOException {
        String yaml = KubeJson.yaml().writeValueAsString(value);
        T again = decodeStrict(yaml, type);
        assertEquals(value, again, yaml);
        assertEquals(yaml, KubeJson.yaml().writeValueAsString(again));
        return again;
    }

    /** A pod in the style of the kubernetes.io task pages: probes, resources, env, volumes, scheduling. */
    static final String WEB_POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
              labels:
                app: web
                tier: frontend
            spec:
              initContainers:
              - name: wait-for-db
                image: busybox:1.36
                command: ["sh", "-c", "until nslookup db; do sleep 2; done"]
              - name: log-shipper
                image: fluent/fluent-bit:3.0
                restartPolicy: Always
              containers:
              - name: nginx
                image: nginx:1.27
                ports:
                - name: http
                  containerPort: 80
                - containerPort: 9113
                  protocol: TCP
                env:
                - name: MODE
                  value: production
                - name: POD_IP
                  valueFrom:
                    fieldRef:
                      fieldPath: status.podIP
                - name: CPU_LIMIT
                  valueFrom:
                    resourceFieldRef:
                      containerName: nginx
                      resource: limits.cpu
                      divisor: 1m
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef:
                      name: db
                      key: password
                - name: LEVEL
                  valueFrom:
                    configMapKeyRef:
                      name: settings
                      key: level
                      optional: true
                envFrom:
                - prefix: CFG_
                  configMapRef:
                    name: settings
                - secretRef:
                    name: tokens
                resources:
                  requests:
                    cpu: 250m
                    memory: 64Mi
                  limits:
                    cpu: 500m
                    memory: 128Mi
                livenessProbe:
                  httpGet:
                    path: /healthz
                    port: http
                    httpHeaders:
                    - name: X-Probe
                      value: liveness
                  initialDelaySeconds: 3
                  periodSeconds: 3
                readinessProbe:
                  tcpSocket:
                    port: 80
                  failureThreshold: 1
                startupProbe:
                  exec:
                    command: ["cat", "/tmp/ready"]
                lifecycle:
                  postStart:
                    exec:
                      command: ["/bin/sh", "-c", "echo started > /usr/share/message"]
                  preStop:
                    sleep:
                      seconds: 5
                volumeMounts:
                - name: html
                  mountPath: /usr/share/nginx/html
                  readOnly: true
                - name: cache
                  mountPath: /var/cache/nginx
              volumes:
              - name: html
                configMap:
                  name: site
                  items:
                  - key: index.html
                    path: index.html
              - name: cache
                emptyDir:
                  medium: Memory
                  sizeLimit: 64Mi
              - name: data
                persistentVolumeClaim:
                  claimName: web-data
              - name: creds
                secret:
                  secretName: creds
                  defaultMode: 0400
              nodeSelector:
                kubernetes.io/os: linux
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                    - matchExpressions:
                      - key: topology.kubernetes.io/zone
                        operator: In
                        values: [antarctica-east1, antarctica-west1]
                      matchFields:
                      - key: metadata.name
                        operator: NotIn
                        values: [node-9]
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 1
                    preference:
                      matchExpressions:
                      - key: another-node-label-key
                        operator: In
                        values: [another-node-label-value]
                podAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector:
                      matchExpressions:
                      - key: app
                        operator: In
                        values: [cache]
                    topologyKey: kubernetes.io/hostname
                    namespaceSelector: {}
                    matchLabelKeys: [pod-template-hash]
                podAntiAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                  - weight: 100
                    podAffinityTerm:
                      labelSelector:
                        matchLabels:
                          app: web
                      namespaces: [shop]
                      topologyKey: topology.kubernetes.io/zone
                      mismatchLabelKeys: [tenant]
              tolerations:
              - key: example-key
                operator: Exists
                effect: NoSchedule
              - key: node.kubernetes.io/unreachable
                operator: Exists
                effect: NoExecute
                tolerationSeconds: 6000
              topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: topology.kubernetes.io/zone
                whenUnsatisfiable: DoNotSchedule
                labelSelector:
                  matchLabels:
                    app: web
                minDomains: 3
                nodeAffinityPolicy: Honor
                nodeTaintsPolicy: Ignore
                matchLabelKeys: [pod-template-hash]
              dnsPolicy: None
              dnsConfig:
                nameservers: [192.0.2.1]
                searches: [ns1.svc.cluster-domain.example]
                options:
                - name: ndots
                  value: "2"
                - name: edns0
              hostAliases:
              - ip: 127.0.0.1
                hostnames: [foo.local, bar.local]
              readinessGates:
              - conditionType: www.example.com/feature-1
              securityContext:
                runAsUser: 1000
                fsGroup: 2000
                seccompProfile:
                  type: RuntimeDefault
              priorityClassName: high
              terminationGracePeriodSeconds: 60
            """;

    @Test
    void decodesARealisticPodIntoTypedFieldsAndRoundTrips() throws Exception {
        Pod pod = decodeStrict(WEB_POD, Pod.class);
        assertEquals("v1", pod.apiVersion());
        assertEquals("Pod", pod.kind());
        assertEquals("web", pod.metadata().name());
        PodSpec spec = pod.spec();
        assertEquals(2, spec.initContainers().size());
        assertFalse(spec.initContainers().get(0).isRestartable());
        assertTrue(PodConditions.isRestartableInitContainer(spec.initContainers().get(1)));

        Container nginx = spec.containers().get(0);
        assertEquals("nginx:1.27", nginx.image());
        assertEquals(80, nginx.ports().get(0).containerPort());
        assertNull(nginx.ports().get(0).protocol());
        assertEquals("status.podIP", nginx.env().get(1).valueFrom().fieldRef().fieldPath());
        assertEquals(Quantity.parse("1m"), nginx.env().get(2).valueFrom().resourceFieldRef().divisor());
        assertEquals("password", nginx.env().get(3).valueFrom().secretKeyRef().key());
        assertEquals(Boolean.TRUE, nginx.env().get(4).valueFrom().configMapKeyRef().optional());
        assertEquals("CFG_", nginx.envFrom().get(0).prefix());
        assertEquals("tokens", nginx.envFrom().get(1).secretRef().name());
        assertEquals(Quantity.parse("250m"), nginx.resources().requests().get(ResourceName.CPU));
        assertEquals(Quantity.parse("128Mi"), nginx.resources().limits().get(ResourceName.MEMORY));
        assertEquals(IntOrString.of("http"), nginx.livenessProbe().httpGet().port());
        assertEquals("X-Probe", nginx.livenessProbe().httpGet().httpHeaders().get(0).name());
        assertEquals(3, nginx.livenessProbe().periodSeconds());
        assertEquals(IntOrString.of(80), nginx.readinessProbe().tcpSocket().port());
        assertEquals(List.of("cat", "/tmp/ready"), nginx.startupProbe().exec().command());
        assertEquals(5, nginx.lifecycle().preStop().sleep().seconds());
        assertEquals(Boolean.TRUE, nginx.volumeMounts().get(0).readOnly());

        assertEquals("site", spec.volumes().get(0).configMap().name());
        assertEquals("index.html", spec.volumes().get(0).configMap().items().get(0).path());
        assertEquals(EmptyDirVolumeSource.MEDIUM_MEMORY, spec.volumes().get(1).emptyDir().medium());
        assertEquals(Quantity.parse("64Mi"), spec.volumes().get(1).emptyDir().sizeLimit());
        assertEquals("web-data", spec.volumes().get(2).persistentVolumeClaim().claimName());
        assertEquals(0400, spec.volumes().get(3).secret().defaultMode());

        assertEquals(Map.of("kubernetes.io/os", "linux"), spec.nodeSelector());
        NodeSelectorTerm term = spec.affinity().nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution()
                .nodeSelectorTerms().get(0);
        assertEquals(NodeSelectorOperator.IN, term.matchExpressions().get(0).operator());
        assertEquals(List.of("antarctica-east1", "antarctica-west1"), term.matchExpressions().get(0).values());
        assertEquals("metadata.name", term.matchFields().get(0).key());
        assertEquals(1, spec.affinity().nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution().get(0)
                .weight());
        PodAffinityTerm affinityTerm = spec.affinity().podAffinity().requiredDuringSchedulingIgnoredDuringExecution()
                .get(0);
        assertEquals("kubernetes.io/hostname", affinityTerm.topologyKey());
        assertNotNull(affinityTerm.namespaceSelector(), "an empty namespaceSelector means all namespaces");
        assertEquals(List.of("pod-template-hash"), affinityTerm.matchLabelKeys());
        WeightedPodAffinityTerm anti = spec.affinity().podAntiAffinity()
                .preferredDuringSchedulingIgnoredDuringExecution().get(0);
        assertEquals(100, anti.weight());
        assertNull(anti.podAffinityTerm().namespaceSelector());
        assertEquals(List.of("tenant"), anti.podAffinityTerm().mismatchLabelKeys());

        assertEquals(TolerationOperator.EXISTS, spec.tolerations().get(0).operator());
        assertEquals(6000L, spec.tolerations().get(1).tolerationSeconds());
        TopologySpreadConstraint spread = spec.topologySpreadConstraints().get(0);
        assertEquals(1, spread.maxSkew());
        assertEquals(TopologySpreadConstraint.DO_NOT_SCHEDULE, spread.whenUnsatisfiable());
        assertEquals(3, spread.minDomains());
        assertEquals(TopologySpreadConstraint.NODE_INCLUSION_POLICY_HONOR, spread.nodeAffinityPolicy());
        assertEquals(TopologySpreadConstraint.NODE_INCLUSION_POLICY_IGNORE, spread.nodeTaintsPolicy());
        assertEquals(DNSPolicy.NONE, spec.dnsPolicy());
        assertEquals("2", spec.dnsConfig().options().get(0).value());
        assertNull(spec.dnsConfig().options().get(1).value());
        assertEquals(List.of("foo.local", "bar.local"), spec.hostAliases().get(0).hostnames());
        assertEquals("www.example.com/feature-1", spec.readinessGates().get(0).conditionType());
        assertEquals("1000", spec.securityContext().text("runAsUser"));
        assertEquals(60L, spec.terminationGracePeriodSeconds());

        roundTrip(pod, Pod.class);
    }

    @Test
    void aPodWithoutStatusPrintsAnEmptyStatusAndContainerResources() throws Exception {
        Pod pod = decodeStrict("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.14.2
                    ports:
                    - containerPort: 80
                """, Pod.class);
        assertEquals(PodStatus.EMPTY, pod.status());
        assertEquals("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                spec:
                  containers:
                    - image: nginx:1.14.2
                      name: nginx
                      ports:
                        - containerPort: 80
                      resources: {}
                status: {}
                """, KubeJson.yaml().writeValueAsString(pod));
    }

    @Test
    void unknownFieldsAreReportedWithTheirPaths() throws Exception {
        List<String> unknown = new ArrayList<>();
        Pod pod = decode("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: typo
                spec:
                  containers:
                  - name: app
                    image: app:1
                    imagePullPolicyy: Always
                    livenessProbe:
                      httpGet:
                        path: /
                        port: 8080
                        schema: HTTP
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                        - matchExpressions:
                          - key: zone
                            operater: In
                            values: [a]
                  tolerations:
                  - key: k
                    effects: NoSchedule
                  securityContext:
                    anything: goes
                """, Pod.class, unknown);
        assertEquals("app:1", pod.spec().containers().get(0).image());
        assertEquals(List.of("spec.containers[0].imagePullPolicyy", "spec.containers[0].livenessProbe.httpGet.schema",
                "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                        + ".matchExpressions[0].operater",
                "spec.tolerations[0].effects"), unknown);
    }

    @Test
    void statusOfARunningPodRoundTrips() throws Exception {
        Pod pod = decodeStrict("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web-7c9f-abcde
                  namespace: default
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
                  nodeName: node-1
                status:
                  phase: Running
                  conditions:
                  - type: PodReadyToStartContainers
                    status: "True"
                    lastTransitionTime: 2025-01-01T00:00:02Z
                  - type: Initialized
                    status: "True"
                    lastTransitionTime: 2025-01-01T00:00:01Z
                  - type: Ready
                    status: "True"
                    lastTransitionTime: 2025-01-01T00:00:05Z
                  - type: ContainersReady
                    status: "True"
                    lastTransitionTime: 2025-01-01T00:00:05Z
                  - type: PodScheduled
                    status: "True"
                    lastTransitionTime: 2025-01-01T00:00:00Z
                  hostIP: 10.0.0.11
                  hostIPs:
                  - ip: 10.0.0.11
                  podIP: 10.244.1.7
                  podIPs:
                  - ip: 10.244.1.7
                  startTime: 2025-01-01T00:00:01Z
                  qosClass: BestEffort
                  containerStatuses:
                  - name: nginx
                    state:
                      running:
                        startedAt: 2025-01-01T00:00:04Z
                    lastState:
                      terminated:
                        exitCode: 137
                        reason: OOMKilled
                        startedAt: 2025-01-01T00:00:02Z
                        finishedAt: 2025-01-01T00:00:03Z
                        containerID: containerd://aaa
                    ready: true
                    restartCount: 1
                    image: docker.io/library/nginx:1.27
                    imageID: docker.io/library/nginx@sha256:0123
                    containerID: containerd://bbb
                    started: true
                    volumeMounts:
                    - name: kube-api-access-x
                      mountPath: /var/run/secrets/kubernetes.io/serviceaccount
                      readOnly: true
                      recursiveReadOnly: Disabled
                    user:
                      linux:
                        uid: 0
                        gid: 0
                        supplementalGroups: [0, 10]
                """, Pod.class);
        PodStatus status = pod.status();
        assertEquals(PodPhase.RUNNING, status.phase());
        assertTrue(PodConditions.isPodReady(pod));
        assertEquals(Instant.parse("2025-01-01T00:00:05Z"),
                PodConditions.getPodReadyCondition(status).lastTransitionTime());
        assertEquals("10.244.1.7", status.podIPs().get(0).ip());
        assertEquals(PodQOSClass.BEST_EFFORT, status.qosClass());
        ContainerStatus cs = status.containerStatuses().get(0);
        assertTrue(cs.ready());
        assertEquals(1, cs.restartCount());
        assertEquals(Instant.parse("2025-01-01T00:00:04Z"), cs.state().running().startedAt());
        assertEquals(137, cs.lastState().terminated().exitCode());
        assertEquals("OOMKilled", cs.lastState().terminated().reason());
        assertEquals(List.of(0L, 10L), cs.user().linux().supplementalGroups());
        roundTrip(pod, Pod.class);
    }

    @Test
    void alwaysPrintedScalarsArePrintedWhenZero() throws Exception {
        ContainerStatus waiting = ContainerStatus.builder().name("app").image("app:1").imageID("")
                .state(ContainerState.waiting("ContainerCreating", null)).build();
        assertEquals("image: app:1\nimageID: \"\"\nlastState: {}\nname: app\nready: false\nrestartCount: 0\n"
                + "state:\n  waiting:\n    reason: ContainerCreating\n", KubeJson.yaml().writeValueAsString(waiting));
        assertEquals("{\"exitCode\":0,\"reason\":\"Completed\"}", KubeJson.json().writeValueAsString(
                new ContainerStateTerminated(0, null, "Completed", null, null, null, null)));
        // An unset divisor is upstream's zero Quantity, which it prints.
        assertEquals("{\"divisor\":\"0\",\"resource\":\"limits.cpu\"}",
                KubeJson.json().writeValueAsString(new ResourceFieldSelector(null, "limits.cpu", null)));
    }

    @Test
    void aPodTemplateRoundTrips() throws Exception {
        PodTemplate template = decodeStrict("""
                apiVersion: v1
                kind: PodTemplate
                metadata:
                  name: batch-worker
                template:
                  metadata:
                    labels:
                      app: worker
                  spec:
                    restartPolicy: OnFailure
                    containers:
                    - name: worker
                      image: busybox:1.36
                      args: ["sleep", "30"]
                """, PodTemplate.class);
        assertEquals(PodTemplate.KIND, template.kind());
        assertEquals(RestartPolicy.ON_FAILURE, template.template().spec().restartPolicy());
        assertEquals("worker", template.template().metadata().labels().get("app"));
        roundTrip(template, PodTemplate.class);
    }

    @Test
    void opaqueVolumeSourcesAndSecurityContextsAreKeptAsGiven() throws Exception {
        Pod pod = decodeStrict("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: storage
                spec:
                  containers:
                  - name: app
                    image: app:1
                    securityContext:
                      allowPrivilegeEscalation: false
                      capabilities:
                        drop: [ALL]
                  volumes:
                  - name: shared
                    nfs:
                      server: nfs.example.com
                      path: /exports
                  - name: secrets-store
                    csi:
                      driver: secrets-store.csi.k8s.io
                      readOnly: true
                      volumeAttributes:
                        secretProviderClass: vault
                  - name: scratch
                    ephemeral:
                      volumeClaimTemplate:
                        spec:
                          accessModes: [ReadWriteOnce]
                          storageClassName: fast
                          resources:
                            requests:
                              storage: 1Gi
                """, Pod.class);
        assertEquals("nfs.example.com", pod.spec().volumes().get(0).nfs().text("server"));
        assertEquals("secrets-store.csi.k8s.io", pod.spec().volumes().get(1).csi().text("driver"));
        assertEquals("false", pod.spec().containers().get(0).securityContext().text("allowPrivilegeEscalation"));
        roundTrip(pod, Pod.class);
    }
}
