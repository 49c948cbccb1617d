package io.ksim.controller.history;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.apps.ControllerRevision;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.meta.Opaque;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.DeleteOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.ControllerUtils;
import io.ksim.controller.hash.GoJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ControllerRevisions of StatefulSets and DaemonSets (upstream pkg/controller/history): a revision is named
 * {@code <parent>-<hash>}, where the hash is FNV-1 (32 bit) over the revision's data bytes followed by the
 * decimal collision count when there is one, rendered with {@link ControllerUtils#safeEncodeString}. The
 * hash also goes into the {@value #HASH_LABEL} label. Revision numbers grow by one from the largest existing
 * revision; a template seen before is not stored twice: its revision is given the next number instead.
 */
public final class ControllerHistory {

    /** Upstream ControllerRevisionHashLabel. */
    public static final String HASH_LABEL = "controller.kubernetes.io/hash";
    /** A prefix longer than this is cut so that the name stays within 253 characters. */
    static final int MAX_PREFIX = 223;

    private ControllerHistory() {
    }

    /** The revision's name: {@code prefix-hash} with the prefix cut to 223 characters. */
    public static String revisionName(String prefix, String hash) {
        return (prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix) + "-" + hash;
    }

    /**
     * Upstream HashControllerRevision: FNV-1 over the revision's data as encoding/json wrote it
     * ({@link GoJson#marshal}), then the decimal collision count.
     */
    public static String hash(Opaque data, Integer collisionCount) {
        int h = 0x811c9dc5;
        for (byte b : GoJson.marshal(data.tree()).getBytes(StandardCharsets.UTF_8)) {
            h = step(h, b);
        }
        if (collisionCount != null) {
            for (byte b : Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8)) {
                h = step(h, b);
            }
        }
        return ControllerUtils.safeEncodeString(Long.toString(Integer.toUnsignedLong(h)));
    }

    // FNV-1 (hash/fnv New32): multiply first, then xor; the pod-template-hash uses FNV-1a instead.
    private static int step(int h, byte b) {
        return (h * 0x01000193) ^ (b & 0xff);
    }

    /**
     * A new revision of {@code parent} (upstream NewControllerRevision): the template labels plus the hash
     * label, a controller reference to the parent, in the parent's namespace.
     */
    public static ControllerRevision newRevision(KubeObject parent, Map<String, String> templateLabels, Opaque data,
            long revision, Integer collisionCount) {
        String hash = hash(data, collisionCount);
        Map<String, String> labels = new TreeMap<>(templateLabels);
        labels.put(HASH_LABEL, hash);
        ObjectMeta meta = ObjectMeta.builder().namespace(parent.metadata().namespace())
                .name(revisionName(parent.metadata().name(), hash)).labels(labels)
                .ownerReferences(List.of(ControllerUtils.controllerRef(parent))).build();
        return new ControllerRevision(meta, data, revision);
    }

    /** Upstream nextRevision: one more than the largest revision number, 1 for none. */
    public static long nextRevision(List<ControllerRevision> revisions) {
        return revisions.stream().mapToLong(ControllerRevision::revision).max().orElse(0) + 1;
    }

    /** The revisions sorted by revision number, then name (upstream SortControllerRevisions is stable). */
    public static List<ControllerRevision> sorted(List<ControllerRevision> revisions) {
        List<ControllerRevision> out = new ArrayList<>(revisions);
        out.sort(Comparator.comparingLong(ControllerRevision::revision)
                .thenComparing(r -> r.metadata().name()));
        return out;
    }

    /** The revisions whose data equals {@code needle}'s (upstream FindEqualRevisions compares hash, then data). */
    public static List<ControllerRevision> findEqual(List<ControllerRevision> revisions, ControllerRevision needle) {
        List<ControllerRevision> out = new ArrayList<>();
        for (ControllerRevision r : revisions) {
            if (r.data().equals(needle.data())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The data of a workload's revision: the strategic patch that puts its pod template back,
     * {@code {"spec":{"template":{..., "$patch":"replace"}}}}, as the StatefulSet and DaemonSet controllers store it:
     * the template as encoding/json writes it, empty fields without omitempty included ({@link GoJson}).
     */
    public static Opaque templatePatch(PodTemplateSpec template) {
        ObjectNode t = GoJson.podTemplateSpec(template);
        t.put("$patch", "replace");
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.set("template", t);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("spec", spec);
        return Opaque.of(root);
    }

    /**
     * Deletes the oldest of {@code history} (sorted oldest first, live revisions already left out) beyond
     * {@code revisionHistoryLimit} (10 when unset); a revision someone else deleted first is no error.
     */
    public static void truncate(ApiServer api, List<ControllerRevision> history, Integer revisionHistoryLimit) {
        int limit = revisionHistoryLimit == null ? 10 : revisionHistoryLimit;
        for (int i = 0; i < history.size() - limit; i++) {
            ControllerRevision r = history.get(i);
            try {
                api.delete(BuiltinResources.CONTROLLER_REVISIONS, r.metadata().namespace(), r.metadata().name(),
                        DeleteOptions.defaults());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }
}
