package io.ksim.kubectl;

import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.auth.UserInfo;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kubectl.printers.TabWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl auth can-i --list}: the rules a SelfSubjectRulesReview returns for the user in the namespace
 * (those of every ClusterRoleBinding, then every RoleBinding of the namespace, that names the user, a group of
 * it or its ServiceAccount), broken down to one group and resource each, rules of one resource merged over
 * their verbs, sorted by the rule's text as kubectl sorts them, and printed in its four columns.
 */
final class RulesList {

    private final KubectlContext ctx;

    RulesList(KubectlContext ctx) {
        this.ctx = ctx;
    }

    int print(UserInfo user, String namespace, boolean noHeaders) {
        List<PolicyRule> granted = new ArrayList<>();
        for (ClusterRoleBinding b : ctx.cluster().api().list(BuiltinResources.CLUSTER_ROLE_BINDINGS, null).items()) {
            if (names(user, b.subjects(), "")) {
                granted.addAll(rules(b.roleRef(), ""));
            }
        }
        if (!namespace.isEmpty()) {
            for (RoleBinding b : ctx.cluster().api().list(BuiltinResources.ROLE_BINDINGS, namespace).items()) {
                if (names(user, b.subjects(), namespace)) {
                    granted.addAll(rules(b.roleRef(), namespace));
                }
            }
        }
        List<PolicyRule> broken = new ArrayList<>();
        granted.forEach(r -> broken.addAll(breakdown(r)));
        List<PolicyRule> compact = compact(broken);
        List<PolicyRule> sorted = new ArrayList<>(compact);
        sorted.sort(java.util.Comparator.comparing(RulesList::text));
        List<List<String>> rows = new ArrayList<>();
        if (!noHeaders) {
            rows.add(List.of("Resources", "Non-Resource URLs", "Resource Names", "Verbs"));
        }
        for (PolicyRule r : sorted) {
            rows.add(List.of(groupsAndResources(r), list(r.nonResourceURLs()), list(r.resourceNames()),
                    list(r.verbs())));
        }
        ctx.out().print(TabWriter.rows(rows, false));
        return 0;
    }

    private static boolean names(UserInfo user, List<Subject> subjects, String namespace) {
        for (Subject s : subjects) {
            String kind = s.kind() == null ? "" : s.kind();
            switch (kind) {
                case "User" -> {
                    if (user.name().equals(s.name())) {
                        return true;
                    }
                }
                case "Group" -> {
                    if (user.groups().contains(s.name())) {
                        return true;
                    }
                }
                case "ServiceAccount" -> {
                    String ns = s.namespace() == null || s.namespace().isEmpty() ? namespace : s.namespace();
                    if (!ns.isEmpty() && user.name().equals(UserInfo.serviceAccountUsername(ns, s.name()))) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    private List<PolicyRule> rules(RoleRef ref, String namespace) {
        try {
            if ("Role".equals(ref.kind())) {
                return namespace.isEmpty() ? List.of()
                        : ctx.cluster().api().get(BuiltinResources.ROLES, namespace, ref.name()).rules();
            }
            return ctx.cluster().api().get(BuiltinResources.CLUSTER_ROLES, null, ref.name()).rules();
        } catch (ApiException e) {
            return List.of();
        }
    }

    /** One rule per group and resource (and resource name), one per non-resource URL, each with all the verbs. */
    private static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> out = new ArrayList<>();
        for (String group : nz(rule.apiGroups())) {
            for (String resource : nz(rule.resources())) {
                if (!nz(rule.resourceNames()).isEmpty()) {
                    for (String name : rule.resourceNames()) {
                        out.add(new PolicyRule(rule.verbs(), List.of(group), List.of(resource), List.of(name), List.of()));
                    }
                } else {
                    out.add(new PolicyRule(rule.verbs(), List.of(group), List.of(resource), List.of(), List.of()));
                }
            }
        }
        for (String url : nz(rule.nonResourceURLs())) {
            out.add(new PolicyRule(rule.verbs(), List.of(), List.of(), List.of(), List.of(url)));
        }
        return out;
    }

    /** Rules of one group, one resource and at most one name merge their verbs (first seen order). */
    private static List<PolicyRule> compact(List<PolicyRule> rules) {
        List<PolicyRule> out = new ArrayList<>();
        Map<String, LinkedHashSet<String>> simple = new LinkedHashMap<>();
        Map<String, PolicyRule> first = new LinkedHashMap<>();
        for (PolicyRule r : rules) {
            boolean isSimple = nz(r.apiGroups()).size() == 1 && nz(r.resources()).size() == 1
                    && nz(r.nonResourceURLs()).isEmpty() && nz(r.resourceNames()).size() <= 1;
            if (!isSimple) {
                out.add(r);
                continue;
            }
            String key = r.apiGroups().get(0) + "/" + r.resources().get(0) + "/" + nz(r.resourceNames());
            simple.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(nz(r.verbs()));
            first.putIfAbsent(key, r);
        }
        first.forEach((key, r) -> out.add(new PolicyRule(List.copyOf(simple.get(key)), r.apiGroups(), r.resources(),
                nz(r.resourceNames()), List.of())));
        return out;
    }

    /** The rule's Go String() (field order Verbs, APIGroups, Resources, ResourceNames, NonResourceURLs). */
    private static String text(PolicyRule r) {
        return "&PolicyRule{Verbs:" + list(r.verbs()) + ",APIGroups:" + list(r.apiGroups()) + ",Resources:"
                + list(r.resources()) + ",ResourceNames:" + list(r.resourceNames()) + ",NonResourceURLs:"
                + list(r.nonResourceURLs()) + ",}";
    }

    private static String groupsAndResources(PolicyRule r) {
        List<String> parts = new ArrayList<>();
        for (String resource : nz(r.resources())) {
            for (String group : nz(r.apiGroups())) {
                parts.add(group.isEmpty() ? resource : resource + "." + group);
            }
        }
        return String.join(", ", parts);
    }

    private static String list(List<String> l) {
        return "[" + String.join(" ", nz(l)) + "]";
    }

    private static List<String> nz(List<String> l) {
        return l == null ? List.of() : l;
    }
}
