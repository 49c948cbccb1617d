package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wide;

import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.rbac.ClusterRoleBinding;
import io.ksim.api.rbac.RoleBinding;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * RoleBindings and ClusterRoleBindings. Roles and ClusterRoles have no printer upstream either: they
 * print the default Name and Created At table.
 */
final class RbacPrinters {

    private RbacPrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, RoleBinding.class, columns("roleBinding", "RoleBinding.roleRef"),
                (rb, now) -> cells(rb.metadata(), rb.roleRef(), rb.subjects(), now));
        Printer.register(p, ClusterRoleBinding.class, columns("clusterRoleBinding", "ClusterRoleBinding.roleRef"),
                (rb, now) -> cells(rb.metadata(), rb.roleRef(), rb.subjects(), now));
    }

    private static List<Table.Column> columns(String what, String roleRefDoc) {
        return List.of(name(), doc("Role", "string", roleRefDoc), age(),
                wide("Users", "string", "Users in the " + what),
                wide("Groups", "string", "Groups in the " + what),
                wide("ServiceAccounts", "string", "ServiceAccounts in the " + what));
    }

    /** Role as {@code Kind/name}; subjects split by kind, service accounts as {@code namespace/name}. */
    private static List<String> cells(ObjectMeta meta, RoleRef ref, List<Subject> subjects, Instant now) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> sas = new ArrayList<>();
        for (Subject s : Cells.list(subjects)) {
            switch (Cells.str(s.kind())) {
                case "ServiceAccount" -> sas.add(Cells.str(s.namespace()) + "/" + s.name());
                case "User" -> users.add(s.name());
                case "Group" -> groups.add(s.name());
                default -> {
                    // Other kinds are not shown.
                }
            }
        }
        String role = ref == null ? "/" : Cells.str(ref.kind()) + "/" + Cells.str(ref.name());
        return List.of(meta.name(), role, HumanDuration.since(meta.creationTimestamp(), now),
                String.join(", ", users), String.join(", ", groups), String.join(", ", sas));
    }
}
