package io.ksim.controller.garbagecollector;

import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.OwnerReference;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector's reads and writes through the API server: live lookups (a cache may be behind), an
 * owner reference resolved to its resource by apiVersion and kind, deletes with a UID precondition (so a
 * new object of the same name is never hit), and metadata edits of owner references and finalizers.
 */
final class OwnerLookup {

    private final ApiServer api;

    OwnerLookup(ApiServer api) {
        this.api = api;
    }

    /** The object, or null when it does not exist. */
    KubeObject get(ResourceType<?> type, String namespace, String name) {
        try {
            return api.get(type, namespace, name);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The owner a reference names, or null if it is absent or its kind is unknown. A namespaced owner is
     * looked for in the dependent's namespace; a cluster-scoped one without namespace.
     */
    KubeObject owner(OwnerReference ref, String dependentNamespace) {
        ResourceType<?> type = typeOf(ref);
        if (type == null) {
            return null;
        }
        return get(type, type.namespaced() ? dependentNamespace : null, ref.name());
    }

    private ResourceType<?> typeOf(OwnerReference ref) {
        for (ResourceType<?> t : api.resources()) {
            if (t.apiVersion().equals(ref.apiVersion()) && t.kind().equals(ref.kind())) {
                return t;
            }
        }
        return null;
    }

    void delete(ResourceType<?> type, KubeObject obj, String policy) {
        try {
            api.delete(type, obj.metadata().namespace(), obj.metadata().name(),
                    new DeleteOptions(null, policy, obj.metadata().uid(), null));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    void removeOwnerReferences(ResourceType<?> type, KubeObject obj, List<String> ownerUids) {
        List<OwnerReference> refs = new ArrayList<>(obj.metadata().ownerReferences());
        refs.removeIf(r -> ownerUids.contains(r.uid()));
        update(type, obj.withMetadata(obj.metadata().toBuilder().ownerReferences(refs).build()));
    }

    void removeFinalizer(ResourceType<?> type, KubeObject obj, String finalizer) {
        List<String> finalizers = new ArrayList<>(obj.metadata().finalizers());
        if (finalizers.remove(finalizer)) {
            update(type, obj.withMetadata(obj.metadata().toBuilder().finalizers(finalizers).build()));
        }
    }

    private <T extends KubeObject> void update(ResourceType<T> type, KubeObject obj) {
        try {
            api.update(type, type.cast(obj));
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}
