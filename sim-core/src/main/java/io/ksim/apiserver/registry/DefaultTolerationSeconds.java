package io.ksim.apiserver.registry;

import io.ksim.api.core.Pod;
import io.ksim.api.core.Toleration;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The DefaultTolerationSeconds admission plugin: a new pod that does not already tolerate the
 * {@code node.kubernetes.io/not-ready} and {@code node.kubernetes.io/unreachable} NoExecute taints gets
 * tolerations for them with {@code tolerationSeconds: 300} (the kube-apiserver flags
 * --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds). This is why pods on
 * a failed node are evicted five minutes after the node is marked unreachable.
 */
public final class DefaultTolerationSeconds implements AdmissionPlugin {

    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final long DEFAULT_SECONDS = 300;

    private final long notReadySeconds;
    private final long unreachableSeconds;

    public DefaultTolerationSeconds() {
        this(DEFAULT_SECONDS, DEFAULT_SECONDS);
    }

    public DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
        this.notReadySeconds = notReadySeconds;
        this.unreachableSeconds = unreachableSeconds;
    }

    @Override
    public String name() {
        return "DefaultTolerationSeconds";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type != BuiltinResources.PODS || operation != Operation.CREATE) {
            return obj;
        }
        Pod pod = (Pod) obj;
        List<Toleration> tolerations = new ArrayList<>(pod.spec().tolerations());
        if (!tolerates(tolerations, NOT_READY)) {
            tolerations.add(new Toleration(NOT_READY, "Exists", null, "NoExecute", notReadySeconds));
        }
        if (!tolerates(tolerations, UNREACHABLE)) {
            tolerations.add(new Toleration(UNREACHABLE, "Exists", null, "NoExecute", unreachableSeconds));
        }
        if (tolerations.size() == pod.spec().tolerations().size()) {
            return obj;
        }
        return type.cast(pod.withSpec(pod.spec().toBuilder().tolerations(tolerations).build()));
    }

    /** An existing toleration counts if its key is the taint's or empty, and its effect NoExecute or empty. */
    private static boolean tolerates(List<Toleration> tolerations, String taintKey) {
        for (Toleration t : tolerations) {
            boolean key = t.key() == null || t.key().isEmpty() || t.key().equals(taintKey);
            boolean effect = t.effect() == null || t.effect().isEmpty() || t.effect().equals("NoExecute");
            if (key && effect) {
                return true;
            }
        }
        return false;
    }
}
