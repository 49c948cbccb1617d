package io.ksim.apiserver.auth;

import io.ksim.api.rbac.ClusterRole;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.Rbac;
import io.ksim.api.rbac.Role;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.RequestAuthorizer;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Role-based access control as kube-apiserver's authorization chain decides it: members of system:masters
 * first (the privileged-groups authorizer), then the RBAC authorizer (plugin/pkg/auth/authorizer/rbac). The
 * latter walks every ClusterRoleBinding whose subjects include the user, then, for a namespaced request,
 * every RoleBinding of that namespace; a binding grants the rules of its Role (in the binding's namespace)
 * or ClusterRole, and the first rule covering the request allows it. Non-resource URLs carry no namespace,
 * so only ClusterRoleBindings grant them. Roles are read through the API server on each request.
 */
public final class RbacAuthorizer {

    private final ApiServer api;
    private final PrivilegedGroups privileged;

    public RbacAuthorizer(ApiServer api) {
        this(api, PrivilegedGroups.systemMasters());
    }

    public RbacAuthorizer(ApiServer api, PrivilegedGroups privileged) {
        this.api = Objects.requireNonNull(api, "api");
        this.privileged = Objects.requireNonNull(privileged, "privileged");
    }

    /**
     * Allows the request, with the reason naming the binding that grants it ({@code RBAC: allowed by ...}),
     * or denies it; a denial's reason lists roles that could not be resolved ({@code RBAC: role... not found}),
     * else it is empty.
     */
    public Decision authorize(Attributes request) {
        if (privileged.allows(request.user())) {
            return Decision.allow("");
        }
        return authorizeByRules(request);
    }

    /** The RBAC step alone, without the privileged groups. */
    public Decision authorizeByRules(Attributes request) {
        UserInfo user = request.user() == null ? new UserInfo("", List.of(), null) : request.user();
        List<String> errors = new ArrayList<>();
        for (ClusterRoleBinding binding : api.list(BuiltinResources.CLUSTER_ROLE_BINDINGS, null).items()) {
            Subject subject = appliesTo(user, binding.subjects(), "");
            if (subject == null) {
                continue;
            }
            List<PolicyRule> rules = roleRules(binding.roleRef(), "", errors);
            if (rules != null && PolicyRules.allowsAny(request, rules)) {
                return Decision.allow("RBAC: allowed by " + String.format("ClusterRoleBinding \"%s\" of %s \"%s\" to %s",
                        binding.metadata().name(), binding.roleRef().kind(), binding.roleRef().name(),
                        describe(subject, "")));
            }
        }
        String ns = request.namespace();
        if (!ns.isEmpty()) {
            for (RoleBinding binding : api.list(BuiltinResources.ROLE_BINDINGS, ns).items()) {
                Subject subject = appliesTo(user, binding.subjects(), ns);
                if (subject == null) {
                    continue;
                }
                List<PolicyRule> rules = roleRules(binding.roleRef(), ns, errors);
                if (rules != null && PolicyRules.allowsAny(request, rules)) {
                    return Decision.allow("RBAC: allowed by " + String.format("RoleBinding \"%s\" of %s \"%s\" to %s",
                            binding.metadata().name() + "/" + ns, binding.roleRef().kind(),
                            binding.roleRef().name(), describe(subject, ns)));
                }
            }
        }
        return Decision.deny(errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
    }

    /** Whether the request is allowed. */
    public boolean allowed(Attributes request) {
        return authorize(request).allowed();
    }

    /** The request allowed, or its 403 Forbidden (with upstream's text) thrown. */
    public void check(Attributes request) {
        Decision decision = authorize(request);
        if (!decision.allowed()) {
            throw Forbidden.error(request, decision.reason());
        }
    }

    /**
     * The authorization filter in front of the API for {@code user}'s requests ({@link ApiServer#authorizedBy}):
     * each request is checked as {@link #check} does.
     */
    public RequestAuthorizer forUser(UserInfo user) {
        Objects.requireNonNull(user, "user");
        return (verb, type, namespace, subresource, name) -> check(Attributes.resource(user, verb, namespace,
                type.group(), type.resource(), subresource, name));
    }

    /**
     * What {@code kubectl auth can-i VERB RESOURCE [NAME] -n NAMESPACE} answers for {@code user}: "yes", or
     * "no" with " - reason" when there is one. {@code resource} is "pods", "pods/log", "deployments.apps",
     * "deployments.apps/scale", "*" (lower-cased first, as kubectl does), or a URL path starting with "/" for a
     * non-resource check. The namespace is taken as given, also for cluster-scoped resources.
     */
    public String canI(UserInfo user, String verb, String resource, String namespace, String name) {
        Attributes request;
        if (resource.startsWith("/")) {
            request = Attributes.nonResource(user, verb, resource);
        } else {
            String sub = "";
            String res = resource.toLowerCase(java.util.Locale.ROOT);
            int slash = res.indexOf('/');
            if (slash >= 0) {
                sub = res.substring(slash + 1);
                res = res.substring(0, slash);
            }
            String group = "";
            int dot = res.indexOf('.');
            if (dot >= 0) {
                group = res.substring(dot + 1);
                res = res.substring(0, dot);
            }
            request = Attributes.resource(user, verb, namespace, group, res, sub, name);
        }
        Decision decision = authorize(request);
        if (decision.allowed()) {
            return "yes";
        }
        return decision.reason().isEmpty() ? "no" : "no - " + decision.reason();
    }

    // ---- resolution -----------------------------------------------------------------------------

    /** The rules the binding's role holds, or null (with the error noted) if the role cannot be found. */
    private List<PolicyRule> roleRules(RoleRef ref, String bindingNamespace, List<String> errors) {
        String kind = ref.kind() == null ? "" : ref.kind();
        try {
            switch (kind) {
                case RoleRef.ROLE:
                    if (bindingNamespace.isEmpty()) {
                        errors.add(notFound("role", ref.name()));
                        return null;
                    }
                    Role role = api.get(BuiltinResources.ROLES, bindingNamespace, ref.name());
                    return role.rules();
                case RoleRef.CLUSTER_ROLE:
                    ClusterRole clusterRole = api.get(BuiltinResources.CLUSTER_ROLES, null, ref.name());
                    return clusterRole.rules();
                default:
                    errors.add(String.format("unsupported role reference kind: \"%s\"", kind));
                    return null;
            }
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            errors.add(notFound(kind.equals(RoleRef.ROLE) ? "role" : "clusterrole", ref.name()));
            return null;
        }
    }

    /** The lister's NotFound text, with its singular resource: {@code role.rbac.authorization.k8s.io "x" not found}. */
    private static String notFound(String resource, String name) {
        return String.format("%s.%s \"%s\" not found", resource, Rbac.GROUP_NAME, name);
    }

    /** The first subject that is the user, or null. */
    static Subject appliesTo(UserInfo user, List<Subject> subjects, String namespace) {
        for (Subject subject : subjects) {
            if (appliesToUser(user, subject, namespace)) {
                return subject;
            }
        }
        return null;
    }

    /**
     * A User subject by name, a Group by membership, a ServiceAccount by its user name; a ServiceAccount
     * subject without a namespace means the binding's own.
     */
    static boolean appliesToUser(UserInfo user, Subject subject, String namespace) {
        String kind = subject.kind() == null ? "" : subject.kind();
        switch (kind) {
            case Subject.USER:
                return user.name().equals(subject.name());
            case Subject.GROUP:
                return user.groups().contains(subject.name());
            case Subject.SERVICE_ACCOUNT:
                String saNamespace = subject.namespace() == null || subject.namespace().isEmpty()
                        ? namespace : subject.namespace();
                if (saNamespace.isEmpty()) {
                    return false;
                }
                return user.name().equals(UserInfo.serviceAccountUsername(saNamespace, subject.name()));
            default:
                return false;
        }
    }

    /** {@code User "bob"}, {@code ServiceAccount "name/namespace"}. */
    private static String describe(Subject s, String bindingNamespace) {
        if (Subject.SERVICE_ACCOUNT.equals(s.kind())) {
            String ns = s.namespace() == null || s.namespace().isEmpty() ? bindingNamespace : s.namespace();
            return String.format("%s \"%s\"", s.kind(), s.name() + "/" + ns);
        }
        return String.format("%s \"%s\"", s.kind(), s.name());
    }

    private static String aggregate(List<String> messages) {
        List<String> distinct = messages.stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    }
}
