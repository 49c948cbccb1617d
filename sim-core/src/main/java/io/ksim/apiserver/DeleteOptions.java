package io.ksim.apiserver;

/**
 * Options of a delete (metav1.DeleteOptions): the grace period (null for the resource's default, 0 to
 * remove at once), the propagation policy (null for the default, Background), and preconditions.
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
        String preconditionResourceVersion) {

    public static final String BACKGROUND = "Background";
    public static final String FOREGROUND = "Foreground";
    public static final String ORPHAN = "Orphan";

    public static DeleteOptions defaults() {
        return new DeleteOptions(null, null, null, null);
    }

    /** {@code --force --grace-period=0}. */
    public static DeleteOptions now() {
        return new DeleteOptions(0L, null, null, null);
    }

    public static DeleteOptions propagation(String policy) {
        return new DeleteOptions(null, policy, null, null);
    }
}
