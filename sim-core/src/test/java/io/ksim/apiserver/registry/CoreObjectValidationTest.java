package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Secret;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ConfigMap, Secret, PersistentVolumeClaim, PodDisruptionBudget, Node and Namespace validation through the API
 * server, after upstream's ValidateConfigMap(Update), ValidateSecret(Update), ValidatePersistentVolumeClaim(Update),
 * validateNodeTaints, ValidateNamespace (pkg/apis/core/validation/validation.go) and
 * ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation/validation.go), v1.32.
 */
class CoreObjectValidationTest {

    private final Kernel kernel = Kernel.builder().seed(11).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private KubeObject create(String yaml) {
        boolean clusterScoped = yaml.contains("kind: Node\n") || yaml.contains("kind: Namespace\n")
                || yaml.contains("kind: ClusterRole\n");
        String ns = clusterScoped ? null : "default";
        return api.createObject(ns, api.scheme().decodeAll(yaml).get(0));
    }

    static Stream<Arguments> invalidObjects() {
        return Stream.of(
                Arguments.of("config key with a space", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {'a b': x}",
                        "ConfigMap \"c\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of "
                                + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
                                + "regex used for validation is '[-._a-zA-Z0-9]+')"),
                Arguments.of("config key '..'", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {'..': x}",
                        "ConfigMap \"c\" is invalid: data[..]: Invalid value: \"..\": must not be '..'"),
                Arguments.of("key in data and binaryData",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: x}\nbinaryData: {k: eA==}",
                        "ConfigMap \"c\" is invalid: data[k]: Invalid value: \"k\": duplicate of key present in binaryData"),
                Arguments.of("secret key invalid", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {'a/b': eA==}",
                        "Secret \"s\" is invalid: data[a/b]: Invalid value: \"a/b\": a valid config key must consist of "
                                + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', "
                                + "regex used for validation is '[-._a-zA-Z0-9]+')"),
                Arguments.of("TLS secret without its keys",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\ndata: {tls.crt: eA==}",
                        "Secret \"s\" is invalid: data[tls.key]: Required value"),
                Arguments.of("service account token without its annotation",
                        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/service-account-token",
                        "Secret \"s\" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value"),
                Arguments.of("claim without access modes",
                        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {resources: {requests: {storage: 1Gi}}}",
                        "PersistentVolumeClaim \"data\" is invalid: spec.accessModes: Required value: at least 1 access mode is required"),
                Arguments.of("claim without a storage request",
                        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {accessModes: [ReadWriteOnce]}",
                        "PersistentVolumeClaim \"data\" is invalid: spec.resources[storage]: Required value"),
                Arguments.of("claim with an unknown access mode",
                        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\n"
                                + "spec: {accessModes: [ReadWriteSometimes], resources: {requests: {storage: 1Gi}}}",
                        "PersistentVolumeClaim \"data\" is invalid: spec.accessModes: Unsupported value: \"ReadWriteSometimes\": "
                                + "supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""),
                Arguments.of("claim of zero bytes",
                        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\n"
                                + "spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: '0'}}}",
                        "PersistentVolumeClaim \"data\" is invalid: spec.resources[storage]: Invalid value: \"0\": must be greater than zero"),
                Arguments.of("PDB with both bounds",
                        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n"
                                + "spec: {minAvailable: 1, maxUnavailable: 1, selector: {matchLabels: {app: web}}}",
                        "PodDisruptionBudget.policy \"p\" is invalid: spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: "
                                + "minAvailable and maxUnavailable cannot be both set"),
                Arguments.of("PDB above 100%",
                        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n"
                                + "spec: {minAvailable: 120%, selector: {matchLabels: {app: web}}}",
                        "PodDisruptionBudget.policy \"p\" is invalid: spec.minAvailable: Invalid value: "
                                + "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%"),
                Arguments.of("PDB percentage malformed",
                        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n"
                                + "spec: {maxUnavailable: half, selector: {matchLabels: {app: web}}}",
                        "PodDisruptionBudget.policy \"p\" is invalid: spec.maxUnavailable: Invalid value: "
                                + "intstr.IntOrString{Type:1, IntVal:0, StrVal:\"half\"}: a valid percent string must be a "
                                + "numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"),
                Arguments.of("PDB negative count",
                        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n"
                                + "spec: {minAvailable: -1, selector: {matchLabels: {app: web}}}",
                        "PodDisruptionBudget.policy \"p\" is invalid: spec.minAvailable: Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("node taint effect unknown",
                        "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {taints: [{key: k, effect: NoWay}]}",
                        "Node \"n1\" is invalid: metadata.taints[0].effect: Unsupported value: \"NoWay\": supported values: "
                                + "\"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
                Arguments.of("node taint without an effect",
                        "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {taints: [{key: k}]}",
                        "Node \"n1\" is invalid: metadata.taints[0].effect: Required value"),
                Arguments.of("node taints repeat key and effect",
                        "apiVersion: v1\nkind: Node\nmetadata: {name: n1}\n"
                                + "spec: {taints: [{key: k, value: a, effect: NoSchedule}, {key: k, value: b, effect: NoSchedule}]}",
                        "Node \"n1\" is invalid: metadata.taints[1]: Duplicate value: core.Taint{Key:\"k\", Value:\"b\", "
                                + "Effect:\"NoSchedule\", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair"),
                Arguments.of("lease duration zero",
                        "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: l}\nspec: {leaseDurationSeconds: 0}",
                        "Lease.coordination.k8s.io \"l\" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"),
                Arguments.of("role rule without verbs",
                        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n"
                                + "rules: [{apiGroups: [''], resources: [pods]}]",
                        "Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].verbs: Required value: verbs must contain "
                                + "at least one value"),
                Arguments.of("role rule on non-resource URLs",
                        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\n"
                                + "rules: [{verbs: [get], nonResourceURLs: [/healthz]}]",
                        "Role.rbac.authorization.k8s.io \"r\" is invalid: rules[0].nonResourceURLs: Invalid value: "
                                + "[]string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs"),
                Arguments.of("cluster role rule without resources",
                        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\n"
                                + "rules: [{verbs: [get], apiGroups: ['']}]",
                        "ClusterRole.rbac.authorization.k8s.io \"r\" is invalid: rules[0].resources: Required value: "
                                + "resource rules must supply at least one resource"),
                Arguments.of("pod template without containers",
                        "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate: {spec: {containers: []}}",
                        "PodTemplate \"t\" is invalid: template.spec.containers: Required value"),
                Arguments.of("namespace finalizer neither standard nor qualified",
                        "apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\nspec: {finalizers: [cleanup]}",
                        "Namespace \"team\" is invalid: spec.finalizers: Invalid value: \"cleanup\": name is neither a "
                                + "standard finalizer name nor is it fully qualified"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidObjects")
    void rejectsWithUpstreamsText(String rule, String yaml, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> create(yaml));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void aConfigMapHoldsAtMostOneMebibyte() {
        ConfigMap big = new ConfigMap(null, null, io.ksim.api.meta.ObjectMeta.builder().name("big").build(), null,
                new TreeMap<>(Map.of("a", "x".repeat(600 * 1024), "b", "y".repeat(500 * 1024))), null);
        ApiException e = assertThrows(ApiException.class, () -> api.createObject("default", big));
        assertEquals("ConfigMap \"big\" is invalid: : Too long: may not be more than 1048576 bytes", e.getMessage());
    }

    @Test
    void aBoundClaimMayNotShrinkBelowItsCapacity() {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) create("apiVersion: v1\nkind: PersistentVolumeClaim\n"
                + "metadata: {name: data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}}");
        PersistentVolumeClaim bound = api.updateStatus(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, pvc.withStatus(
                pvc.status().withPhase("Bound").withCapacity(new TreeMap<>(Map.of("storage",
                        io.ksim.api.resource.Quantity.parse("2Gi"))), null)));
        PersistentVolumeClaim smaller = bound.withSpec(bound.spec().withResources(
                new PersistentVolumeClaim.VolumeResourceRequirements(null,
                        new TreeMap<>(Map.of("storage", io.ksim.api.resource.Quantity.parse("1Gi"))))));
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, smaller));
        assertEquals("PersistentVolumeClaim \"data\" is invalid: spec.resources.requests.storage: Forbidden: "
                + "field can not be less than status.capacity", e.getMessage());
    }

    @Test
    void anImmutableConfigMapKeepsItsData() {
        ConfigMap cm = (ConfigMap) create("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nimmutable: true\ndata: {k: v}");
        ConfigMap changed = new ConfigMap(cm.apiVersion(), cm.kind(), cm.metadata(), true, new TreeMap<>(Map.of("k", "w")),
                cm.binaryData());
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.CONFIG_MAPS, changed));
        assertEquals("ConfigMap \"c\" is invalid: data: Forbidden: field is immutable when `immutable` is set", e.getMessage());
    }

    @Test
    void aSecretsTypeIsImmutable() {
        Secret s = (Secret) create("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {username: eA==}");
        ApiException e = assertThrows(ApiException.class,
                () -> api.update(BuiltinResources.SECRETS, s.withType(Secret.TYPE_BASIC_AUTH)));
        assertEquals("Secret \"s\" is invalid: type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
                e.getMessage());
    }

    @Test
    void aSecretsStringDataIsMergedIntoDataOnCreateAndUpdate() {
        Secret s = (Secret) create("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
                + "data: {user: eA==, kept: eQ==}\nstringData: {user: admin, password: pw}");
        assertEquals(java.util.Map.of("kept", "eQ==", "password", "cHc=", "user", "YWRtaW4="), s.data());
        assertEquals(java.util.Map.of(), s.stringData());
        Secret stored = api.get(BuiltinResources.SECRETS, "default", "s");
        assertEquals(s, stored);
        Secret updated = api.update(BuiltinResources.SECRETS, new Secret(null, null, stored.metadata(), null,
                stored.data(), new java.util.TreeMap<>(java.util.Map.of("kept", "z")), null));
        assertEquals(java.util.Map.of("kept", "eg==", "password", "cHc=", "user", "YWRtaW4="), updated.data());
        assertEquals(java.util.Map.of(), updated.stringData());
    }

    @Test
    void aClaimsSpecIsImmutable() {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) create("apiVersion: v1\nkind: PersistentVolumeClaim\n"
                + "metadata: {name: data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}");
        PersistentVolumeClaim changed = pvc.withSpec(new PersistentVolumeClaim.PersistentVolumeClaimSpec(
                java.util.List.of("ReadWriteMany"), null, pvc.spec().resources(), null, null, null, null, null, null));
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, changed));
        assertEquals("PersistentVolumeClaim \"data\" is invalid: spec: Forbidden: spec is immutable after creation except "
                + "resources.requests and volumeAttributesClassName for bound claims", e.getMessage());
    }

    /** validation.go validateStorageClassUpgradeFromNil: a class may be set once on a claim created without one. */
    @Test
    void aClaimWithoutAClassMayGetOneOnceButNotChangeIt() {
        PersistentVolumeClaim pvc = (PersistentVolumeClaim) create("apiVersion: v1\nkind: PersistentVolumeClaim\n"
                + "metadata: {name: data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}");
        var s = pvc.spec();
        PersistentVolumeClaim withClass = api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, pvc.withSpec(
                new PersistentVolumeClaim.PersistentVolumeClaimSpec(s.accessModes(), null, s.resources(), null,
                        "standard", s.volumeMode(), null, null, null)));
        assertEquals("standard", withClass.spec().storageClassName());
        PersistentVolumeClaim other = withClass.withSpec(new PersistentVolumeClaim.PersistentVolumeClaimSpec(
                s.accessModes(), null, s.resources(), null, "gold", s.volumeMode(), null, null, null));
        ApiException e = assertThrows(ApiException.class,
                () -> api.update(BuiltinResources.PERSISTENT_VOLUME_CLAIMS, other));
        assertEquals("PersistentVolumeClaim \"data\" is invalid: spec: Forbidden: spec is immutable after creation "
                + "except resources.requests and volumeAttributesClassName for bound claims", e.getMessage());
    }
}
