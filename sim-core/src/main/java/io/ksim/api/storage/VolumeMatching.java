package io.ksim.api.storage;

import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.resource.Quantity;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How a claim finds its volume, shared by the PersistentVolume controller and the scheduler's VolumeBinding
 * plugin as upstream shares pkg/controller/volume/persistentvolume/util (FindMatchingVolume,
 * CheckAccessModes, CheckVolumeModeMismatches) and the controller's persistentVolumeOrderedIndex: of the
 * volumes that fit, the one with the smallest capacity wins; a volume pre-bound to the claim (its claimRef
 * names the claim) wins at once. With delayed binding and no node chosen, only pre-bound volumes count:
 * the scheduler binds the others once it has picked a node.
 */
public final class VolumeMatching {

    /** Annotation the scheduler sets on a WaitForFirstConsumer claim naming the node it picked. */
    public static final String ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
    public static final String ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    public static final String ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    public static final String ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
    public static final String ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
    public static final String ANN_PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

    private VolumeMatching() {
    }

    /** The claim's class name, "" when unset (as storagehelpers.GetPersistentVolumeClaimClass). */
    public static String claimClass(PersistentVolumeClaim claim) {
        String c = claim.spec().storageClassName();
        return c == null ? "" : c;
    }

    public static String volumeClass(PersistentVolume pv) {
        String c = pv.spec().storageClassName();
        return c == null ? "" : c;
    }

    /** The requested storage, zero if none. */
    public static Quantity requestedStorage(PersistentVolumeClaim claim) {
        Quantity q = claim.spec().resources().requests().get("storage");
        return q == null ? Quantity.parse("0") : q;
    }

    /** True if the volume offers every access mode the claim asks for. */
    public static boolean accessModesFit(PersistentVolumeClaim claim, PersistentVolume pv) {
        return Set.copyOf(pv.spec().accessModes()).containsAll(claim.spec().accessModes());
    }

    /** Filesystem unless set, on both sides. */
    public static boolean volumeModeFits(PersistentVolumeClaim claim, PersistentVolume pv) {
        return modeOf(claim.spec().volumeMode()).equals(modeOf(pv.spec().volumeMode()));
    }

    private static String modeOf(String mode) {
        return mode == null ? PersistentVolume.VOLUME_MODE_FILESYSTEM : mode;
    }

    /** True if the volume's claimRef names this claim (by namespace and name, and uid when the ref has one). */
    public static boolean isPreBoundTo(PersistentVolume pv, PersistentVolumeClaim claim) {
        ObjectReference ref = pv.spec().claimRef();
        if (ref == null || !claim.metadata().name().equals(ref.name())
                || !claim.metadata().namespace().equals(ref.namespace())) {
            return false;
        }
        return ref.uid() == null || ref.uid().isEmpty() || ref.uid().equals(claim.metadata().uid());
    }

    /**
     * The best volume for {@code claim} among {@code volumes}, or null. {@code nodeFits} (null: no node
     * known) tells whether a volume's node affinity admits the node under consideration.
     */
    public static PersistentVolume findMatchingVolume(PersistentVolumeClaim claim, Collection<PersistentVolume> volumes,
            Predicate<PersistentVolume> nodeFits, Set<String> excluded, boolean delayBinding) {
        Quantity requested = requestedStorage(claim);
        String wantedClass = claimClass(claim);
        LabelSelector sel = claim.spec().selector();
        io.ksim.api.selector.LabelSelector selector = sel == null ? null
                : io.ksim.api.selector.LabelSelector.fromLabelSelector(sel.matchLabels(), sel.matchExpressions());
        List<PersistentVolume> ordered = volumes.stream()
                .sorted(Comparator.comparing((PersistentVolume pv) -> capacityOf(pv))
                        .thenComparing(pv -> pv.metadata().name()))
                .toList();
        PersistentVolume smallest = null;
        for (PersistentVolume pv : ordered) {
            if (excluded.contains(pv.metadata().name())) {
                continue;
            }
            if (capacityOf(pv).compareTo(requested) < 0 || !volumeModeFits(claim, pv)) {
                continue;
            }
            if (nodeFits != null && !nodeFits.test(pv)) {
                continue;
            }
            if (isPreBoundTo(pv, claim)) {
                return pv;
            }
            if (delayBinding && nodeFits == null) {
                continue;
            }
            String phase = pv.status().phase();
            if (pv.spec().claimRef() != null || PersistentVolume.PersistentVolumeStatus.RELEASED.equals(phase)
                    || PersistentVolume.PersistentVolumeStatus.FAILED.equals(phase)
                    || pv.metadata().isBeingDeleted()) {
                continue;
            }
            if (selector != null && !selector.matches(pv.metadata().labels())) {
                continue;
            }
            if (!wantedClass.equals(volumeClass(pv)) || !accessModesFit(claim, pv)) {
                continue;
            }
            if (smallest == null) {
                smallest = pv;
            }
        }
        return smallest;
    }

    public static Quantity capacityOf(PersistentVolume pv) {
        Quantity q = pv.spec().capacity().get("storage");
        return q == null ? Quantity.parse("0") : q;
    }
}
