package io.ksim.api.rbac;

import java.util.List;

/**
 * One permission of a Role or ClusterRole (rbac/v1 PolicyRule): the verbs allowed on the named resources of
 * the named API groups, or on non-resource URLs. {@code "*"} stands for all ({@link #ALL}).
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
        List<String> resourceNames, List<String> nonResourceURLs) {

    /** The wildcard of verbs, apiGroups, resources and nonResourceURLs. */
    public static final String ALL = "*";

    public PolicyRule {
        verbs = verbs == null ? List.of() : List.copyOf(verbs);
        apiGroups = apiGroups == null ? List.of() : List.copyOf(apiGroups);
        resources = resources == null ? List.of() : List.copyOf(resources);
        resourceNames = resourceNames == null ? List.of() : List.copyOf(resourceNames);
        nonResourceURLs = nonResourceURLs == null ? List.of() : List.copyOf(nonResourceURLs);
    }

    /** A rule on resources: {@code verbs} on {@code resources} of {@code apiGroups}. */
    public static PolicyRule resources(List<String> apiGroups, List<String> resources, List<String> verbs) {
        return new PolicyRule(verbs, apiGroups, resources, null, null);
    }
}
