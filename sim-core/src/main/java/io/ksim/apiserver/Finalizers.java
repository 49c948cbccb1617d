package io.ksim.apiserver;

/** Finalizers the API server and the garbage collector act on (metav1.FinalizerOrphanDependents, ...). */
public final class Finalizers {

    /** The garbage collector orphans the dependents, then removes this finalizer. */
    public static final String ORPHAN = "orphan";
    /** The garbage collector deletes the dependents first (foreground cascading deletion). */
    public static final String FOREGROUND_DELETION = "foregroundDeletion";

    private Finalizers() {
    }
}
