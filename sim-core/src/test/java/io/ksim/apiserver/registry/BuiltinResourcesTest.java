package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ManifestException;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import io.ksim.store.RangeRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real kinds through the generic API machinery: keys, defaults, strategies, strict decoding. */
class BuiltinResourcesTest {

    private final Kernel kernel = Kernel.builder().seed(11).build();
    private final MvccStore etcd = MvccStore.builder(kernel).build();
    private final ApiServer api = new ApiServer(kernel, etcd);

    BuiltinResourcesTest() {
        BuiltinResources.registerAll(api);
    }

    private static final String MANIFEST = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
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
                    ports:
                    - containerPort: 80
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: busy
            spec:
              containers:
              - name: c
                image: busybox
                resources:
                  limits: {cpu: 500m, memory: 128Mi}
            """;

    @Test
    void manifestObjectsAreDefaultedStoredAndPreparedAsUpstream() {
        for (KubeObject obj : api.scheme().decodeAll(MANIFEST)) {
            api.createObject("default", obj);
        }
        Deployment web = api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        assertEquals(1L, web.metadata().generation());
        assertEquals("RollingUpdate", web.spec().strategy().type());
        assertEquals("25%", web.spec().strategy().rollingUpdate().maxSurge().toString());
        assertEquals(10, web.spec().revisionHistoryLimit());
        assertEquals(600, web.spec().progressDeadlineSeconds());
        assertEquals("IfNotPresent", web.spec().template().spec().containers().get(0).imagePullPolicy());

        Pod busy = api.get(BuiltinResources.PODS, "default", "busy");
        assertEquals("Pending", busy.status().phase());
        assertEquals("Guaranteed", busy.status().qosClass(), "requests default to limits");
        assertEquals("Always", busy.spec().containers().get(0).imagePullPolicy(), "untagged image");
        assertNull(busy.metadata().generation(), "pods have no generation in 1.32");
        assertEquals(1, etcd.range(RangeRequest.key("/registry/deployments/default/web")).count());
        assertEquals(1, etcd.range(RangeRequest.key("/registry/pods/default/busy")).count());
    }

    @Test
    void specChangesBumpTheGenerationAndStatusUpdatesDoNot() {
        api.scheme().decodeAll(MANIFEST).forEach(o -> api.createObject("default", o));
        Deployment web = api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        Deployment scaled = api.update(BuiltinResources.DEPLOYMENTS, web.withSpec(web.spec().withReplicas(5)));
        assertEquals(2L, scaled.metadata().generation());
        Deployment relabeled = api.update(BuiltinResources.DEPLOYMENTS, scaled.withMetadata(
                scaled.metadata().withLabels(java.util.Map.of("app", "web", "tier", "front"))));
        assertEquals(2L, relabeled.metadata().generation(), "metadata changes keep the generation");
    }

    // pkg/registry/apps/deployment/strategy.go: the status strategy resets only spec and labels, so the
    // deployment controller can write the revision annotation with the status; ReplicaSets reset all metadata.
    @Test
    void deploymentStatusUpdatesWriteAnnotationsButNotLabels() {
        api.scheme().decodeAll(MANIFEST).forEach(o -> api.createObject("default", o));
        Deployment web = api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        Deployment written = api.updateStatus(BuiltinResources.DEPLOYMENTS, web.withMetadata(web.metadata().toBuilder()
                .annotations(java.util.Map.of("deployment.kubernetes.io/revision", "1"))
                .labels(java.util.Map.of("sneaky", "yes")).build()));
        assertEquals("1", written.metadata().annotations().get("deployment.kubernetes.io/revision"));
        assertEquals(web.metadata().labels(), written.metadata().labels());
        assertEquals(web.metadata().generation(), written.metadata().generation());
    }

    @Test
    void unscheduledPodsGoAtOnceScheduledPodsGracefully() {
        api.scheme().decodeAll(MANIFEST).forEach(o -> api.createObject("default", o));
        api.delete(BuiltinResources.PODS, "default", "busy", DeleteOptions.defaults());
        assertThrows(ApiException.class, () -> api.get(BuiltinResources.PODS, "default", "busy"));

        Pod pod = Pod.of(io.ksim.api.meta.ObjectMeta.of("default", "bound"),
                PodSpec.builder().nodeName("node-1").containers(List.of(
                        io.ksim.api.core.Container.builder().name("c").image("nginx:1.25").build())).build());
        api.create(BuiltinResources.PODS, "default", pod);
        kernel.advance(Duration.ofSeconds(5));
        Pod marked = api.delete(BuiltinResources.PODS, "default", "bound", DeleteOptions.defaults());
        assertEquals(Instant.parse("2025-01-01T00:00:35Z"), marked.metadata().deletionTimestamp());
        assertEquals(30L, marked.metadata().deletionGracePeriodSeconds());
    }

    @Test
    void namespacesStartActiveWithTheKubernetesFinalizer() {
        Namespace ns = api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team-a"));
        assertEquals("Active", ns.status().phase());
        assertEquals(List.of("kubernetes"), ns.spec().finalizers());
        assertEquals("team-a", ns.metadata().labels().get("kubernetes.io/metadata.name"));
        assertEquals(1, etcd.range(RangeRequest.key("/registry/namespaces/team-a")).count());
    }

    @Test
    void strictDecodingNamesEveryUnknownFieldAndWrongTypes() {
        ManifestException unknown = assertThrows(ManifestException.class, () -> api.scheme().decodeAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replica: 3
                  template:
                    spec:
                      containers:
                      - name: c
                        image: nginx
                        imagePullPolicyy: Always
                """));
        assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
                + "unknown field \"spec.replica\", unknown field \"spec.template.spec.containers[0].imagePullPolicyy\"",
                unknown.getMessage());
        ManifestException type = assertThrows(ManifestException.class, () -> api.scheme().decodeAll("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: "three"
                """));
        assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string "
                + "into Go struct field DeploymentSpec.spec.replicas of type int32", type.getMessage());
        ManifestException kind = assertThrows(ManifestException.class, () -> api.scheme().decodeAll("""
                apiVersion: v1
                kind: Pood
                metadata: {name: x}
                """));
        assertEquals("no matches for kind \"Pood\" in version \"v1\"", kind.getMessage());
        ManifestException yaml = assertThrows(ManifestException.class, () -> api.scheme().decodeAll("a: b: c\n"));
        assertTrue(yaml.getMessage().startsWith("error converting YAML to JSON: yaml: line 1: "), yaml.getMessage());
    }

    @Test
    void kindsAreRegisteredUnderUpstreamKeys() {
        assertEquals("/registry/minions/n1", BuiltinResources.NODES.key(null, "n1"));
        assertEquals("/registry/services/specs/default/web", BuiltinResources.SERVICES.key("default", "web"));
        assertEquals("/registry/services/endpoints/default/web", BuiltinResources.ENDPOINTS.key("default", "web"));
        assertEquals("deployments.apps", BuiltinResources.DEPLOYMENTS.groupResource().toString());
        assertEquals("/registry/controllers/default/web", BuiltinResources.REPLICATION_CONTROLLERS.key("default", "web"));
        assertEquals("/registry/csinodes/node-1", BuiltinResources.CSI_NODES.key(null, "node-1"));
        assertEquals(34, api.resources().size());
        assertEquals("networkpolicies.networking.k8s.io", BuiltinResources.NETWORK_POLICIES.groupResource().toString());
    }

    @Test
    void namesFollowTheResourcesRuleWithUpstreamsText() {
        Pod bad = Pod.of(io.ksim.api.meta.ObjectMeta.of("default", "Web_1"), PodSpec.builder().containers(List.of(
                io.ksim.api.core.Container.builder().name("c").image("nginx").build())).build());
        ApiException e = assertThrows(ApiException.class, () -> api.create(BuiltinResources.PODS, "default", bad));
        assertEquals("Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain "
                + "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
                + "alphanumeric character (e.g. 'example.com', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", e.getMessage());
        assertEquals("FieldValueInvalid", e.status().details().causes().get(0).reason());
        assertEquals("metadata.name", e.status().details().causes().get(0).field());

        ApiException ns = assertThrows(ApiException.class,
                () -> api.create(BuiltinResources.NAMESPACES, null, Namespace.of("team.a")));
        // A valid subdomain that is no label can only have failed on its dots: upstream says just that.
        assertEquals("Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\": must not contain dots",
                ns.getMessage());
    }
}
