package io.ksim.controller.deployment;

import io.ksim.api.apps.Apps;
import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.RollingUpdateDeployment;
import io.ksim.api.apps.ReplicaSet;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.resource.IntOrString;
import io.ksim.controller.ControllerUtils;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deployment controller's arithmetic (upstream pkg/controller/deployment/util/deployment_util.go):
 * surge and unavailability bounds, replica counts over ReplicaSets, revisions and their annotations,
 * which ReplicaSet is "new", and proportional scaling. Pure functions of API objects.
 */
public final class DeploymentUtil {

    public static final String REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
    public static final String REVISION_HISTORY_ANNOTATION = "deployment.kubernetes.io/revision-history";
    public static final String DESIRED_REPLICAS_ANNOTATION = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX_REPLICAS_ANNOTATION = "deployment.kubernetes.io/max-replicas";
    public static final String ROLLBACK_TO_ANNOTATION = "deprecated.deployment.rollback.to";
    public static final String LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** The label that tells a Deployment's ReplicaSets (and their pods) apart. */
    public static final String POD_TEMPLATE_HASH_LABEL = "pod-template-hash";
    /** sync.go maxRevHistoryLengthInChars. */
    public static final int MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

    private static final Set<String> SKIP_COPY = Set.of(LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION,
            REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION);

    /** Oldest first; equal times by name (upstream ReplicaSetsByCreationTimestamp). */
    public static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparing((ReplicaSet rs) -> rs.metadata().creationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(rs -> rs.metadata().name());

    private DeploymentUtil() {
    }

    /** Surge and unavailable pods as resolved by upstream ResolveFenceposts: {surge, unavailable}. */
    public record Fenceposts(int surge, int unavailable) {
    }

    /**
     * Resolves maxSurge (rounded up) and maxUnavailable (rounded down) against {@code desired}; when both
     * come out 0, unavailable becomes 1 so the rollout can move. A malformed percentage throws
     * IllegalArgumentException with apimachinery's message.
     */
    public static Fenceposts resolveFenceposts(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = (int) IntOrString.valueOrDefault(maxSurge, IntOrString.of(0)).scaledValue(desired, true);
        int unavailable = (int) IntOrString.valueOrDefault(maxUnavailable, IntOrString.of(0))
                .scaledValue(desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    public static int replicas(Deployment d) {
        return d.spec().replicas() == null ? 1 : d.spec().replicas();
    }

    public static int replicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    public static boolean isRollingUpdate(Deployment d) {
        return Apps.ROLLING_UPDATE.equals(d.spec().strategy().type());
    }

    private static RollingUpdateDeployment rolling(Deployment d) {
        RollingUpdateDeployment r = d.spec().strategy().rollingUpdate();
        return r == null ? new RollingUpdateDeployment(null, null) : r;
    }

    /** Upstream MaxUnavailable: 0 unless RollingUpdate with replicas; never more than the replicas. */
    public static int maxUnavailable(Deployment d) {
        if (!isRollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        Fenceposts f = fencepostsOrZero(d);
        return Math.min(f.unavailable(), replicas(d));
    }

    /** Upstream MaxSurge: 0 unless RollingUpdate. */
    public static int maxSurge(Deployment d) {
        if (!isRollingUpdate(d)) {
            return 0;
        }
        return fencepostsOrZero(d).surge();
    }

    /** Upstream MaxSurge and MaxUnavailable ignore a resolution error: both are then 0. */
    private static Fenceposts fencepostsOrZero(Deployment d) {
        try {
            return resolveFenceposts(rolling(d).maxSurge(), rolling(d).maxUnavailable(), replicas(d));
        } catch (IllegalArgumentException e) {
            return new Fenceposts(0, 0);
        }
    }

    public static int minAvailable(Deployment d) {
        return isRollingUpdate(d) ? replicas(d) - maxUnavailable(d) : 0;
    }

    // ---- counts over ReplicaSets -----------------------------------------------------------------

    /** Sum of spec.replicas (upstream GetReplicaCountForReplicaSets). */
    public static int specReplicas(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(DeploymentUtil::replicas).sum();
    }

    /** Sum of status.replicas (upstream GetActualReplicaCountForReplicaSets). */
    public static int actualReplicas(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(rs -> rs.status().replicas()).sum();
    }

    public static int readyReplicas(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(rs -> orZero(rs.status().readyReplicas())).sum();
    }

    public static int availableReplicas(List<ReplicaSet> rss) {
        return rss.stream().filter(Objects::nonNull).mapToInt(rs -> orZero(rs.status().availableReplicas())).sum();
    }

    /** ReplicaSets with spec.replicas > 0 (upstream FilterActiveReplicaSets). */
    public static List<ReplicaSet> active(List<ReplicaSet> rss) {
        return rss.stream().filter(rs -> rs != null && replicas(rs) > 0).toList();
    }

    // ---- new and old ReplicaSets -------------------------------------------------------------------

    /** Templates equal once the pod-template-hash label is dropped from both (upstream EqualIgnoreHash). */
    public static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    public static PodTemplateSpec withoutHash(PodTemplateSpec t) {
        if (!t.metadata().labels().containsKey(POD_TEMPLATE_HASH_LABEL)) {
            return t;
        }
        Map<String, String> labels = new TreeMap<>(t.metadata().labels());
        labels.remove(POD_TEMPLATE_HASH_LABEL);
        return t.withMetadata(t.metadata().withLabels(labels));
    }

    /** The oldest ReplicaSet whose template is the Deployment's (upstream FindNewReplicaSet), or null. */
    public static ReplicaSet findNewReplicaSet(Deployment d, List<ReplicaSet> rss) {
        List<ReplicaSet> sorted = new ArrayList<>(rss);
        sorted.sort(BY_CREATION);
        for (ReplicaSet rs : sorted) {
            if (equalIgnoreHash(rs.spec().template(), d.spec().template())) {
                return rs;
            }
        }
        return null;
    }

    /** Every ReplicaSet but the new one (upstream FindOldReplicaSets' second result). */
    public static List<ReplicaSet> findOldReplicaSets(Deployment d, List<ReplicaSet> rss) {
        ReplicaSet newRs = findNewReplicaSet(d, rss);
        return rss.stream().filter(rs -> newRs == null || !rs.metadata().uid().equals(newRs.metadata().uid())).toList();
    }

    // ---- revisions -----------------------------------------------------------------------------------

    /** The revision annotation as a number: 0 when missing, -1 when not a number (such ones are skipped). */
    public static long revision(ReplicaSet rs) {
        String v = rs.metadata().annotations().get(REVISION_ANNOTATION);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static long maxRevision(List<ReplicaSet> rss) {
        long max = 0;
        for (ReplicaSet rs : rss) {
            max = Math.max(max, revision(rs));
        }
        return max;
    }

    /** The second-highest revision: where {@code rollout undo} goes back to (upstream LastRevision). */
    public static long lastRevision(List<ReplicaSet> rss) {
        long max = 0;
        long second = 0;
        for (ReplicaSet rs : rss) {
            long v = revision(rs);
            if (v >= max) {
                second = max;
                max = v;
            } else if (v > second) {
                second = v;
            }
        }
        return second;
    }

    /**
     * The annotations a ReplicaSet gets from its Deployment (upstream SetNewReplicaSetAnnotations): the
     * Deployment's own (except the skip list), the new revision if it is higher (the old one moving to
     * the revision-history list, capped at 2000 characters from the front), and for a ReplicaSet being
     * created the desired-replicas and max-replicas annotations. Returns null when nothing changes.
     */
    public static Map<String, String> newReplicaSetAnnotations(Deployment d, ReplicaSet rs, long newRevision,
            boolean exists) {
        TreeMap<String, String> a = new TreeMap<>(rs.metadata().annotations());
        boolean changed = false;
        for (Map.Entry<String, String> e : d.metadata().annotations().entrySet()) {
            if (SKIP_COPY.contains(e.getKey()) || e.getValue().equals(a.get(e.getKey()))) {
                continue;
            }
            a.put(e.getKey(), e.getValue());
            changed = true;
        }
        String oldRevision = a.get(REVISION_ANNOTATION);
        long oldRevisionInt = 0;
        if (oldRevision != null) {
            try {
                oldRevisionInt = Long.parseLong(oldRevision);
            } catch (NumberFormatException e) {
                return changed ? a : null;
            }
        }
        if (oldRevisionInt < newRevision) {
            a.put(REVISION_ANNOTATION, Long.toString(newRevision));
            changed = true;
            if (oldRevision != null) {
                String history = a.getOrDefault(REVISION_HISTORY_ANNOTATION, "");
                if (history.isEmpty()) {
                    a.put(REVISION_HISTORY_ANNOTATION, oldRevision);
                } else {
                    List<String> old = new ArrayList<>(List.of(history.split(",", -1)));
                    int totalLen = history.length() + oldRevision.length() + 1;
                    while (totalLen > MAX_REV_HISTORY_LENGTH_IN_CHARS && !old.isEmpty()) {
                        totalLen -= old.remove(0).length() + 1;
                    }
                    if (totalLen <= MAX_REV_HISTORY_LENGTH_IN_CHARS) {
                        old.add(oldRevision);
                        a.put(REVISION_HISTORY_ANNOTATION, String.join(",", old));
                    }
                }
            }
        }
        if (!exists) {
            changed |= setReplicasAnnotations(a, replicas(d), replicas(d) + maxSurge(d));
        }
        return changed ? a : null;
    }

    /** Sets desired-replicas and max-replicas; true if either changed (upstream SetReplicasAnnotations). */
    public static boolean setReplicasAnnotations(Map<String, String> a, int desired, int max) {
        boolean changed = !Integer.toString(desired).equals(a.get(DESIRED_REPLICAS_ANNOTATION))
                || !Integer.toString(max).equals(a.get(MAX_REPLICAS_ANNOTATION));
        a.put(DESIRED_REPLICAS_ANNOTATION, Integer.toString(desired));
        a.put(MAX_REPLICAS_ANNOTATION, Integer.toString(max));
        return changed;
    }

    /**
     * Whether an annotation stays with its object: never copied from a Deployment to its ReplicaSets, nor
     * back by a rollback (revision bookkeeping and kubectl's last-applied configuration).
     */
    public static boolean skipCopyAnnotation(String key) {
        return SKIP_COPY.contains(key);
    }

    /** An int annotation, or null if missing or malformed. */
    public static Integer intAnnotation(ReplicaSet rs, String key) {
        String v = rs.metadata().annotations().get(key);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- proportional scaling ----------------------------------------------------------------------

    /**
     * How many replicas {@code rs} gains or loses of {@code toAdd} when {@code added} are already handed
     * out (upstream GetProportion): its fraction, capped by what is left.
     */
    public static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added) {
        if (rs == null || replicas(rs) == 0 || toAdd == 0 || toAdd == added) {
            return 0;
        }
        int fraction = fraction(rs, d);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    /**
     * The replicas {@code rs} should gain (or lose) so it keeps its share of the Deployment after a
     * resize (upstream getReplicaSetFraction): round(rs * newMax / oldMax) - rs, oldMax from the
     * max-replicas annotation, rounding half away from zero as Go's math.Round.
     */
    public static int fraction(ReplicaSet rs, Deployment d) {
        if (replicas(d) == 0) {
            return -replicas(rs);
        }
        int deploymentMax = replicas(d) + maxSurge(d);
        Integer annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
        int before = annotated == null || annotated == 0 ? orZero(d.status().replicas()) : annotated;
        if (before == 0) {
            return 0;
        }
        double newSize = (double) replicas(rs) * deploymentMax / before;
        return (int) Math.round(newSize) - replicas(rs);
    }

    /** The new ReplicaSet has all replicas, all available, and knows the current size (upstream IsSaturated). */
    public static boolean isSaturated(Deployment d, ReplicaSet rs) {
        if (rs == null) {
            return false;
        }
        Integer desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
        return desired != null && replicas(rs) == replicas(d) && desired == replicas(d)
                && orZero(rs.status().availableReplicas()) == replicas(d);
    }

    /** Replicas the new ReplicaSet may have now (upstream NewRSNewReplicas). */
    public static int newRSNewReplicas(Deployment d, List<ReplicaSet> allRss, ReplicaSet newRs) {
        if (isRollingUpdate(d)) {
            IntOrString surgeValue = IntOrString.valueOrDefault(rolling(d).maxSurge(), IntOrString.of(0));
            int surge;
            try {
                surge = (int) surgeValue.scaledValue(replicas(d), true);
            } catch (IllegalArgumentException e) {
                throw new io.ksim.controller.ReconcileError(e.getMessage());
            }
            int current = specReplicas(allRss);
            int maxTotal = replicas(d) + surge;
            if (current >= maxTotal) {
                return replicas(newRs);
            }
            int scaleUp = Math.min(maxTotal - current, replicas(d) - replicas(newRs));
            return replicas(newRs) + scaleUp;
        }
        if (Apps.RECREATE.equals(d.spec().strategy().type())) {
            return replicas(d);
        }
        throw new io.ksim.controller.ReconcileError("deployment type " + d.spec().strategy().type() + " isn't supported");
    }

    /** The hash label value of a template (upstream ComputeHash with the Deployment's collision count). */
    public static String podTemplateHash(Deployment d) {
        return ControllerUtils.computeHash(d.spec().template(), d.status().collisionCount());
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
