package io.ksim.controller;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Adopts and releases a controller's dependents by selector and controller reference (upstream
 * BaseControllerRefManager.ClaimObject): an object controlled by the owner is kept while the selector
 * matches it and released (its reference removed) when it no longer does; an orphan that matches is
 * adopted (a controller reference with blockOwnerDeletion added) unless the owner or the orphan is being
 * deleted; objects controlled by someone else are left alone. Adoption first asks {@code canAdopt}, which
 * upstream answers with a fresh read of the owner, so an owner deleted meanwhile adopts nothing.
 *
 * @param <T> the dependents' type (pods for a ReplicaSet, ReplicaSets for a Deployment)
 */
public final class ControllerRefManager<T extends KubeObject> {

    private final ApiServer api;
    private final ResourceType<T> type;
    private final KubeObject owner;
    private final io.ksim.api.selector.LabelSelector selector;
    private final BooleanSupplier canAdopt;

    public ControllerRefManager(ApiServer api, ResourceType<T> type, KubeObject owner,
            io.ksim.api.selector.LabelSelector selector, BooleanSupplier canAdopt) {
        this.api = api;
        this.type = type;
        this.owner = owner;
        this.selector = selector;
        this.canAdopt = canAdopt;
    }

    /** The objects the owner controls after adoption and release, in the order given. */
    public List<T> claim(List<T> candidates) {
        List<T> claimed = new ArrayList<>();
        Boolean adoptable = null;
        String uid = owner.metadata().uid();
        for (T obj : candidates) {
            OwnerReference ref = obj.metadata().controllerRef();
            boolean matches = selector.matches(obj.metadata().labels());
            if (ref != null) {
                if (!ref.uid().equals(uid)) {
                    continue;
                }
                if (matches) {
                    claimed.add(obj);
                } else if (!owner.metadata().isBeingDeleted()) {
                    release(obj);
                }
                continue;
            }
            if (!matches || owner.metadata().isBeingDeleted() || obj.metadata().isBeingDeleted()) {
                continue;
            }
            if (adoptable == null) {
                adoptable = canAdopt.getAsBoolean();
            }
            if (adoptable) {
                T adopted = adopt(obj);
                if (adopted != null) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    @SuppressWarnings("unchecked")
    private T adopt(T obj) {
        List<OwnerReference> refs = new ArrayList<>(obj.metadata().ownerReferences());
        refs.add(ControllerUtils.controllerRef(owner));
        try {
            return api.update(type, (T) obj.withMetadata(obj.metadata().toBuilder().ownerReferences(refs).build()));
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void release(T obj) {
        List<OwnerReference> refs = new ArrayList<>(obj.metadata().ownerReferences());
        refs.removeIf(r -> r.uid().equals(owner.metadata().uid()));
        try {
            api.update(type, (T) obj.withMetadata(obj.metadata().toBuilder().ownerReferences(refs).build()));
        } catch (ApiException e) {
            // Gone, or invalid because it is being deleted: nothing to release, as upstream ignores both.
            if (e.code() != 404 && e.code() != 422) {
                throw e;
            }
        }
    }
}
