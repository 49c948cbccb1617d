package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.LocalObjectReference;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeMount;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cases of upstream's plugin/pkg/admission/serviceaccount/admission_test.go, through the API server. */
class ServiceAccountAdmissionTest {

    private static final String SUFFIX = "[" + io.ksim.apiserver.NameGenerator.ALPHANUMS + "]{5}";

    private final Kernel kernel = Kernel.builder().seed(21).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private void serviceAccount(ServiceAccount sa) {
        api.create(BuiltinResources.SERVICE_ACCOUNTS, "default", sa);
    }

    private static ServiceAccount sa(String name, Boolean automount, List<LocalObjectReference> pullSecrets) {
        return new ServiceAccount(null, null, ObjectMeta.of("default", name), null, pullSecrets, automount);
    }

    private static Container container(String name) {
        return Container.builder().name(name).image("nginx:1.25").build();
    }

    private static Pod pod(String name, PodSpec spec) {
        return Pod.of(ObjectMeta.of("default", name), spec);
    }

    private Pod create(Pod pod) {
        return api.create(BuiltinResources.PODS, "default", pod);
    }

    @Test
    void aPodWithoutAServiceAccountGetsDefaultAndTheProjectedTokenVolume() {
        serviceAccount(ServiceAccount.of("default", "default"));
        Pod created = create(pod("web", PodSpec.builder().initContainers(List.of(container("init")))
                .containers(List.of(container("app"), container("sidecar"))).build()));

        assertEquals("default", created.spec().serviceAccountName());
        assertEquals("default", created.spec().serviceAccount());
        Volume volume = created.spec().volumes().get(created.spec().volumes().size() - 1);
        assertTrue(volume.name().matches("kube-api-access-" + SUFFIX), volume.name());
        assertEquals(ServiceAccountTokenVolume.source(), volume.projected());
        assertEquals(420, volume.projected().defaultMode());
        assertEquals(3607L, volume.projected().sources().get(0).serviceAccountToken().expirationSeconds());
        assertEquals("token", volume.projected().sources().get(0).serviceAccountToken().path());
        assertEquals("kube-root-ca.crt", volume.projected().sources().get(1).configMap().name());
        assertEquals("metadata.namespace",
                volume.projected().sources().get(2).downwardAPI().items().get(0).fieldRef().fieldPath());
        VolumeMount expected = new VolumeMount(volume.name(), true, null,
                "/var/run/secrets/kubernetes.io/serviceaccount", null, null, null);
        for (Container c : Stream.concat(created.spec().initContainers().stream(),
                created.spec().containers().stream()).toList()) {
            assertEquals(List.of(expected), c.volumeMounts(), c.name());
        }
    }

    @Test
    void aMissingServiceAccountIsForbiddenWithUpstreamsText() {
        ApiException e = assertThrows(ApiException.class,
                () -> create(pod("x", PodSpec.of(container("app")))));
        assertEquals(403, e.code());
        assertEquals("pods \"x\" is forbidden: error looking up service account default/default: "
                + "serviceaccount \"default\" not found", e.getMessage());
        assertThrows(ApiException.class, () -> api.get(BuiltinResources.PODS, "default", "x"));
    }

    @Test
    void aNamedServiceAccountMustExistToo() {
        serviceAccount(ServiceAccount.of("default", "default"));
        ApiException e = assertThrows(ApiException.class, () -> create(pod("x",
                PodSpec.builder().serviceAccountName("builder").containers(List.of(container("app"))).build())));
        assertEquals("pods \"x\" is forbidden: error looking up service account default/builder: "
                + "serviceaccount \"builder\" not found", e.getMessage());
    }

    @Test
    void theDeprecatedServiceAccountFieldNamesTheAccount() {
        serviceAccount(ServiceAccount.of("default", "builder"));
        Pod created = create(pod("x", PodSpec.builder().serviceAccount("builder")
                .containers(List.of(container("app"))).build()));
        assertEquals("builder", created.spec().serviceAccountName());
    }

    /** shouldAutomount: the pod's choice wins, then the service account's, then true. */
    static Stream<Arguments> automount() {
        return Stream.of(
                Arguments.of(null, null, true),
                Arguments.of(null, true, true),
                Arguments.of(null, false, false),
                Arguments.of(true, false, true),
                Arguments.of(false, true, false),
                Arguments.of(false, null, false),
                Arguments.of(true, null, true));
    }

    @ParameterizedTest(name = "pod {0}, service account {1} -> mounted {2}")
    @MethodSource("automount")
    void automountServiceAccountToken(Boolean podSays, Boolean saSays, boolean mounted) {
        serviceAccount(sa("default", saSays, null));
        Pod created = create(pod("web", PodSpec.builder().automountServiceAccountToken(podSays)
                .containers(List.of(container("app"))).build()));
        assertEquals(mounted ? 1 : 0, created.spec().volumes().size());
        assertEquals(mounted ? 1 : 0, created.spec().containers().get(0).volumeMounts().size());
    }

    @Test
    void aContainerThatMountsSomethingAtThePathKeepsItsOwnMount() {
        serviceAccount(ServiceAccount.of("default", "default"));
        VolumeMount own = VolumeMount.of("mine", "/var/run/secrets/kubernetes.io/serviceaccount");
        Container mounting = container("own").toBuilder().volumeMounts(List.of(own)).build();
        Pod both = create(pod("both", PodSpec.builder().volumes(List.of(Volume.emptyDir("mine")))
                .containers(List.of(mounting, container("app"))).build()));
        assertEquals(List.of(own), both.spec().containers().get(0).volumeMounts());
        assertEquals(2, both.spec().volumes().size());

        // No container needs the token: no volume either.
        Pod none = create(pod("none", PodSpec.builder().volumes(List.of(Volume.emptyDir("mine")))
                .containers(List.of(mounting)).build()));
        assertEquals(List.of("mine"), none.spec().volumes().stream().map(Volume::name).toList());
    }

    @Test
    void anExistingKubeApiAccessVolumeIsReused() {
        serviceAccount(ServiceAccount.of("default", "default"));
        Volume existing = Volume.builder().name("kube-api-access-abcde").projected(ServiceAccountTokenVolume.source())
                .build();
        Pod created = create(pod("web", PodSpec.builder().volumes(List.of(existing))
                .containers(List.of(container("app"))).build()));
        assertEquals(List.of(existing), created.spec().volumes());
        assertEquals("kube-api-access-abcde", created.spec().containers().get(0).volumeMounts().get(0).name());
    }

    @Test
    void imagePullSecretsComeFromTheServiceAccountOnlyWhenThePodHasNone() {
        serviceAccount(sa("default", null, List.of(new LocalObjectReference("registry"))));
        assertEquals(List.of(new LocalObjectReference("registry")),
                create(pod("a", PodSpec.of(container("app")))).spec().imagePullSecrets());
        assertEquals(List.of(new LocalObjectReference("mine")), create(pod("b", PodSpec.builder()
                .imagePullSecrets(List.of(new LocalObjectReference("mine"))).containers(List.of(container("app")))
                .build())).spec().imagePullSecrets());
    }

    @Test
    void mirrorPodsAreLeftAloneButMayNotReferenceServiceAccountsOrSecrets() {
        Map<String, String> mirror = Map.of(ServiceAccountAdmission.MIRROR_POD_ANNOTATION, "abc");
        Pod plain = Pod.of(ObjectMeta.builder().namespace("default").name("etcd-node-1").annotations(mirror).build(),
                PodSpec.of(container("etcd")));
        Pod created = create(plain);
        assertEquals(null, created.spec().serviceAccountName());
        assertEquals(List.of(), created.spec().volumes());

        Pod withSa = plain.withMetadata(plain.metadata().toBuilder().name("m2").build())
                .withSpec(plain.spec().toBuilder().serviceAccountName("default").build());
        assertEquals("pods \"m2\" is forbidden: a mirror pod may not reference service accounts",
                assertThrows(ApiException.class, () -> create(withSa)).getMessage());
        Pod withSecret = plain.withMetadata(plain.metadata().toBuilder().name("m3").build())
                .withSpec(plain.spec().toBuilder().volumes(List.of(Volume.secret("s", "creds"))).build());
        assertEquals("pods \"m3\" is forbidden: a mirror pod may not reference secrets",
                assertThrows(ApiException.class, () -> create(withSecret)).getMessage());
        Pod withToken = plain.withMetadata(plain.metadata().toBuilder().name("m4").build())
                .withSpec(plain.spec().toBuilder().volumes(List.of(Volume.builder().name("t")
                        .projected(ServiceAccountTokenVolume.source()).build())).build());
        assertEquals("pods \"m4\" is forbidden: a mirror pod may not use ServiceAccountToken volume projections",
                assertThrows(ApiException.class, () -> create(withToken)).getMessage());
    }

    @Test
    void enforcedMountableSecretsRefuseSecretsTheAccountDoesNotList() {
        ServiceAccount enforcing = ServiceAccount.of("default", "default");
        enforcing = enforcing.withMetadata(enforcing.metadata().toBuilder().annotations(
                Map.of(ServiceAccountAdmission.ENFORCE_MOUNTABLE_SECRETS_ANNOTATION, "true")).build());
        serviceAccount(enforcing);
        ApiException e = assertThrows(ApiException.class, () -> create(pod("x", PodSpec.builder()
                .volumes(List.of(Volume.secret("s", "creds"))).containers(List.of(container("app"))).build())));
        assertEquals("pods \"x\" is forbidden: volume with secret.secretName=\"creds\" is not allowed because "
                + "service account default does not reference that secret", e.getMessage());
    }

    @Test
    void theVolumeNameComesFromTheSeedAndNotFromTheApiServersStream() {
        Kernel other = Kernel.builder().seed(21).build();
        ApiServer twin = KubeApiServer.start(other, MvccStore.builder(other).build());
        serviceAccount(ServiceAccount.of("default", "default"));
        twin.create(BuiltinResources.SERVICE_ACCOUNTS, "default", ServiceAccount.of("default", "default"));
        // The twin generates an object name first: its admission stream must not move.
        twin.create(BuiltinResources.CONFIG_MAPS, "default", new io.ksim.api.core.ConfigMap(null, null,
                ObjectMeta.builder().namespace("default").generateName("cm-").build(), null, null, null));
        String here = create(pod("web", PodSpec.of(container("app")))).spec().volumes().get(0).name();
        String there = twin.create(BuiltinResources.PODS, "default", pod("web", PodSpec.of(container("app"))))
                .spec().volumes().get(0).name();
        assertEquals(here, there);
        assertNotEquals(here, create(pod("web-2", PodSpec.of(container("app")))).spec().volumes().get(0).name());
    }
}
