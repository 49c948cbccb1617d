package io.ksim.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.patch.PatchException;
import io.ksim.apiserver.patch.StrategicMergePatch;
import io.ksim.cluster.Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario's {@code apply:} step does, until kubectl's {@code apply -f -} serves it: each object of the
 * manifest is created, or, when it exists, the manifest is merged into it (a strategic merge patch, the verb
 * kubectl apply sends). Prints kubectl apply's lines ({@code deployment.apps/web created},
 * {@code ... configured}, {@code service/web unchanged}).
 */
final class ManifestApplier {

    private ManifestApplier() {
    }

    /** Applies {@code manifest}; returns what kubectl apply would print. An error stops at that object. */
    static String apply(Cluster cluster, String manifest) {
        ApiServer api = cluster.api();
        StringBuilder out = new StringBuilder();
        for (JsonNode doc : documents(manifest)) {
            KubeObject obj = api.scheme().decode(doc, 0);
            ResourceType<?> type = api.scheme().forKind(obj.apiVersion(), obj.kind());
            String ns = obj.metadata().namespace();
            if (type == null || !type.namespaced()) {
                ns = null;
            } else if (ns == null || ns.isEmpty()) {
                ns = "default";
            }
            String name = obj.kind().toLowerCase(java.util.Locale.ROOT)
                    + (type == null || type.group().isEmpty() ? "" : "." + type.group()) + "/" + obj.metadata().name();
            try {
                api.createObject(ns, obj);
                out.append(name).append(" created\n");
            } catch (ApiException e) {
                if (e.code() != 409 || !"AlreadyExists".equals(e.reason())) {
                    throw e;
                }
                if (changes(api, type, ns, obj.metadata().name(), doc)) {
                    api.patch(type, ns, obj.metadata().name(), PatchType.STRATEGIC, doc.toString());
                    out.append(name).append(" configured\n");
                } else {
                    out.append(name).append(" unchanged\n");
                }
            }
        }
        return out.toString();
    }

    /** Whether merging {@code doc} into the stored object changes it (else kubectl says "unchanged"). */
    private static boolean changes(ApiServer api, ResourceType<?> type, String ns, String name, JsonNode doc) {
        JsonNode current = KubeJson.json().valueToTree(api.get(type, ns, name));
        try {
            return !StrategicMergePatch.apply(current, doc, type.type()).equals(current);
        } catch (PatchException e) {
            return true; // let the server report it
        }
    }

    private static List<JsonNode> documents(String manifest) {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser parser = KubeJson.yaml().createParser(manifest)) {
            MappingIterator<JsonNode> docs = KubeJson.yaml().readValues(parser, JsonNode.class);
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && !(doc.isObject() && doc.isEmpty())) {
                    out.add(doc);
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("error converting YAML to JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
