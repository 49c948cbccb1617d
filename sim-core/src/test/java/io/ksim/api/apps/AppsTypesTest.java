package io.ksim.api.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.KubeJson;
import io.ksim.api.core.ManifestRoundTrip;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.resource.IntOrString;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Workload manifests of the Kubernetes documentation, with statuses as the controllers write them. */
class AppsTypesTest {

    /** The shared strict round trip, plus the same through JSON. */
    static <T> T roundTrip(String yaml, Class<T> type) throws Exception {
        T decoded = ManifestRoundTrip.roundTrip(yaml, type);
        assertEquals(decoded, KubeJson.json().readValue(KubeJson.json().writeValueAsString(decoded), type));
        return decoded;
    }

    static final String NGINX_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: nginx-deployment
              namespace: default
              labels:
                app: nginx
              annotations:
                deployment.kubernetes.io/revision: "1"
              generation: 1
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: nginx
              strategy:
                type: RollingUpdate
                rollingUpdate:
                  maxSurge: 1
                  maxUnavailable: "25%"
              minReadySeconds: 5
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              template:
                metadata:
                  labels:
                    app: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.14.2
                    ports:
                    - containerPort: 80
            status:
              observedGeneration: 1
              replicas: 3
              updatedReplicas: 3
              readyReplicas: 3
              availableReplicas: 3
              conditions:
              - type: Available
                status: "True"
                lastUpdateTime: "2025-01-01T00:00:20Z"
                lastTransitionTime: "2025-01-01T00:00:20Z"
                reason: MinimumReplicasAvailable
                message: Deployment has minimum availability.
              - type: Progressing
                status: "True"
                lastUpdateTime: "2025-01-01T00:00:20Z"
                lastTransitionTime: "2025-01-01T00:00:00Z"
                reason: NewReplicaSetAvailable
                message: ReplicaSet "nginx-deployment-86dcfdf4c6" has successfully progressed.
            """;

    @Test
    void deployment() throws Exception {
        Deployment d = roundTrip(NGINX_DEPLOYMENT, Deployment.class);
        assertEquals(3, d.spec().replicas());
        assertEquals(Map.of("app", "nginx"), d.spec().selector().matchLabels());
        assertEquals(Apps.ROLLING_UPDATE, d.spec().strategy().type());
        assertEquals(IntOrString.of(1), d.spec().strategy().rollingUpdate().maxSurge());
        assertEquals(IntOrString.of("25%"), d.spec().strategy().rollingUpdate().maxUnavailable());
        assertEquals(5, d.spec().minReadySeconds());
        assertNull(d.spec().paused());
        assertEquals("nginx:1.14.2", d.spec().template().spec().containers().get(0).image());
        assertEquals(80, d.spec().template().spec().containers().get(0).ports().get(0).containerPort());
        assertEquals(3, d.status().availableReplicas());
        assertNull(d.status().unavailableReplicas());
        Deployment.DeploymentCondition progressing = d.status().conditions().get(1);
        assertEquals(Deployment.DeploymentCondition.PROGRESSING, progressing.type());
        assertEquals(Deployment.DeploymentCondition.REASON_NEW_RS_AVAILABLE, progressing.reason());
        assertEquals(Instant.parse("2025-01-01T00:00:20Z"), progressing.lastUpdateTime());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), progressing.lastTransitionTime());
        assertEquals("1", d.metadata().annotations().get(Apps.DEPLOYMENT_REVISION_ANNOTATION));
    }

    @Test
    void replicaSetOwnedByADeployment() throws Exception {
        ReplicaSet rs = roundTrip("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: frontend-7d9f8c6b5
                  namespace: default
                  labels:
                    tier: frontend
                    pod-template-hash: 7d9f8c6b5
                  ownerReferences:
                  - apiVersion: apps/v1
                    kind: Deployment
                    name: frontend
                    uid: 2f0c1a6e-0000-4000-8000-000000000001
                    controller: true
                    blockOwnerDeletion: true
                spec:
                  replicas: 3
                  selector:
                    matchLabels:
                      tier: frontend
                      pod-template-hash: 7d9f8c6b5
                  template:
                    metadata:
                      labels:
                        tier: frontend
                        pod-template-hash: 7d9f8c6b5
                    spec:
                      containers:
                      - name: php-redis
                        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
                status:
                  replicas: 3
                  fullyLabeledReplicas: 3
                  readyReplicas: 2
                  availableReplicas: 2
                  observedGeneration: 1
                """, ReplicaSet.class);
        assertEquals("Deployment", rs.metadata().controllerRef().kind());
        assertEquals(3, rs.spec().replicas());
        assertEquals("7d9f8c6b5", rs.spec().template().metadata().labels().get(Apps.POD_TEMPLATE_HASH_LABEL));
        assertEquals(2, rs.status().readyReplicas());
        assertEquals(3, rs.status().replicas());
    }

    static final String WEB_STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: web
              namespace: default
            spec:
              selector:
                matchLabels:
                  app: nginx
              serviceName: "nginx"
              replicas: 3
              minReadySeconds: 10
              podManagementPolicy: Parallel
              updateStrategy:
                type: RollingUpdate
                rollingUpdate:
                  partition: 1
                  maxUnavailable: 2
              persistentVolumeClaimRetentionPolicy:
                whenDeleted: Delete
                whenScaled: Retain
              ordinals:
                start: 1
              template:
                metadata:
                  labels:
                    app: nginx
                spec:
                  terminationGracePeriodSeconds: 10
                  containers:
                  - name: nginx
                    image: registry.k8s.io/nginx-slim:0.24
                    ports:
                    - containerPort: 80
                      name: web
                    volumeMounts:
                    - name: www
                      mountPath: /usr/share/nginx/html
              volumeClaimTemplates:
              - apiVersion: v1 # the API server prints the claim templates' TypeMeta; ksim's claims always have it
                kind: PersistentVolumeClaim
                metadata:
                  name: www
                spec:
                  accessModes: [ "ReadWriteOnce" ]
                  storageClassName: "my-storage-class"
                  resources:
                    requests:
                      storage: 1Gi
            status:
              observedGeneration: 2
              replicas: 3
              readyReplicas: 3
              currentReplicas: 1
              updatedReplicas: 2
              currentRevision: web-6b8f7d7c5
              updateRevision: web-58c6f9b8d4
              collisionCount: 0
              availableReplicas: 3
            """;

    @Test
    void statefulSetWithClaimTemplates() throws Exception {
        StatefulSet set = roundTrip(WEB_STATEFUL_SET, StatefulSet.class);
        StatefulSet.StatefulSetSpec spec = set.spec();
        assertEquals("nginx", spec.serviceName());
        assertEquals(StatefulSet.PARALLEL, spec.podManagementPolicy());
        assertEquals(1, spec.updateStrategy().rollingUpdate().partition());
        assertEquals(IntOrString.of(2), spec.updateStrategy().rollingUpdate().maxUnavailable());
        assertEquals(StatefulSet.DELETE, spec.persistentVolumeClaimRetentionPolicy().whenDeleted());
        assertEquals(StatefulSet.RETAIN, spec.persistentVolumeClaimRetentionPolicy().whenScaled());
        assertEquals(1, spec.startOrdinal());
        assertEquals(10L, spec.template().spec().terminationGracePeriodSeconds());
        PersistentVolumeClaim claim = spec.volumeClaimTemplates().get(0);
        assertEquals("www", claim.metadata().name());
        assertEquals(List.of("ReadWriteOnce"), claim.spec().accessModes());
        assertEquals("my-storage-class", claim.spec().storageClassName());
        assertEquals(Quantity.parse("1Gi"), claim.spec().resources().requests().get("storage"));
        assertEquals("web-58c6f9b8d4", set.status().updateRevision());
        assertEquals(0, set.status().collisionCount());
        assertEquals(3, set.status().availableReplicas());
        StatefulSet scaled = set.withSpec(spec.withReplicas(5));
        assertEquals(5, scaled.spec().replicas());
        assertEquals(set.status(), scaled.status());
        assertEquals(0, new StatefulSet.StatefulSetSpec(null, null, null, null, "nginx", null, null, null, null, null,
                null).startOrdinal(), "ordinals start at 0 without spec.ordinals");
    }

    @Test
    void daemonSetWithTolerationsAndStatus() throws Exception {
        DaemonSet ds = roundTrip("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: fluentd-elasticsearch
                  namespace: kube-system
                  labels:
                    k8s-app: fluentd-logging
                spec:
                  selector:
                    matchLabels:
                      name: fluentd-elasticsearch
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxUnavailable: "10%"
                      maxSurge: 0
                  template:
                    metadata:
                      labels:
                        name: fluentd-elasticsearch
                    spec:
                      tolerations:
                      - key: node-role.kubernetes.io/control-plane
                        operator: Exists
                        effect: NoSchedule
                      containers:
                      - name: fluentd-elasticsearch
                        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
                        resources:
                          limits:
                            memory: 200Mi
                          requests:
                            cpu: 100m
                            memory: 200Mi
                        volumeMounts:
                        - name: varlog
                          mountPath: /var/log
                      terminationGracePeriodSeconds: 30
                      volumes:
                      - name: varlog
                        hostPath:
                          path: /var/log
                status:
                  currentNumberScheduled: 2
                  desiredNumberScheduled: 2
                  numberMisscheduled: 0
                  numberReady: 2
                  numberAvailable: 2
                  updatedNumberScheduled: 2
                  observedGeneration: 1
                """, DaemonSet.class);
        assertEquals(IntOrString.of("10%"), ds.spec().updateStrategy().rollingUpdate().maxUnavailable());
        assertEquals(IntOrString.of(0), ds.spec().updateStrategy().rollingUpdate().maxSurge());
        assertEquals("Exists", ds.spec().template().spec().tolerations().get(0).operator());
        assertEquals(2, ds.status().desiredNumberScheduled());
        assertEquals(0, ds.status().numberMisscheduled());
        assertNull(ds.status().numberUnavailable());
        String json = KubeJson.json().writeValueAsString(ds.spec().updateStrategy());
        assertEquals("{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":\"10%\"},\"type\":\"RollingUpdate\"}", json);
    }

    @Test
    void daemonSetStatusCountsAreAlwaysPrinted() throws Exception {
        String json = KubeJson.json().writeValueAsString(
                new DaemonSet.DaemonSetStatus(0, 0, 0, 0, null, null, null, null, null, null));
        assertEquals("{\"currentNumberScheduled\":0,\"desiredNumberScheduled\":0,\"numberMisscheduled\":0,"
                + "\"numberReady\":0}", json);
    }

    @Test
    void controllerRevisionKeepsItsData() throws Exception {
        ControllerRevision rev = roundTrip("""
                apiVersion: apps/v1
                kind: ControllerRevision
                metadata:
                  name: web-6b8f7d7c5
                  namespace: default
                  labels:
                    app: nginx
                    controller-revision-hash: 6b8f7d7c5
                data:
                  spec:
                    template:
                      $patch: replace
                      metadata:
                        labels:
                          app: nginx
                      spec:
                        containers:
                        - name: nginx
                          image: registry.k8s.io/nginx-slim:0.24
                revision: 1
                """, ControllerRevision.class);
        assertEquals(1L, rev.revision());
        assertEquals("replace", rev.data().tree().at("/spec/template/$patch").asText());
        assertTrue(KubeJson.yaml().writeValueAsString(rev.withRevision(2)).contains("revision: 2"));
    }

    @Test
    void unknownFieldsAreReportedWithPaths() throws Exception {
        String yaml = NGINX_DEPLOYMENT.replace("maxSurge: 1", "maxSurge: 1\n      maxSurges: 2")
                .replace("image: nginx:1.14.2", "image: nginx:1.14.2\n        imagePullPolicyy: Always")
                .replace("replicas: 3\n  selector", "replica: 3\n  selector");
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            Deployment d = KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, Deployment.class, unknown);
            assertNull(d.spec().replicas());
        }
        assertEquals(List.of("spec.replica", "spec.strategy.rollingUpdate.maxSurges",
                "spec.template.spec.containers[0].imagePullPolicyy"), unknown);
    }
}
