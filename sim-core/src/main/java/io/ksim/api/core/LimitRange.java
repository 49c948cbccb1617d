package io.ksim.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.SortedMap;

/**
 * Per-object resource bounds and defaults in a namespace (core/v1 LimitRange), applied by the LimitRanger
 * admission plugin to pods, containers and claims.
 */
public record LimitRange(String apiVersion, String kind, ObjectMeta metadata, LimitRangeSpec spec)
        implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "LimitRange";

    public LimitRange {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new LimitRangeSpec(null) : spec;
    }

    @Override
    public LimitRange withMetadata(ObjectMeta newMetadata) {
        return new LimitRange(apiVersion, kind, newMetadata, spec);
    }

    public LimitRange withSpec(LimitRangeSpec newSpec) {
        return new LimitRange(apiVersion, kind, metadata, newSpec);
    }

    /** core/v1 LimitRangeSpec. */
    public record LimitRangeSpec(List<LimitRangeItem> limits) {

        public LimitRangeSpec {
            limits = limits == null ? List.of() : List.copyOf(limits);
        }
    }

    /**
     * core/v1 LimitRangeItem. The wire name of {@code defaultLimit} is {@code default}, a Java keyword: the
     * default limit of a container.
     */
    public record LimitRangeItem(String type, SortedMap<String, Quantity> max, SortedMap<String, Quantity> min,
            @JsonProperty("default") SortedMap<String, Quantity> defaultLimit,
            SortedMap<String, Quantity> defaultRequest, SortedMap<String, Quantity> maxLimitRequestRatio) {

        public static final String TYPE_POD = "Pod";
        public static final String TYPE_CONTAINER = "Container";
        public static final String TYPE_PERSISTENT_VOLUME_CLAIM = "PersistentVolumeClaim";

        public LimitRangeItem {
            max = max == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(max);
            min = min == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(min);
            defaultLimit = defaultLimit == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(defaultLimit);
            defaultRequest = defaultRequest == null ? ImmutableSortedMap.of()
                    : ImmutableSortedMap.copyOfSorted(defaultRequest);
            maxLimitRequestRatio = maxLimitRequestRatio == null ? ImmutableSortedMap.of()
                    : ImmutableSortedMap.copyOfSorted(maxLimitRequestRatio);
        }
    }
}
