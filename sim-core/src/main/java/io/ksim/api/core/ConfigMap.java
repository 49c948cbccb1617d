package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import java.util.SortedMap;

/**
 * Configuration data (core/v1 ConfigMap): UTF-8 text in {@code data}, other bytes base64-encoded in
 * {@code binaryData}, as on the wire. {@code immutable: true} forbids changing either.
 */
public record ConfigMap(String apiVersion, String kind, ObjectMeta metadata, Boolean immutable,
        SortedMap<String, String> data, SortedMap<String, String> binaryData) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "ConfigMap";

    public ConfigMap {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        data = data == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(data);
        binaryData = binaryData == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(binaryData);
        Base64Text.check("binaryData", binaryData);
    }

    @Override
    public ConfigMap withMetadata(ObjectMeta newMetadata) {
        return new ConfigMap(apiVersion, kind, newMetadata, immutable, data, binaryData);
    }

    public ConfigMap withData(SortedMap<String, String> newData) {
        return new ConfigMap(apiVersion, kind, metadata, immutable, newData, binaryData);
    }

    public boolean isImmutable() {
        return Boolean.TRUE.equals(immutable);
    }
}
