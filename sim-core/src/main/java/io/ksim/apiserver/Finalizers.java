package io.ksim.apiserver;

/** Finalizers the API server and the garbage collector act on (metav1.FinalizerOrphanDependents, ...). */
public final class Finalizers {

    /** The garbage collector orphans the dependents, then removes this finalizer. */
    public static final String ORPHAN = "orphan";
    /** The garbage collector deletes the dependents first (foreground cascading deletion). */
    public static final String FOREGROUND_DELETION = "foregroundDeletion";
    /** A claim stays while a pod uses it (StorageObjectInUseProtection; the pvc-protection controller removes it). */
    public static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    /** A volume stays while it is Bound (StorageObjectInUseProtection; the pv-protection controller removes it). */
    public static final String PV_PROTECTION = "kubernetes.io/pv-protection";

    private Finalizers() {
    }
}
