package io.ksim.apiserver.registry;

import io.ksim.api.core.Container;
import io.ksim.api.core.EnvFromSource;
import io.ksim.api.core.EnvVar;
import io.ksim.api.core.EphemeralContainer;
import io.ksim.api.core.LocalObjectReference;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeProjection;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.NameGenerator;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount/admission.go), on pod creation:
 * <ol>
 * <li>a pod that names no service account gets {@code default};</li>
 * <li>the service account must exist, else 403
 * {@code pods "web" is forbidden: error looking up service account default/default: serviceaccount "default" not found};</li>
 * <li>unless the pod, or failing that the service account, says {@code automountServiceAccountToken: false}, the
 * projected token volume is mounted ({@link ServiceAccountTokenVolume});</li>
 * <li>a pod without imagePullSecrets gets the service account's.</li>
 * </ol>
 * A service account annotated {@code kubernetes.io/enforce-mountable-secrets: "true"} also limits the secrets the
 * pod may reference to those it lists. Mirror pods (the kubelet's static pods) are not changed, and may reference
 * neither service accounts nor secrets.
 *
 * <p>The volume name's random suffix comes from this plugin's own random stream, so adding the plugin leaves the
 * names the API server generates for objects as they were.
 */
public final class ServiceAccountAdmission implements AdmissionPlugin {

    public static final String DEFAULT_SERVICE_ACCOUNT = ServiceAccount.DEFAULT_NAME;
    /** The annotation marking a mirror pod (kubelet types.ConfigMirrorAnnotationKey). */
    public static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
    public static final String ENFORCE_MOUNTABLE_SECRETS_ANNOTATION = "kubernetes.io/enforce-mountable-secrets";

    private final ApiServer api;
    private final NameGenerator names;

    public ServiceAccountAdmission(ApiServer api) {
        this.api = api;
        this.names = new NameGenerator(api.kernel().random("apiserver/admission/ServiceAccount"));
    }

    @Override
    public String name() {
        return "ServiceAccount";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type != BuiltinResources.PODS || operation != Operation.CREATE) {
            return obj;
        }
        Pod pod = (Pod) obj;
        if (pod.metadata().annotations().containsKey(MIRROR_POD_ANNOTATION)) {
            validateMirrorPod(pod, name);
            return obj;
        }
        PodSpec spec = pod.spec();
        String saName = serviceAccountName(spec);
        ServiceAccount sa = serviceAccount(namespace, saName, name);
        // v1's deprecated serviceAccount field mirrors serviceAccountName, as conversion writes it.
        spec = spec.toBuilder().serviceAccountName(saName).serviceAccount(saName).build();
        if (shouldAutomount(sa, spec)) {
            spec = ServiceAccountTokenVolume.mount(spec, names);
        }
        if (spec.imagePullSecrets().isEmpty() && !sa.imagePullSecrets().isEmpty()) {
            spec = spec.toBuilder().imagePullSecrets(sa.imagePullSecrets().stream()
                    .map(r -> new LocalObjectReference(r.name())).toList()).build();
        }
        if (enforceMountableSecrets(sa)) {
            String refused = limitSecretReferences(sa, spec);
            if (refused != null) {
                throw ApiErrors.forbidden(type.groupResource(), name, refused);
            }
        }
        return type.cast(pod.withSpec(spec));
    }

    /** serviceAccountName, else the deprecated serviceAccount (as v1 conversion reads it), else "default". */
    static String serviceAccountName(PodSpec spec) {
        if (spec.serviceAccountName() != null && !spec.serviceAccountName().isEmpty()) {
            return spec.serviceAccountName();
        }
        if (spec.serviceAccount() != null && !spec.serviceAccount().isEmpty()) {
            return spec.serviceAccount();
        }
        return DEFAULT_SERVICE_ACCOUNT;
    }

    private ServiceAccount serviceAccount(String namespace, String saName, String podName) {
        try {
            return api.get(BuiltinResources.SERVICE_ACCOUNTS, namespace, saName);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            // Upstream reports the lookup's NotFound with the resource named in the singular.
            throw ApiErrors.forbidden(BuiltinResources.PODS.groupResource(), podName, "error looking up service account "
                    + namespace + "/" + saName + ": serviceaccount \"" + saName + "\" not found");
        }
    }

    /** The pod's choice wins, then the service account's; mounting is the default. */
    static boolean shouldAutomount(ServiceAccount sa, PodSpec spec) {
        if (spec.automountServiceAccountToken() != null) {
            return spec.automountServiceAccountToken();
        }
        if (sa.automountServiceAccountToken() != null) {
            return sa.automountServiceAccountToken();
        }
        return true;
    }

    /** Go's strconv.ParseBool of the annotation: "1", "t", "T", "TRUE", "true", "True". */
    static boolean enforceMountableSecrets(ServiceAccount sa) {
        String v = sa.metadata().annotations().get(ENFORCE_MOUNTABLE_SECRETS_ANNOTATION);
        return v != null && Set.of("1", "t", "T", "TRUE", "true", "True").contains(v);
    }

    /** The first secret reference the service account does not list, as upstream's message; or null. */
    static String limitSecretReferences(ServiceAccount sa, PodSpec spec) {
        Set<String> mountable = new TreeSet<>();
        for (ObjectReference s : sa.secrets()) {
            mountable.add(s.name());
        }
        String saName = sa.metadata().name();
        for (Volume v : spec.volumes()) {
            if (v.secret() != null && !mountable.contains(v.secret().secretName())) {
                return "volume with secret.secretName=\"" + v.secret().secretName()
                        + "\" is not allowed because service account " + saName + " does not reference that secret";
            }
        }
        String refused = containerSecrets("init container", spec.initContainers(), mountable, saName);
        if (refused == null) {
            refused = containerSecrets("container", spec.containers(), mountable, saName);
        }
        if (refused != null) {
            return refused;
        }
        Set<String> pullSecrets = new TreeSet<>();
        sa.imagePullSecrets().forEach(r -> pullSecrets.add(r.name()));
        for (int i = 0; i < spec.imagePullSecrets().size(); i++) {
            String n = spec.imagePullSecrets().get(i).name();
            if (!pullSecrets.contains(n)) {
                return "imagePullSecrets[" + i + "].name=\"" + n + "\" is not allowed because service account "
                        + saName + " does not reference that imagePullSecret";
            }
        }
        return null;
    }

    private static String containerSecrets(String what, List<Container> containers, Set<String> mountable,
            String saName) {
        for (Container c : containers) {
            for (EnvVar env : c.env()) {
                if (env.valueFrom() != null && env.valueFrom().secretKeyRef() != null
                        && !mountable.contains(env.valueFrom().secretKeyRef().name())) {
                    return what + " " + c.name() + " with envVar " + env.name() + " referencing secret.secretName=\""
                            + env.valueFrom().secretKeyRef().name() + "\" is not allowed because service account "
                            + saName + " does not reference that secret";
                }
            }
            for (EnvFromSource from : c.envFrom()) {
                if (from.secretRef() != null && !mountable.contains(from.secretRef().name())) {
                    return what + " " + c.name() + " with envFrom referencing secret.secretName=\""
                            + from.secretRef().name() + "\" is not allowed because service account " + saName
                            + " does not reference that secret";
                }
            }
        }
        return null;
    }

    /** A static pod's mirror may not name a service account, reference a secret or project a token. */
    private static void validateMirrorPod(Pod pod, String name) {
        PodSpec spec = pod.spec();
        if (spec.serviceAccountName() != null && !spec.serviceAccountName().isEmpty()) {
            throw ApiErrors.forbidden(BuiltinResources.PODS.groupResource(), name,
                    "a mirror pod may not reference service accounts");
        }
        if (referencesSecrets(spec)) {
            throw ApiErrors.forbidden(BuiltinResources.PODS.groupResource(), name,
                    "a mirror pod may not reference secrets");
        }
        for (Volume v : spec.volumes()) {
            if (v.projected() != null && v.projected().sources().stream().anyMatch(s -> s.serviceAccountToken() != null)) {
                throw ApiErrors.forbidden(BuiltinResources.PODS.groupResource(), name,
                        "a mirror pod may not use ServiceAccountToken volume projections");
            }
        }
    }

    /**
     * Whether the spec names a secret where ksim types it (pod/util.go VisitPodSecretNames): pull secrets, env and
     * envFrom of every container, secret volumes and projected secrets. The secret references inside the storage
     * plugins' sources, which ksim keeps opaque, are not looked at.
     */
    static boolean referencesSecrets(PodSpec spec) {
        if (!spec.imagePullSecrets().isEmpty()) {
            return true;
        }
        List<Container> all = new ArrayList<>(spec.initContainers());
        all.addAll(spec.containers());
        for (Container c : all) {
            if (c.env().stream().anyMatch(e -> e.valueFrom() != null && e.valueFrom().secretKeyRef() != null)
                    || c.envFrom().stream().anyMatch(e -> e.secretRef() != null)) {
                return true;
            }
        }
        for (EphemeralContainer c : spec.ephemeralContainers()) {
            if (c.env().stream().anyMatch(e -> e.valueFrom() != null && e.valueFrom().secretKeyRef() != null)
                    || c.envFrom().stream().anyMatch(e -> e.secretRef() != null)) {
                return true;
            }
        }
        for (Volume v : spec.volumes()) {
            if (v.secret() != null) {
                return true;
            }
            if (v.projected() != null) {
                for (VolumeProjection p : v.projected().sources()) {
                    if (p.secret() != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
