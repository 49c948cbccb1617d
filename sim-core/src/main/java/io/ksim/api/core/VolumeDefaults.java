package io.ksim.api.core;

import static io.ksim.api.core.PodDefaults.isEmpty;
import static io.ksim.api.core.PodDefaults.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.meta.Opaque;
import io.ksim.api.resource.Quantity;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Upstream's defaulting of a pod volume (SetDefaults_Volume and the defaulters of its sources), including
 * the declarative defaults of the storage plugins' sources that ksim keeps as {@link Opaque} trees.
 */
final class VolumeDefaults {

    private VolumeDefaults() {
    }

    static Volume volume(Volume v) {
        if (v.hasNoSource()) {
            v = v.toBuilder().emptyDir(new EmptyDirVolumeSource(null, null)).build();
        }
        Volume.Builder b = v.toBuilder();
        if (v.hostPath() != null && v.hostPath().type() == null) {
            b.hostPath(new HostPathVolumeSource(v.hostPath().path(), HostPathVolumeSource.TYPE_UNSET));
        }
        SecretVolumeSource secret = v.secret();
        if (secret != null && secret.defaultMode() == null) {
            b.secret(new SecretVolumeSource(secret.secretName(), secret.items(),
                    PodDefaults.SECRET_VOLUME_SOURCE_DEFAULT_MODE, secret.optional()));
        }
        ConfigMapVolumeSource configMap = v.configMap();
        if (configMap != null && configMap.defaultMode() == null) {
            b.configMap(new ConfigMapVolumeSource(configMap.name(), configMap.items(),
                    PodDefaults.CONFIG_MAP_VOLUME_SOURCE_DEFAULT_MODE, configMap.optional()));
        }
        DownwardAPIVolumeSource downward = v.downwardAPI();
        if (downward != null) {
            b.downwardAPI(new DownwardAPIVolumeSource(map(downward.items(), VolumeDefaults::downwardAPIFile),
                    downward.defaultMode() == null ? PodDefaults.DOWNWARD_API_VOLUME_SOURCE_DEFAULT_MODE
                            : downward.defaultMode()));
        }
        if (v.projected() != null) {
            b.projected(projected(v.projected()));
        }
        b.iscsi(edit(v.iscsi(), o -> setIfEmpty(o, "iscsiInterface", "default")));
        b.rbd(edit(v.rbd(), o -> {
            setIfEmpty(o, "pool", "rbd");
            setIfEmpty(o, "user", "admin");
            setIfEmpty(o, "keyring", "/etc/ceph/keyring");
        }));
        b.azureDisk(edit(v.azureDisk(), o -> {
            setIfAbsent(o, "cachingMode", "ReadWrite");
            setIfAbsent(o, "fsType", "ext4");
            if (!o.hasNonNull("readOnly")) {
                o.put("readOnly", false);
            }
            setIfAbsent(o, "kind", "Shared");
        }));
        b.scaleIO(edit(v.scaleIO(), o -> {
            setIfEmpty(o, "storageMode", "ThinProvisioned");
            setIfEmpty(o, "fsType", "xfs");
        }));
        b.ephemeral(edit(v.ephemeral(), VolumeDefaults::ephemeral));
        return b.build();
    }

    private static ProjectedVolumeSource projected(ProjectedVolumeSource p) {
        return new ProjectedVolumeSource(map(p.sources(), s -> {
            DownwardAPIProjection downward = s.downwardAPI() == null ? null
                    : new DownwardAPIProjection(map(s.downwardAPI().items(), VolumeDefaults::downwardAPIFile));
            ServiceAccountTokenProjection token = s.serviceAccountToken();
            if (token != null && token.expirationSeconds() == null) {
                token = new ServiceAccountTokenProjection(token.audience(),
                        PodDefaults.SERVICE_ACCOUNT_TOKEN_DEFAULT_EXPIRATION_SECONDS, token.path());
            }
            return new VolumeProjection(s.secret(), downward, s.configMap(), token, s.clusterTrustBundle());
        }), p.defaultMode() == null ? PodDefaults.PROJECTED_VOLUME_SOURCE_DEFAULT_MODE : p.defaultMode());
    }

    private static DownwardAPIVolumeFile downwardAPIFile(DownwardAPIVolumeFile f) {
        return new DownwardAPIVolumeFile(f.path(), PodDefaults.objectFieldSelector(f.fieldRef()), f.resourceFieldRef(),
                f.mode());
    }

    /**
     * An ephemeral volume's claim template: SetDefaults_PersistentVolumeClaimSpec (volumeMode Filesystem)
     * and the rounding of its resource lists. The template's spec is a Go value, so it is made if absent.
     */
    private static void ephemeral(ObjectNode source) {
        JsonNode template = source.get("volumeClaimTemplate");
        if (!(template instanceof ObjectNode t)) {
            return;
        }
        JsonNode specNode = t.get("spec");
        ObjectNode spec = specNode instanceof ObjectNode o ? o : t.putObject("spec");
        setIfAbsent(spec, "volumeMode", "Filesystem");
        if (spec.get("resources") instanceof ObjectNode resources) {
            roundResourceList(resources.get("limits"));
            roundResourceList(resources.get("requests"));
        }
    }

    private static void roundResourceList(JsonNode list) {
        if (!(list instanceof ObjectNode o)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
                continue;
            }
            try {
                Quantity q = Quantity.parse(e.getValue().asText().trim());
                Quantity rounded = PodDefaults.roundUpToMilli(q);
                if (rounded != q) {
                    e.setValue(o.textNode(rounded.toString()));
                }
            } catch (IllegalArgumentException ignored) {
                // Not a quantity: left for validation to reject.
            }
        }
    }

    /** A copy of an object-valued opaque source with {@code edit} applied; null and non-objects as they are. */
    private static Opaque edit(Opaque source, Consumer<ObjectNode> edit) {
        if (source == null) {
            return null;
        }
        JsonNode tree = source.tree();
        if (!(tree instanceof ObjectNode o)) {
            return source;
        }
        edit.accept(o);
        return Opaque.of(o);
    }

    /** A string field with a non-pointer Go type: defaulted when absent or empty. */
    private static void setIfEmpty(ObjectNode o, String field, String value) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull() || (n.isTextual() && isEmpty(n.asText()))) {
            o.put(field, value);
        }
    }

    /** A pointer field: defaulted only when absent (or null). */
    private static void setIfAbsent(ObjectNode o, String field, String value) {
        if (!o.hasNonNull(field)) {
            o.put(field, value);
        }
    }
}
