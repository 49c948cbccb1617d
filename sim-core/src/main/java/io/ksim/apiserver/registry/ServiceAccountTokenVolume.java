package io.ksim.apiserver.registry;

import io.ksim.api.core.ConfigMapProjection;
import io.ksim.api.core.Container;
import io.ksim.api.core.DownwardAPIProjection;
import io.ksim.api.core.DownwardAPIVolumeFile;
import io.ksim.api.core.KeyToPath;
import io.ksim.api.core.ObjectFieldSelector;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.ProjectedVolumeSource;
import io.ksim.api.core.ServiceAccountTokenProjection;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeMount;
import io.ksim.api.core.VolumeProjection;
import io.ksim.apiserver.NameGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * The projected service account token volume the ServiceAccount admission plugin adds to a new pod
 * (plugin/pkg/admission/serviceaccount/admission.go, mountServiceAccountToken and TokenVolumeSource), e.g.
 * <pre>
 * volumes:
 * - name: kube-api-access-x2kqb
 *   projected:
 *     defaultMode: 420
 *     sources:
 *     - serviceAccountToken: {expirationSeconds: 3607, path: token}
 *     - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
 *     - downwardAPI: {items: [{path: namespace, fieldRef: {apiVersion: v1, fieldPath: metadata.namespace}}]}
 * </pre>
 * mounted read-only at {@value #MOUNT_PATH} in every init container and container that does not already
 * mount something there. Ephemeral containers are left alone, as upstream.
 */
public final class ServiceAccountTokenVolume {

    /** The prefix of the volume's name; a random suffix of 5 characters follows. */
    public static final String VOLUME_NAME_PREFIX = "kube-api-access-";
    /** Where every container finds token, ca.crt and namespace. */
    public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    /**
     * The token's requested lifetime: an hour and 7 seconds (serviceaccount.WarnOnlyBoundTokenExpirationSeconds),
     * which lets the API server recognise tokens minted for this volume.
     */
    public static final long EXPIRATION_SECONDS = 3607;
    /** The root CA bundle the root-CA publisher keeps in every namespace. */
    public static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
    public static final String ROOT_CA_KEY = "ca.crt";
    /** 0644, set explicitly (upstream issue 104464) because admission runs after defaulting. */
    public static final int DEFAULT_MODE = 0644;

    private ServiceAccountTokenVolume() {
    }

    /** The projected source of the volume. */
    public static ProjectedVolumeSource source() {
        return new ProjectedVolumeSource(List.of(
                new VolumeProjection(null, null, null,
                        new ServiceAccountTokenProjection(null, EXPIRATION_SECONDS, "token"), null),
                new VolumeProjection(null, null,
                        new ConfigMapProjection(ROOT_CA_CONFIG_MAP, List.of(new KeyToPath(ROOT_CA_KEY, ROOT_CA_KEY, null)),
                                null),
                        null, null),
                new VolumeProjection(null, new DownwardAPIProjection(List.of(new DownwardAPIVolumeFile("namespace",
                        new ObjectFieldSelector("v1", "metadata.namespace"), null, null))), null, null, null)),
                DEFAULT_MODE);
    }

    /**
     * The spec with the token mounted. An existing volume named {@code kube-api-access-*} is reused (so a pod
     * created from another pod's spec keeps its name); otherwise a name is drawn from {@code names}, and the
     * volume is added only if some container got the mount.
     */
    public static PodSpec mount(PodSpec spec, NameGenerator names) {
        String volumeName = null;
        for (Volume v : spec.volumes()) {
            if (v.name() != null && v.name().startsWith(VOLUME_NAME_PREFIX)) {
                volumeName = v.name();
                break;
            }
        }
        boolean hasVolume = volumeName != null;
        if (!hasVolume) {
            volumeName = names.generateName(VOLUME_NAME_PREFIX);
        }
        VolumeMount mount = new VolumeMount(volumeName, true, null, MOUNT_PATH, null, null, null);
        List<Container> init = withMount(spec.initContainers(), mount);
        List<Container> containers = withMount(spec.containers(), mount);
        boolean mounted = init != spec.initContainers() || containers != spec.containers();
        PodSpec.Builder b = spec.toBuilder().initContainers(init).containers(containers);
        if (!hasVolume && mounted) {
            List<Volume> volumes = new ArrayList<>(spec.volumes());
            volumes.add(Volume.builder().name(volumeName).projected(source()).build());
            b.volumes(volumes);
        }
        return b.build();
    }

    /** The containers with {@code mount} appended where nothing is mounted at its path; the same list if none. */
    private static List<Container> withMount(List<Container> containers, VolumeMount mount) {
        List<Container> out = new ArrayList<>(containers.size());
        boolean changed = false;
        for (Container c : containers) {
            if (c.volumeMounts().stream().anyMatch(m -> MOUNT_PATH.equals(m.mountPath()))) {
                out.add(c);
                continue;
            }
            List<VolumeMount> mounts = new ArrayList<>(c.volumeMounts());
            mounts.add(mount);
            out.add(c.toBuilder().volumeMounts(mounts).build());
            changed = true;
        }
        return changed ? out : containers;
    }
}
