package io.ksim.controller.statefulset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.apps.Apps;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.apps.StatefulSet;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.PersistentVolumeClaimVolumeSource;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodConditions;
import io.ksim.api.core.PodPhase;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.history.ControllerHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identity, storage and revision helpers of the StatefulSet controller (upstream
 * pkg/controller/statefulset/stateful_set_utils.go). A replica is named {@code <set>-<ordinal>}, carries the
 * labels {@value #POD_NAME_LABEL}, {@value #POD_INDEX_LABEL} and {@value #REVISION_LABEL}, has
 * {@code hostname=<pod>} and {@code subdomain=<serviceName>}, and mounts the claims
 * {@code <template>-<set>-<ordinal>}.
 */
public final class StatefulSetUtils {

    /** Upstream apps.StatefulSetPodNameLabel. */
    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    /** Upstream apps.PodIndexLabel (PodIndexLabel gate, beta and on in 1.32). */
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    /** Upstream apps.ControllerRevisionHashLabelKey: the revision name a pod was made from. */
    public static final String REVISION_LABEL = "controller-revision-hash";

    private static final Pattern ORDINAL = Pattern.compile("(.*)-([0-9]+)$");

    private StatefulSetUtils() {
    }

    /** {@code <set>-<ordinal>}. */
    public static String podName(StatefulSet set, int ordinal) {
        return set.metadata().name() + "-" + ordinal;
    }

    /** The name's parent part, or null when the name has no {@code -<digits>} suffix. */
    public static String parentName(String podName) {
        Matcher m = ORDINAL.matcher(podName);
        return m.matches() ? m.group(1) : null;
    }

    /** The name's ordinal, or -1 (upstream getOrdinal). */
    public static int ordinal(Pod pod) {
        Matcher m = ORDINAL.matcher(pod.metadata().name());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(2));
        } catch (NumberFormatException tooLong) {
            return -1;
        }
    }

    /** Whether the pod's name says it belongs to {@code set} (upstream isMemberOf). */
    public static boolean isMemberOf(StatefulSet set, Pod pod) {
        return set.metadata().name().equals(parentName(pod.metadata().name()));
    }

    /** {@code <template>-<set>-<ordinal>} (upstream getPersistentVolumeClaimName). */
    public static String claimName(StatefulSet set, PersistentVolumeClaim template, int ordinal) {
        return template.metadata().name() + "-" + set.metadata().name() + "-" + ordinal;
    }

    public static int replicas(StatefulSet set) {
        return set.spec().replicas() == null ? 1 : set.spec().replicas();
    }

    public static boolean isParallel(StatefulSet set) {
        return StatefulSet.PARALLEL.equals(set.spec().podManagementPolicy());
    }

    public static boolean isOnDelete(StatefulSet set) {
        return Apps.ON_DELETE.equals(set.spec().updateStrategy().type());
    }

    public static int minReadySeconds(StatefulSet set) {
        return set.spec().minReadySeconds() == null ? 0 : set.spec().minReadySeconds();
    }

    /** The partition of a RollingUpdate, 0 when none is given. */
    public static int partition(StatefulSet set) {
        var rolling = set.spec().updateStrategy().rollingUpdate();
        return rolling == null || rolling.partition() == null ? 0 : rolling.partition();
    }

    public static boolean isRunningAndReady(Pod pod) {
        return PodPhase.RUNNING.equals(pod.status().phase()) && PodConditions.isPodReady(pod);
    }

    public static boolean isRunningAndAvailable(Pod pod, int minReadySeconds, Instant now) {
        return PodPhase.RUNNING.equals(pod.status().phase()) && PodConditions.isPodAvailable(pod, minReadySeconds, now);
    }

    public static boolean isCreated(Pod pod) {
        return pod.status().phase() != null;
    }

    public static boolean isFailed(Pod pod) {
        return PodPhase.FAILED.equals(pod.status().phase());
    }

    public static boolean isSucceeded(Pod pod) {
        return PodPhase.SUCCEEDED.equals(pod.status().phase());
    }

    public static boolean isTerminating(Pod pod) {
        return pod.metadata().deletionTimestamp() != null;
    }

    /** Running, ready and not being deleted (upstream isHealthy). */
    public static boolean isHealthy(Pod pod) {
        return isRunningAndReady(pod) && !isTerminating(pod);
    }

    public static String revisionOf(Pod pod) {
        return pod.metadata().labels().get(REVISION_LABEL);
    }

    // ---- revisions ----------------------------------------------------------------------------------

    /**
     * The revision data (upstream getPatch): {@code {"spec":{"template":{...,"$patch":"replace"}}}}, the
     * strategic merge patch that puts this template back.
     */
    public static Opaque patch(StatefulSet set) {
        return ControllerHistory.templatePatch(set.spec().template());
    }

    /** A revision of the set's current template (upstream newRevision). */
    public static ControllerRevision newRevision(StatefulSet set, long revision, Integer collisionCount) {
        return ControllerHistory.newRevision(set, set.spec().template().metadata().labels(), patch(set), revision,
                collisionCount);
    }

    /** The set with its template replaced by the one {@code revision} recorded (upstream ApplyRevision). */
    public static StatefulSet applyRevision(StatefulSet set, ControllerRevision revision) {
        JsonNode template = revision.data().tree().path("spec").path("template");
        if (template instanceof ObjectNode obj) {
            obj.remove("$patch");
        }
        try {
            PodTemplateSpec t = KubeJson.json().treeToValue(template, PodTemplateSpec.class);
            return set.withSpec(set.spec().withTemplate(t));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("revision " + revision.metadata().name() + " holds no pod template", e);
        }
    }

    // ---- pods -----------------------------------------------------------------------------------------

    /**
     * The claims pod {@code ordinal} mounts, by template name (upstream getPersistentVolumeClaims): named
     * {@code <template>-<set>-<ordinal>} in the set's namespace, labelled with the template's labels and the
     * set's selector labels.
     */
    public static Map<String, PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
        Map<String, PersistentVolumeClaim> out = new LinkedHashMap<>();
        Map<String, String> selectorLabels = set.spec().selector() == null ? Map.of()
                : set.spec().selector().matchLabels();
        for (PersistentVolumeClaim template : set.spec().volumeClaimTemplates()) {
            Map<String, String> labels = new TreeMap<>(template.metadata().labels());
            labels.putAll(selectorLabels);
            ObjectMeta meta = template.metadata().toBuilder().name(claimName(set, template, ordinal))
                    .namespace(set.metadata().namespace()).labels(labels).resourceVersion(null).uid(null)
                    .ownerReferences(List.of()).build();
            out.put(template.metadata().name(),
                    new PersistentVolumeClaim(null, null, meta, template.spec(), null));
        }
        return out;
    }

    /**
     * Pod {@code ordinal} of {@code set} at revision {@code revisionName} (upstream newStatefulSetPod plus
     * newVersionedStatefulSetPod): made from the template, named and labelled for its identity, with the
     * claim volumes replacing same-named template volumes.
     */
    public static Pod newPod(StatefulSet set, int ordinal, String revisionName) {
        Pod fromTemplate = ControllerUtils.podFromTemplate(set.spec().template(), set);
        String name = podName(set, ordinal);
        Map<String, String> labels = new TreeMap<>(fromTemplate.metadata().labels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(REVISION_LABEL, revisionName);
        ObjectMeta meta = fromTemplate.metadata().toBuilder().name(name).generateName(null).labels(labels).build();
        PodSpec spec = fromTemplate.spec().toBuilder().hostname(name).subdomain(set.spec().serviceName())
                .volumes(volumesWithClaims(set, fromTemplate.spec(), ordinal)).build();
        return Pod.of(meta, spec);
    }

    private static List<Volume> volumesWithClaims(StatefulSet set, PodSpec spec, int ordinal) {
        Map<String, PersistentVolumeClaim> claims = claims(set, ordinal);
        List<Volume> out = new ArrayList<>();
        for (Map.Entry<String, PersistentVolumeClaim> e : claims.entrySet()) {
            out.add(Volume.persistentVolumeClaim(e.getKey(), e.getValue().metadata().name()));
        }
        for (Volume v : spec.volumes()) {
            if (!claims.containsKey(v.name())) {
                out.add(v);
            }
        }
        return out;
    }

    /** Whether the pod has the name, namespace and pod-name label of replica {@code ordinal} (identityMatches). */
    public static boolean identityMatches(StatefulSet set, Pod pod) {
        int ordinal = ordinal(pod);
        return ordinal >= 0 && set.metadata().name().equals(parentName(pod.metadata().name()))
                && Objects.equals(set.metadata().namespace(), pod.metadata().namespace())
                && pod.metadata().name().equals(pod.metadata().labels().get(POD_NAME_LABEL));
    }

    /** Whether every claim template has its volume on the pod with the right claim (storageMatches). */
    public static boolean storageMatches(StatefulSet set, Pod pod) {
        int ordinal = ordinal(pod);
        if (ordinal < 0) {
            return false;
        }
        for (Map.Entry<String, PersistentVolumeClaim> e : claims(set, ordinal).entrySet()) {
            boolean found = false;
            for (Volume v : pod.spec().volumes()) {
                PersistentVolumeClaimVolumeSource src = v.persistentVolumeClaim();
                if (v.name().equals(e.getKey()) && src != null
                        && e.getValue().metadata().name().equals(src.claimName())) {
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
