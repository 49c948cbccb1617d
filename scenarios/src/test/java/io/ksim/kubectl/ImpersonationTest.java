package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * kubectl's global {@code --as}, {@code --as-group}, {@code --as-uid} and {@code --request-timeout}: every request
 * of the command authorized through RBAC for the impersonated user, with kube-apiserver's Forbidden texts
 * (k8s.io/apiserver's responsewriters.Forbidden and authorizer's ForbiddenMessage) as kubectl prints them.
 */
class ImpersonationTest {

    private final Cluster cluster = Cluster.builder().seed(5).nodes(1).build();
    private final Kubectl kubectl = new Kubectl(cluster);

    ImpersonationTest() {
        cluster.advance(Duration.ofSeconds(5));
    }

    private void ok(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals(0, r.exitCode(), command + ": " + r.err());
    }

    @Test
    void aUserWithoutBindingsIsForbiddenToList() {
        KubectlResult r = kubectl.run("get pods --as=jane");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API "
                + "group \"\" in the namespace \"default\"\n", r.err());
        assertEquals("Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API "
                + "group \"\" at the cluster scope\n", kubectl.run("get pods -A --as=jane").err());
        assertEquals("Error from server (Forbidden): nodes \"node-1\" is forbidden: User \"jane\" cannot get resource "
                + "\"nodes\" in API group \"\" at the cluster scope\n", kubectl.run("get node node-1 --as=jane").err());
    }

    @Test
    void aServiceAccountCreatesWhatItsRoleAllowsInItsNamespaceOnly() {
        ok("create namespace dev");
        ok("create serviceaccount ci -n dev");
        String as = " --as=system:serviceaccount:dev:ci";
        KubectlResult refused = kubectl.run("create deployment web --image=nginx -n dev" + as);
        assertEquals("Error from server (Forbidden): deployments.apps is forbidden: User \"system:serviceaccount:dev:ci\" "
                + "cannot create resource \"deployments\" in API group \"apps\" in the namespace \"dev\"\n", refused.err());
        assertEquals(1, refused.exitCode());
        assertTrue(cluster.api().list(BuiltinResources.DEPLOYMENTS, "dev").items().isEmpty());
        ok("create role deployer --verb=create,get,list --resource=deployments.apps -n dev");
        ok("create rolebinding ci-deployer --role=deployer --serviceaccount=dev:ci -n dev");
        KubectlResult created = kubectl.run("create deployment web --image=nginx -n dev" + as);
        assertEquals("deployment.apps/web created\n", created.out(), created.err());
        assertEquals(0, created.exitCode());
        assertEquals("Error from server (Forbidden): deployments.apps is forbidden: User \"system:serviceaccount:dev:ci\" "
                + "cannot create resource \"deployments\" in API group \"apps\" in the namespace \"default\"\n",
                kubectl.run("create deployment web --image=nginx" + as).err());
        assertEquals("Error from server (Forbidden): deployments.apps \"web\" is forbidden: User "
                + "\"system:serviceaccount:dev:ci\" cannot delete resource \"deployments\" in API group \"apps\" in the "
                + "namespace \"dev\"\n", kubectl.run("delete deployment web -n dev" + as).err());
        assertEquals(1, cluster.api().list(BuiltinResources.DEPLOYMENTS, "dev").items().size());
        KubectlResult listed = kubectl.run("get deployments -n dev -o name" + as);
        assertEquals("deployment.apps/web\n", listed.out(), listed.err());
    }

    @Test
    void groupsComeFromAsGroupAndServiceAccountsGetTheirs() {
        ok("create clusterrole node-reader --verb=get,list --resource=nodes");
        ok("create clusterrolebinding ops-nodes --clusterrole=node-reader --group=ops");
        ok("create clusterrolebinding sa-nodes --clusterrole=node-reader --group=system:serviceaccounts:kube-system");
        assertEquals(1, kubectl.run("get nodes -o name --as=bob").exitCode());
        assertEquals("node/node-1\n", kubectl.run("get nodes -o name --as=bob --as-group=ops").out());
        assertEquals("node/node-1\n", kubectl.run("get nodes -o name --as=system:serviceaccount:kube-system:x").out());
        assertEquals("ATTRIBUTE   VALUE\nUsername    bob\nGroups      [ops dev system:authenticated]\n",
                kubectl.run("auth whoami --as=bob --as-group=ops --as-group=dev").out());
        assertEquals("ATTRIBUTE   VALUE\nUsername    system:anonymous\nGroups      [system:unauthenticated]\n",
                kubectl.run("auth whoami --as=system:anonymous").out());
    }

    @Test
    void logsAndExecAreRequestsOnSubresources() {
        ok("run web --image=nginx");
        ok("create role pod-reader --verb=get,list --resource=pods");
        ok("create rolebinding jane-reads --role=pod-reader --user=jane");
        assertEquals("pod/web\n", kubectl.run("get pod web -o name --as=jane").out());
        assertEquals("Error from server (Forbidden): pods \"web\" is forbidden: User \"jane\" cannot get resource "
                + "\"pods/log\" in API group \"\" in the namespace \"default\"\n", kubectl.run("logs web --as=jane").err());
        assertEquals("Error from server (Forbidden): pods \"web\" is forbidden: User \"jane\" cannot create resource "
                + "\"pods/exec\" in API group \"\" in the namespace \"default\"\n",
                kubectl.run("exec web --as=jane -- hostname").err());
        ok("create role pod-logs --verb=get --resource=pods/log");
        ok("create rolebinding jane-logs --role=pod-logs --user=jane");
        ok("logs web --as=jane");
    }

    @Test
    void impersonationFlagsWithoutAUserAreRefusedBeforeAnyRequest() {
        KubectlResult r = kubectl.run("create deployment web --image=nginx --as-group=ops");
        assertEquals("error: requesting uid, groups or user-extra for kind-kind without impersonating a user\n", r.err());
        assertEquals(1, r.exitCode());
        assertTrue(cluster.api().list(BuiltinResources.DEPLOYMENTS, "default").items().isEmpty());
        assertEquals(r.err(), kubectl.run("get pods --as-uid=42").err());
        assertEquals(0, kubectl.run("version --as-group=ops").exitCode());
    }

    @Test
    void requestTimeoutIsAGlobalFlag() {
        KubectlResult r = kubectl.run("get pods --request-timeout=abc");
        assertEquals("error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed "
                + "by a corresponding time unit (e.g. 1s | 2m | 3h)\n", r.err());
        assertEquals(1, r.exitCode());
        ok("create namespace x --request-timeout=30s");
        ok("get ns x --request-timeout=5");
    }

    @Test
    void withoutAsTheAdminMayDoEverything() {
        assertEquals("yes\n", kubectl.run("auth can-i '*' '*'").out());
        ok("get pods -A");
        assertEquals(1, kubectl.run("get pods --as=kubernetes-admin").exitCode());
    }
}
