package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create quota NAME [--hard=RESOURCE=QUANTITY,...] [--scopes=SCOPE,...]}: hard limits in name order. */
@Command(name = "quota", aliases = "resourcequota")
final class CreateQuota extends CreateGenerator {

    @Option(names = "--hard")
    String hard = "";

    @Option(names = "--scopes")
    String scopes = "";

    CreateQuota(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.RESOURCE_QUOTAS;
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("v1", "ResourceQuota", meta(name));
        ObjectNode spec = o.putObject("spec");
        if (!hard.isEmpty()) {
            ObjectNode h = spec.putObject("hard");
            for (String kv : new TreeSet<>(List.of(hard.split(",")))) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new KubectlException("error: invalid resource specification: " + kv);
                }
                h.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        if (!scopes.isEmpty()) {
            spec.set("scopes", CreateCommand.strings(List.of(scopes.split(","))));
        }
        o.putObject("status");
        return o;
    }
}
