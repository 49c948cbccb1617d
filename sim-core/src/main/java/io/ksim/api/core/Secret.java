package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Secret data (core/v1 Secret). {@code data} holds base64 text, as on the wire (Go's {@code []byte}); a value
 * that is not valid base64 is a decoding error. {@code stringData} is write-only upstream: the API server
 * merges it into {@code data} (see {@link #withStringDataMerged}) and never stores it.
 */
public record Secret(String apiVersion, String kind, ObjectMeta metadata, Boolean immutable,
        SortedMap<String, String> data, SortedMap<String, String> stringData, String type) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "Secret";

    public static final String TYPE_OPAQUE = "Opaque";
    public static final String TYPE_SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    public static final String TYPE_DOCKERCFG = "kubernetes.io/dockercfg";
    public static final String TYPE_DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    public static final String TYPE_BASIC_AUTH = "kubernetes.io/basic-auth";
    public static final String TYPE_SSH_AUTH = "kubernetes.io/ssh-auth";
    public static final String TYPE_TLS = "kubernetes.io/tls";
    public static final String TYPE_BOOTSTRAP_TOKEN = "bootstrap.kubernetes.io/token";

    public Secret {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        data = data == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(data);
        stringData = stringData == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(stringData);
        Base64Text.check("data", data);
    }

    /** A secret of {@code type} with the given values, base64-encoded from their UTF-8 bytes. */
    public static Secret of(ObjectMeta metadata, String type, Map<String, String> plain) {
        return new Secret(null, null, metadata, null, encode(plain), null, type);
    }

    @Override
    public Secret withMetadata(ObjectMeta newMetadata) {
        return new Secret(apiVersion, kind, newMetadata, immutable, data, stringData, type);
    }

    public Secret withType(String newType) {
        return new Secret(apiVersion, kind, metadata, immutable, data, stringData, newType);
    }

    /** The decoded bytes of a {@code data} entry, or null. */
    public byte[] bytes(String key) {
        String text = data.get(key);
        return text == null ? null : Base64Text.decode(text);
    }

    /** A {@code data} entry decoded as UTF-8, or null. */
    public String text(String key) {
        byte[] b = bytes(key);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /**
     * What the API server stores for this secret: {@code stringData} entries encoded into {@code data}
     * (overriding entries of the same key) and {@code stringData} dropped, as upstream's conversion does.
     */
    public Secret withStringDataMerged() {
        if (stringData.isEmpty()) {
            return this;
        }
        SortedMap<String, String> merged = new TreeMap<>(data);
        merged.putAll(encode(stringData));
        return new Secret(apiVersion, kind, metadata, immutable, merged, null, type);
    }

    public boolean isImmutable() {
        return Boolean.TRUE.equals(immutable);
    }

    private static SortedMap<String, String> encode(Map<String, String> plain) {
        SortedMap<String, String> out = new TreeMap<>();
        plain.forEach((k, v) -> out.put(k, Base64Text.encode(v.getBytes(StandardCharsets.UTF_8))));
        return out;
    }
}
