package io.ksim.api.meta;

import java.util.Objects;

/**
 * A link from a dependent to its owner (metav1.OwnerReference). At most one owner reference of an object
 * has {@code controller: true}; the garbage collector deletes dependents whose owners are gone, and
 * {@code blockOwnerDeletion} holds a foreground deletion of the owner until the dependent is gone.
 */
public record OwnerReference(String apiVersion, String kind, String name, String uid, Boolean controller,
        Boolean blockOwnerDeletion) {

    public OwnerReference {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
    }

    /** The reference a controller puts on what it creates: controller and blockOwnerDeletion both true. */
    public static OwnerReference controllerOf(String apiVersion, String kind, String name, String uid) {
        return new OwnerReference(apiVersion, kind, name, uid, true, true);
    }

    public boolean isController() {
        return Boolean.TRUE.equals(controller);
    }
}
