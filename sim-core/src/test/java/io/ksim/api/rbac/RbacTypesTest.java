package io.ksim.api.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.KubeJson;
import io.ksim.api.core.ManifestRoundTrip;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Manifests from the RBAC page of the Kubernetes documentation (Using RBAC Authorization). */
class RbacTypesTest {

    /** The shared strict round trip, plus the same through JSON. */
    private static <T> T roundTrip(String yaml, Class<T> type) throws Exception {
        T decoded = ManifestRoundTrip.roundTrip(yaml, type);
        assertEquals(decoded, KubeJson.json().readValue(KubeJson.json().writeValueAsString(decoded), type));
        return decoded;
    }

    @Test
    void roleAndRoleBinding() throws Exception {
        Role role = roundTrip("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  namespace: default
                  name: pod-reader
                rules:
                - apiGroups: [""]
                  resources: ["pods"]
                  verbs: ["get", "watch", "list"]
                - apiGroups: [""]
                  resources: ["configmaps"]
                  resourceNames: ["my-configmap"]
                  verbs: ["update", "get"]
                """, Role.class);
        assertEquals("Role", role.kind());
        assertEquals(List.of(""), role.rules().get(0).apiGroups());
        assertEquals(List.of("get", "watch", "list"), role.rules().get(0).verbs());
        assertEquals(List.of("my-configmap"), role.rules().get(1).resourceNames());

        RoleBinding binding = roundTrip("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: read-pods
                  namespace: default
                subjects:
                - kind: User
                  name: jane
                  apiGroup: rbac.authorization.k8s.io
                - kind: ServiceAccount
                  name: default
                  namespace: kube-system
                roleRef:
                  kind: Role
                  name: pod-reader
                  apiGroup: rbac.authorization.k8s.io
                """, RoleBinding.class);
        assertEquals(Subject.user("jane"), binding.subjects().get(0));
        assertEquals(Subject.serviceAccount("kube-system", "default"), binding.subjects().get(1));
        assertEquals(RoleRef.role("pod-reader"), binding.roleRef());
    }

    @Test
    void aggregatedClusterRoleAndNonResourceUrls() throws Exception {
        ClusterRole monitoring = roundTrip("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: monitoring
                aggregationRule:
                  clusterRoleSelectors:
                  - matchLabels:
                      rbac.example.com/aggregate-to-monitoring: "true"
                """, ClusterRole.class);
        assertEquals(Map.of("rbac.example.com/aggregate-to-monitoring", "true"),
                monitoring.aggregationRule().clusterRoleSelectors().get(0).matchLabels());
        assertEquals(List.of(), monitoring.rules());
        // An empty list decodes as no list; ksim writes neither (upstream writes "rules": null or []).
        assertEquals(monitoring, KubeJson.yaml().readValue(
                KubeJson.yaml().writeValueAsString(monitoring) + "rules: []\n", ClusterRole.class));

        ClusterRole health = roundTrip("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: healthz
                  annotations:
                    rbac.authorization.kubernetes.io/autoupdate: "true"
                rules:
                - nonResourceURLs: ["/healthz", "/healthz/*"]
                  verbs: ["get", "post"]
                """, ClusterRole.class);
        assertNull(health.aggregationRule());
        assertEquals(List.of("/healthz", "/healthz/*"), health.rules().get(0).nonResourceURLs());

        ClusterRoleBinding crb = roundTrip("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: read-secrets-global
                subjects:
                - kind: Group
                  name: manager
                  apiGroup: rbac.authorization.k8s.io
                roleRef:
                  kind: ClusterRole
                  name: secret-reader
                  apiGroup: rbac.authorization.k8s.io
                """, ClusterRoleBinding.class);
        assertEquals(Subject.group("manager"), crb.subjects().get(0));
        assertEquals(RoleRef.clusterRole("secret-reader"), crb.roleRef());
    }

    @Test
    void constructorsFillTypeMeta() {
        Role role = new Role(io.ksim.api.meta.ObjectMeta.of("ns", "r"), null);
        assertEquals("rbac.authorization.k8s.io/v1", role.apiVersion());
        assertEquals("Role", role.kind());
        assertEquals(List.of(), role.rules());
    }

    @Test
    void unknownFieldsAreReportedWithPaths() throws Exception {
        String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata:
                  name: b
                subjects:
                - kind: User
                  name: jane
                  namespaces: x
                roleRef:
                  kind: Role
                  name: r
                  apigroup: rbac.authorization.k8s.io
                """;
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, RoleBinding.class, unknown);
        }
        assertEquals(List.of("subjects[0].namespaces", "roleRef.apigroup"), unknown);
    }
}
