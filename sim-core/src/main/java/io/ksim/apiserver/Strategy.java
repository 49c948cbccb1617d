package io.ksim.apiserver;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.StatusCause;
import java.util.List;

/**
 * What differs between resources when they are created, updated and deleted: upstream's per-resource REST
 * strategy (pkg/registry/&lt;group&gt;/&lt;resource&gt;/strategy.go). The generic store does the rest: names,
 * uids, timestamps, resourceVersions, optimistic concurrency, finalizers.
 *
 * <p>Every method has the behaviour of a resource without spec/status split or special rules, so small
 * resources (ConfigMap, Secret) need not override anything.
 */
public interface Strategy<T extends KubeObject> {

    /** Sets server-owned fields on a new object, e.g. clears status and sets generation 1. */
    default T prepareForCreate(T obj) {
        return obj;
    }

    /**
     * Carries what an update of the main resource may not change (usually the status) from {@code old},
     * and bumps the generation when the spec changed.
     */
    default T prepareForUpdate(T obj, T old) {
        return obj;
    }

    /** For the status subresource: everything but the status comes from {@code old}. */
    default T prepareForStatusUpdate(T obj, T old) {
        return obj;
    }

    /** Field errors of a new object, with upstream's paths and texts. */
    default List<StatusCause> validate(T obj) {
        return List.of();
    }

    /** Field errors of an update (including changes to immutable fields). */
    default List<StatusCause> validateUpdate(T obj, T old) {
        return validate(obj);
    }

    /** Whether an update of a missing object creates it (true for few resources upstream). */
    default boolean allowCreateOnUpdate() {
        return false;
    }

    /**
     * True while something besides metadata.finalizers holds the object back from removal (a namespace's
     * spec.finalizers): a delete then only marks it, and the update that clears the hold removes it.
     */
    default boolean deletionBlocked(T obj) {
        return false;
    }

    /** The object as a first delete marks it (beyond deletionTimestamp), e.g. a namespace turns Terminating. */
    default T markForDeletion(T obj) {
        return obj;
    }

    /**
     * The grace period to wait before removing {@code obj}, given the one the client asked for (null for
     * the default); 0 removes it at once. Only Pods are deleted gracefully upstream.
     */
    default long gracePeriodSeconds(T obj, Long requested) {
        return 0;
    }
}
