package io.ksim.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.api.meta.Opaque;
import io.ksim.api.policy.Eviction;
import io.ksim.apiserver.DeleteOptions;

/**
 * The delete options an Eviction carries (its {@code deleteOptions}, a metav1.DeleteOptions): grace period,
 * propagation policy, preconditions and dry run. Absent options mean the pod's own grace period.
 */
record EvictionDeleteOptions(DeleteOptions delete, boolean dryRun) {

    static EvictionDeleteOptions of(Eviction eviction) {
        Opaque opaque = eviction.deleteOptions();
        if (opaque == null) {
            return new EvictionDeleteOptions(DeleteOptions.defaults(), false);
        }
        JsonNode o = opaque.tree();
        Long grace = o.hasNonNull("gracePeriodSeconds") ? o.get("gracePeriodSeconds").asLong() : null;
        String propagation = text(o, "propagationPolicy");
        JsonNode pre = o.path("preconditions");
        String uid = text(pre, "uid");
        String rv = text(pre, "resourceVersion");
        boolean dryRun = o.path("dryRun").isArray() && o.path("dryRun").size() > 0;
        return new EvictionDeleteOptions(new DeleteOptions(grace, propagation, uid, rv), dryRun);
    }

    boolean resourceVersionUnset() {
        return delete.preconditionResourceVersion() == null;
    }

    /** The options with the resourceVersion precondition set (upstream's setPreconditionsResourceVersion). */
    EvictionDeleteOptions withResourceVersion(String resourceVersion) {
        return new EvictionDeleteOptions(new DeleteOptions(delete.gracePeriodSeconds(), delete.propagationPolicy(),
                delete.preconditionUid(), resourceVersion), dryRun);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
