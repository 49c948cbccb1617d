package io.ksim.api.core;

import com.google.common.collect.ImmutableSortedMap;
import io.ksim.api.meta.KubeObject;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.Quantity;
import java.util.List;
import java.util.SortedMap;

/**
 * Limits on what a namespace may use (core/v1 ResourceQuota): {@code spec.hard} per resource name
 * ({@code pods}, {@code requests.cpu}, {@code count/deployments.apps}, ...), over the objects the scopes
 * select; the quota controller reports {@code status.used}.
 */
public record ResourceQuota(String apiVersion, String kind, ObjectMeta metadata, ResourceQuotaSpec spec,
        ResourceQuotaStatus status) implements KubeObject {

    public static final String API_VERSION = "v1";
    public static final String KIND = "ResourceQuota";

    /** Scopes (ResourceQuotaScope). */
    public static final String SCOPE_TERMINATING = "Terminating";
    public static final String SCOPE_NOT_TERMINATING = "NotTerminating";
    public static final String SCOPE_BEST_EFFORT = "BestEffort";
    public static final String SCOPE_NOT_BEST_EFFORT = "NotBestEffort";
    public static final String SCOPE_PRIORITY_CLASS = "PriorityClass";
    public static final String SCOPE_CROSS_NAMESPACE_POD_AFFINITY = "CrossNamespacePodAffinity";

    public ResourceQuota {
        apiVersion = apiVersion == null ? API_VERSION : apiVersion;
        kind = kind == null ? KIND : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        spec = spec == null ? new ResourceQuotaSpec(null, null, null) : spec;
        status = status == null ? new ResourceQuotaStatus(null, null) : status;
    }

    @Override
    public ResourceQuota withMetadata(ObjectMeta newMetadata) {
        return new ResourceQuota(apiVersion, kind, newMetadata, spec, status);
    }

    public ResourceQuota withSpec(ResourceQuotaSpec newSpec) {
        return new ResourceQuota(apiVersion, kind, metadata, newSpec, status);
    }

    public ResourceQuota withStatus(ResourceQuotaStatus newStatus) {
        return new ResourceQuota(apiVersion, kind, metadata, spec, newStatus);
    }

    /** core/v1 ResourceQuotaSpec. */
    public record ResourceQuotaSpec(SortedMap<String, Quantity> hard, List<String> scopes,
            ScopeSelector scopeSelector) {

        public ResourceQuotaSpec {
            hard = hard == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(hard);
            scopes = scopes == null ? List.of() : List.copyOf(scopes);
        }
    }

    /** core/v1 ScopeSelector: every requirement must hold. */
    public record ScopeSelector(List<ScopedResourceSelectorRequirement> matchExpressions) {

        public ScopeSelector {
            matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
        }
    }

    /** core/v1 ScopedResourceSelectorRequirement: {@code scopeName operator values}. */
    public record ScopedResourceSelectorRequirement(String scopeName, String operator, List<String> values) {

        public static final String IN = "In";
        public static final String NOT_IN = "NotIn";
        public static final String EXISTS = "Exists";
        public static final String DOES_NOT_EXIST = "DoesNotExist";

        public ScopedResourceSelectorRequirement {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    /** core/v1 ResourceQuotaStatus: the enforced limits and what is used of them. */
    public record ResourceQuotaStatus(SortedMap<String, Quantity> hard, SortedMap<String, Quantity> used) {

        public ResourceQuotaStatus {
            hard = hard == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(hard);
            used = used == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOfSorted(used);
        }
    }
}
