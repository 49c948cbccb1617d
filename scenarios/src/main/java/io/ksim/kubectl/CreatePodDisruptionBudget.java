package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl create poddisruptionbudget NAME --selector=K=V,... --min-available=N|--max-unavailable=N}. */
@Command(name = "poddisruptionbudget", aliases = "pdb")
final class CreatePodDisruptionBudget extends CreateGenerator {

    @Option(names = "--selector")
    String selector = "";

    @Option(names = "--min-available")
    String minAvailable = "";

    @Option(names = "--max-unavailable")
    String maxUnavailable = "";

    CreatePodDisruptionBudget(KubectlContext ctx) {
        super(ctx);
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.POD_DISRUPTION_BUDGETS;
    }

    @Override
    void validate() {
        if (selector.isEmpty()) {
            throw new KubectlException("error: a selector must be specified");
        }
        if (minAvailable.isEmpty() && maxUnavailable.isEmpty()) {
            throw new KubectlException("error: one of min-available or max-unavailable must be specified");
        }
        if (!minAvailable.isEmpty() && !maxUnavailable.isEmpty()) {
            throw new KubectlException("error: min-available and max-unavailable cannot be both specified");
        }
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("policy/v1", "PodDisruptionBudget", meta(name));
        ObjectNode spec = o.putObject("spec");
        if (!minAvailable.isEmpty()) {
            putIntOrString(spec, "minAvailable", minAvailable);
        }
        ObjectNode matchLabels = spec.putObject("selector").putObject("matchLabels");
        for (String kv : selector.split(",")) {
            String[] p = kv.split("=", 2);
            matchLabels.put(p[0], p.length > 1 ? p[1] : "");
        }
        if (!maxUnavailable.isEmpty()) {
            putIntOrString(spec, "maxUnavailable", maxUnavailable);
        }
        ObjectNode status = o.putObject("status");
        status.put("disruptionsAllowed", 0);
        status.put("currentHealthy", 0);
        status.put("desiredHealthy", 0);
        status.put("expectedPods", 0);
        return o;
    }

    private static void putIntOrString(ObjectNode n, String key, String v) {
        if (v.matches("[0-9]+")) {
            n.put(key, Integer.parseInt(v));
        } else {
            n.put(key, v);
        }
    }
}
