package io.ksim.apiserver.registry;

import io.ksim.api.core.Namespace;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.StatusCause;
import io.ksim.apiserver.AdmissionPlugin;
import io.ksim.apiserver.ApiErrors;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.GroupResource;
import io.ksim.apiserver.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The NamespaceLifecycle admission plugin (plugin/pkg/admission/namespace/lifecycle): no new content in a
 * namespace that does not exist ({@code namespaces "foo" not found}) or is being terminated
 * ({@code unable to create new content in namespace foo because it is being terminated}), and the
 * namespaces the cluster needs may not be deleted ({@code this namespace may not be deleted}).
 */
public final class NamespaceLifecycle implements AdmissionPlugin {

    /** Namespaces that may never be deleted. */
    public static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

    /**
     * The cause type (v1.NamespaceTerminatingCause) on the Forbidden of a create in a terminating namespace, by
     * which controllers tell that refusal from others.
     */
    public static final String NAMESPACE_TERMINATING_CAUSE = "NamespaceTerminating";

    /** The namespaces as upstream's plugin reads them, from a lister (every create asks). */
    private final WatchedObjects<Namespace> namespaces;

    public NamespaceLifecycle(ApiServer api) {
        this.namespaces = new WatchedObjects<>(api, BuiltinResources.NAMESPACES);
    }

    @Override
    public String name() {
        return "NamespaceLifecycle";
    }

    @Override
    public <T extends KubeObject> T admit(Operation operation, ResourceType<T> type, String namespace, String name,
            T obj, T old) {
        if (type == BuiltinResources.NAMESPACES) {
            if (operation == Operation.DELETE && IMMORTAL.contains(name)) {
                throw ApiErrors.forbidden(type.groupResource(), name, "this namespace may not be deleted");
            }
            return obj;
        }
        if (!type.namespaced() || operation != Operation.CREATE) {
            return obj;
        }
        Namespace ns = namespaces.get(null, namespace);
        if (ns == null) {
            throw ApiErrors.notFound(new GroupResource("", "namespaces"), namespace);
        }
        if (Namespace.NamespaceStatus.TERMINATING.equals(ns.status().phase())) {
            String reason = "unable to create new content in namespace " + namespace + " because it is being terminated";
            throw ApiErrors.forbidden(type.groupResource(), name, reason,
                    List.of(new StatusCause(NAMESPACE_TERMINATING_CAUSE, reason, "metadata.namespace")));
        }
        return obj;
    }
}
