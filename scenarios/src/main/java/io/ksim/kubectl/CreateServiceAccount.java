package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;

/** {@code kubectl create serviceaccount NAME}. */
@Command(name = "serviceaccount", aliases = "sa")
final class CreateServiceAccount extends CreateGenerator {

    CreateServiceAccount(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.SERVICE_ACCOUNTS;
    }

    @Override
    ObjectNode build(String name) {
        return object("v1", "ServiceAccount", meta(name));
    }
}
