package io.ksim.apiserver.auth;

import io.ksim.api.rbac.PolicyRule;
import java.util.List;

/** Whether a PolicyRule covers a request (upstream's RuleAllows and the rbac/v1 evaluation helpers). */
public final class PolicyRules {

    private PolicyRules() {
    }

    /**
     * A resource request needs the verb, API group, resource (with its subresource) and name to match; a
     * non-resource request the verb and the path.
     */
    public static boolean allows(Attributes request, PolicyRule rule) {
        if (request.resourceRequest()) {
            return verbMatches(rule, request.verb())
                    && apiGroupMatches(rule, request.apiGroup())
                    && resourceMatches(rule, request.combinedResource(), request.subresource())
                    && resourceNameMatches(rule, request.name());
        }
        return verbMatches(rule, request.verb()) && nonResourceURLMatches(rule, request.path());
    }

    public static boolean allowsAny(Attributes request, List<PolicyRule> rules) {
        return rules.stream().anyMatch(r -> allows(request, r));
    }

    public static boolean verbMatches(PolicyRule rule, String verb) {
        return rule.verbs().stream().anyMatch(v -> v.equals(PolicyRule.ALL) || v.equals(verb));
    }

    public static boolean apiGroupMatches(PolicyRule rule, String group) {
        return rule.apiGroups().stream().anyMatch(g -> g.equals(PolicyRule.ALL) || g.equals(group));
    }

    /**
     * "*" matches every resource and subresource; otherwise the rule names the resource, "pods/log" a
     * subresource, and "*&#47;scale" one subresource of every resource.
     */
    public static boolean resourceMatches(PolicyRule rule, String combinedResource, String subresource) {
        for (String r : rule.resources()) {
            if (r.equals(PolicyRule.ALL) || r.equals(combinedResource)) {
                return true;
            }
            if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    /** No resourceNames means any name; otherwise the request must name one of them. */
    public static boolean resourceNameMatches(PolicyRule rule, String name) {
        return rule.resourceNames().isEmpty() || rule.resourceNames().contains(name);
    }

    /** "*" matches every path, "/apis/*" every path starting "/apis/", anything else the path itself. */
    public static boolean nonResourceURLMatches(PolicyRule rule, String path) {
        for (String url : rule.nonResourceURLs()) {
            if (url.equals(PolicyRule.ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(stripTrailingStars(url))) {
                return true;
            }
        }
        return false;
    }

    private static String stripTrailingStars(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '*') {
            end--;
        }
        return s.substring(0, end);
    }
}
