package io.ksim.api.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.meta.ObjectMeta;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected values from upstream pkg/apis/rbac/v1/defaults.go (SetDefaults_Subject, SetDefaults_RoleBinding, ...). */
class RbacDefaultsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // kind, apiGroup given, apiGroup after defaulting
            "User, null, rbac.authorization.k8s.io",
            "User, '', rbac.authorization.k8s.io",
            "Group, null, rbac.authorization.k8s.io",
            "ServiceAccount, null, null",
            "User, example.com, example.com",
            "Other, null, null",
    })
    void subjectApiGroupByKind(String kind, String given, String expected) {
        assertEquals(expected, RbacDefaults.subject(new Subject(kind, given, "n", null)).apiGroup());
    }

    @Test
    void bindingsDefaultRoleRefAndSubjects() {
        RoleBinding rb = new RoleBinding(ObjectMeta.of("default", "b"),
                List.of(new Subject("User", null, "jane", null), Subject.serviceAccount("default", "sa")),
                new RoleRef(null, "Role", "pod-reader"));
        RoleBinding defaulted = RbacDefaults.roleBinding(rb);
        assertEquals(RoleRef.role("pod-reader"), defaulted.roleRef());
        assertEquals(List.of(Subject.user("jane"), Subject.serviceAccount("default", "sa")), defaulted.subjects());
        assertEquals(defaulted, RbacDefaults.roleBinding(defaulted));

        ClusterRoleBinding crb = RbacDefaults.clusterRoleBinding(new ClusterRoleBinding(ObjectMeta.of(null, "c"),
                List.of(new Subject("Group", "", "admins", null)), new RoleRef("", "ClusterRole", "admin")));
        assertEquals(RoleRef.clusterRole("admin"), crb.roleRef());
        assertEquals(Subject.group("admins"), crb.subjects().get(0));

        assertEquals(new RoleRef("rbac.authorization.k8s.io", null, null),
                RbacDefaults.roleBinding(new RoleBinding(ObjectMeta.of("d", "x"), null, null)).roleRef());
    }
}
