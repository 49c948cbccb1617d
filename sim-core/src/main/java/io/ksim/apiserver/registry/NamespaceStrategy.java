package io.ksim.apiserver.registry;

import io.ksim.api.core.Namespace;
import io.ksim.api.core.Namespace.NamespaceSpec;
import io.ksim.api.core.Namespace.NamespaceStatus;
import io.ksim.api.meta.StatusCause;
import io.ksim.api.validation.FieldError;
import io.ksim.api.validation.FieldPath;
import io.ksim.api.validation.NameValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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

    /** Finalizer names that need no domain prefix (upstream's standardFinalizers). */
    private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan",
            "foregroundDeletion");

    /**
     * ValidateNamespace: each spec finalizer a qualified name, and an unprefixed one a standard name. Upstream
     * reports them at {@code spec.finalizers} without an index.
     */
    @Override
    public List<StatusCause> validate(Namespace ns) {
        FieldPath path = FieldPath.of("spec", "finalizers");
        List<FieldError> errs = new ArrayList<>();
        for (String f : ns.spec().finalizers()) {
            for (String msg : NameValidation.isQualifiedName(f)) {
                errs.add(FieldError.invalid(path, f, msg));
            }
            if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
                errs.add(FieldError.invalid(path, f,
                        "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
        return ConfigMapSecretStrategies.causes(errs);
    }
}
