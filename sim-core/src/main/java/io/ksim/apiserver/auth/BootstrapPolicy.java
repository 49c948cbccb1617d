package io.ksim.apiserver.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.ksim.api.KubeJson;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.rbac.AggregationRule;
import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.Rbac;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default ClusterRoles and ClusterRoleBindings kube-apiserver creates at start
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), read from {@code bootstrap-policy.yaml} beside this
 * class: cluster-admin for system:masters, system:basic-user and system:discovery for every authenticated user,
 * system:public-info-viewer for everyone, the roles of kube-scheduler, kube-controller-manager, kube-proxy,
 * kubelets and kube-dns, and the user-facing admin, edit and view.
 *
 * <p>Every object carries the label {@code kubernetes.io/bootstrapping: rbac-defaults} and the annotation
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"}. admin, edit and view are aggregated roles; their
 * rules are filled in as the clusterrole-aggregation controller leaves them (see {@link #aggregate}), so that
 * {@code kubectl get clusterrole view -o yaml} shows what a running cluster shows.
 */
public final class BootstrapPolicy {

    public static final String BOOTSTRAPPING_LABEL = "kubernetes.io/bootstrapping";
    public static final String BOOTSTRAPPING_VALUE = "rbac-defaults";
    private static final String RESOURCE = "bootstrap-policy.yaml";

    private final List<ClusterRole> clusterRoles;
    private final List<ClusterRoleBinding> clusterRoleBindings;

    private BootstrapPolicy(List<ClusterRole> clusterRoles, List<ClusterRoleBinding> clusterRoleBindings) {
        this.clusterRoles = List.copyOf(clusterRoles);
        this.clusterRoleBindings = List.copyOf(clusterRoleBindings);
    }

    /** The v1.32 policy, aggregated roles filled in (read once: its objects are immutable values). */
    public static BootstrapPolicy v132() {
        return V132.POLICY;
    }

    /** Loaded on first use, by the class loader's lazy initialization. */
    private static final class V132 {
        static final BootstrapPolicy POLICY = load();
    }

    private static BootstrapPolicy load() {
        PolicyFile file;
        try (InputStream in = BootstrapPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            file = KubeJson.yaml().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, PolicyFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ClusterRole> roles = file.clusterRoles().stream().map(BootstrapPolicy::clusterRole).toList();
        List<ClusterRoleBinding> bindings = file.clusterRoleBindings().stream().map(BootstrapPolicy::binding).toList();
        return new BootstrapPolicy(aggregate(roles), bindings);
    }

    public List<ClusterRole> clusterRoles() {
        return clusterRoles;
    }

    public List<ClusterRoleBinding> clusterRoleBindings() {
        return clusterRoleBindings;
    }

    /** The role named {@code name}, or null. */
    public ClusterRole clusterRole(String name) {
        return clusterRoles.stream().filter(r -> r.metadata().name().equals(name)).findFirst().orElse(null);
    }

    /** Creates every role, then every binding, as the rbac/bootstrap-roles post-start hook does. */
    public void createIn(ApiServer api) {
        clusterRoles.forEach(r -> api.create(BuiltinResources.CLUSTER_ROLES, null, r));
        clusterRoleBindings.forEach(b -> api.create(BuiltinResources.CLUSTER_ROLE_BINDINGS, null, b));
    }

    /**
     * The roles with every aggregated role's rules set as the clusterrole-aggregation controller converges:
     * for each selector, the matching roles in name order (the role itself excluded), their rules appended unless
     * an equal rule is already there. Repeated until nothing changes, since aggregated roles select each other
     * (admin selects edit, edit selects view).
     */
    static List<ClusterRole> aggregate(List<ClusterRole> roles) {
        TreeMap<String, ClusterRole> byName = new TreeMap<>();
        roles.forEach(r -> byName.put(r.metadata().name(), r));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ClusterRole role : List.copyOf(byName.values())) {
                if (role.aggregationRule() == null) {
                    continue;
                }
                List<PolicyRule> rules = new ArrayList<>();
                for (LabelSelector selector : role.aggregationRule().clusterRoleSelectors()) {
                    for (ClusterRole source : byName.values()) {
                        if (source.metadata().name().equals(role.metadata().name())
                                || !source.metadata().labels().entrySet().containsAll(selector.matchLabels().entrySet())) {
                            continue;
                        }
                        source.rules().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
                    }
                }
                if (!rules.equals(role.rules())) {
                    byName.put(role.metadata().name(), role.withRules(rules));
                    changed = true;
                }
            }
        }
        return roles.stream().map(r -> byName.get(r.metadata().name())).toList();
    }

    private static ObjectMeta meta(String name, List<String> extraLabels) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put(BOOTSTRAPPING_LABEL, BOOTSTRAPPING_VALUE);
        extraLabels.forEach(l -> labels.put(l, "true"));
        return ObjectMeta.builder().name(name).labels(labels).annotations(Map.of(Rbac.AUTO_UPDATE_ANNOTATION, "true"))
                .build();
    }

    private static ClusterRole clusterRole(RoleEntry e) {
        List<PolicyRule> rules = e.rules().stream().map(r -> new PolicyRule(r.verbs(), r.groups(), r.resources(),
                r.names(), r.urls())).toList();
        AggregationRule aggregation = e.aggregate() == null ? null
                : new AggregationRule(List.of(LabelSelector.matchLabels(Map.of(e.aggregate(), "true"))));
        return new ClusterRole(null, null, meta(e.name(), e.labels()), rules, aggregation);
    }

    private static ClusterRoleBinding binding(BindingEntry e) {
        List<Subject> subjects = e.subjects().stream().map(BootstrapPolicy::subject).toList();
        return new ClusterRoleBinding(meta(e.name(), List.of()), subjects, RoleRef.clusterRole(e.name()));
    }

    /** "Group:system:masters", "User:system:kube-proxy", "ServiceAccount:kube-system/kube-dns". */
    static Subject subject(String spec) {
        int colon = spec.indexOf(':');
        String kind = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        return switch (kind) {
            case Subject.GROUP -> Subject.group(rest);
            case Subject.USER -> Subject.user(rest);
            case Subject.SERVICE_ACCOUNT -> {
                int slash = rest.indexOf('/');
                yield Subject.serviceAccount(rest.substring(0, slash), rest.substring(slash + 1));
            }
            default -> throw new IllegalArgumentException("unknown subject kind in " + RESOURCE + ": " + spec);
        };
    }

    // ---- the file's shape -------------------------------------------------------------------------

    record PolicyFile(List<RoleEntry> clusterRoles, List<BindingEntry> clusterRoleBindings) {
        PolicyFile {
            clusterRoles = clusterRoles == null ? List.of() : clusterRoles;
            clusterRoleBindings = clusterRoleBindings == null ? List.of() : clusterRoleBindings;
        }
    }

    record RoleEntry(String name, List<String> labels, String aggregate, List<RuleEntry> rules) {
        RoleEntry {
            labels = labels == null ? List.of() : labels;
            rules = rules == null ? List.of() : rules;
        }
    }

    record RuleEntry(List<String> verbs, List<String> groups, List<String> resources, List<String> names,
            List<String> urls) {
    }

    record BindingEntry(String name, List<String> subjects) {
        BindingEntry {
            subjects = subjects == null ? List.of() : subjects;
        }
    }
}
