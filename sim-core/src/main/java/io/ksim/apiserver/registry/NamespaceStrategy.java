package io.ksim.apiserver.registry;

import io.ksim.api.core.Namespace;
import io.ksim.api.core.Namespace.NamespaceSpec;
import io.ksim.api.core.Namespace.NamespaceStatus;
import java.util.List;

/**
 * Upstream's namespace strategy: a new namespace is Active and carries the {@code kubernetes} finalizer in
 * its spec, which the namespace controller removes once everything in the namespace is gone; a deleted
 * namespace turns Terminating and stays until then.
 */
final class NamespaceStrategy extends SpecStatusStrategy<Namespace, NamespaceSpec, NamespaceStatus> {

    NamespaceStrategy() {
        super(Namespace::spec, Namespace::withSpec, Namespace::status, Namespace::withStatus, () -> null, false);
    }

    @Override
    public Namespace prepareForCreate(Namespace ns) {
        List<String> finalizers = ns.spec().finalizers().contains(NamespaceSpec.FINALIZER_KUBERNETES)
                ? ns.spec().finalizers()
                : append(ns.spec().finalizers(), NamespaceSpec.FINALIZER_KUBERNETES);
        return ns.withSpec(new NamespaceSpec(finalizers)).withStatus(new NamespaceStatus(NamespaceStatus.ACTIVE, null));
    }

    /** The namespace controller empties spec.finalizers once the namespace's content is gone. */
    @Override
    public boolean deletionBlocked(Namespace ns) {
        return !ns.spec().finalizers().isEmpty();
    }

    @Override
    public Namespace markForDeletion(Namespace ns) {
        return ns.withStatus(new NamespaceStatus(NamespaceStatus.TERMINATING, ns.status().conditions()));
    }

    private static List<String> append(List<String> list, String item) {
        List<String> out = new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }
}
