package io.ksim.kubectl;

import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create rolebinding}: {@code create clusterrolebinding}'s subjects, bound to a Role or a ClusterRole. */
@Command(name = "rolebinding")
final class CreateRoleBinding extends CreateClusterRoleBinding {

    @Option(names = "--role")
    String role;

    CreateRoleBinding(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    String role() {
        return role;
    }

    @Override
    String kind() {
        return "RoleBinding";
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.ROLE_BINDINGS;
    }

    @Override
    void validateRole() {
        if ((clusterRole == null) == (role == null)) {
            throw new KubectlException("error: exactly one of clusterrole or role must be specified");
        }
    }
}
