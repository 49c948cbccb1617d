package io.ksim.kubectl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.apiserver.ResourceType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubectl create clusterrolebinding NAME --clusterrole=ROLE [--user=...] [--group=...]
 * [--serviceaccount=NS:NAME...]}; {@link CreateRoleBinding} adds {@code --role}.
 */
@Command(name = "clusterrolebinding")
class CreateClusterRoleBinding extends CreateGenerator {

    @Option(names = "--clusterrole")
    String clusterRole;

    @Option(names = "--user")
    List<String> users = new ArrayList<>();

    @Option(names = "--group")
    List<String> groups = new ArrayList<>();

    @Option(names = "--serviceaccount")
    List<String> serviceAccounts = new ArrayList<>();

    CreateClusterRoleBinding(KubectlContext ctx) {
        super(ctx);
    }

    /** The Role bound ({@code --role}), or null for a ClusterRole. */
    String role() {
        return null;
    }

    String kind() {
        return "ClusterRoleBinding";
    }

    @Override
    ResourceType<?> type() {
        return BuiltinResources.CLUSTER_ROLE_BINDINGS;
    }

    /** Checks which role is bound. */
    void validateRole() {
        if (clusterRole == null) {
            throw new KubectlException("error: required flag(s) \"clusterrole\" not set");
        }
    }

    @Override
    void validate() {
        validateRole();
        for (String sa : serviceAccounts) {
            String[] parts = sa.split(":", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new KubectlException("error: serviceaccount must be <namespace>:<name>");
            }
        }
    }

    @Override
    ObjectNode build(String name) {
        ObjectNode o = object("rbac.authorization.k8s.io/v1", kind(), meta(name));
        ArrayNode subjects = NODES.arrayNode();
        for (String u : users) {
            addSubject(subjects, "User", u);
        }
        for (String g : groups) {
            addSubject(subjects, "Group", g);
        }
        for (String sa : serviceAccounts) {
            String[] parts = sa.split(":", 2);
            ObjectNode s = subjects.addObject();
            s.put("kind", "ServiceAccount");
            s.put("name", parts[1]);
            s.put("namespace", parts[0]);
        }
        if (!subjects.isEmpty()) {
            o.set("subjects", subjects);
        }
        ObjectNode ref = o.putObject("roleRef");
        ref.put("apiGroup", "rbac.authorization.k8s.io");
        ref.put("kind", role() != null ? "Role" : "ClusterRole");
        ref.put("name", role() != null ? role() : clusterRole);
        return o;
    }

    private static void addSubject(ArrayNode subjects, String kind, String name) {
        ObjectNode s = subjects.addObject();
        s.put("kind", kind);
        s.put("apiGroup", "rbac.authorization.k8s.io");
        s.put("name", name);
    }
}
