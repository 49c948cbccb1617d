package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubectlTest {

    private final Cluster cluster = Cluster.builder().seed(1).nodes(1).build();
    private final Kubectl kubectl = new Kubectl(cluster);

    @Test
    void versionNamesTheModeledRelease() {
        KubectlResult r = kubectl.run("kubectl version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Server Version: v1.32.0"), r.out());
    }

    @Test
    void clusterRunsKubectlCommands() {
        assertEquals("Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n",
                cluster.kubectl("version").out());
    }

    @Test
    void unknownCommandIsKubectlsError() {
        KubectlResult r = kubectl.run("foo");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("error: unknown command \"foo\" for \"kubectl\""), r.err());
    }

    @Test
    void unknownFlagNamesTheCommandForHelp() {
        KubectlResult r = kubectl.run("version --foo=1");
        assertEquals("error: unknown flag: --foo\nSee 'kubectl version --help' for usage.\n", r.err());
    }

    @Test
    void namespaceFlagIsAcceptedBeforeAndAfterTheCommand() {
        assertEquals(0, kubectl.run("-n kube-system version").exitCode());
        assertEquals(0, kubectl.run("version -n kube-system").exitCode());
    }

    @Test
    void wordsSplitAsAShellDoes() {
        assertEquals(List.of("get", "pods", "-o", "jsonpath={.items[*].metadata.name}", "a b", "c d"),
                CommandWords.split("get pods -o jsonpath='{.items[*].metadata.name}' \"a b\" c\\ d"));
    }

    @Test
    void resourcesResolveByPluralSingularShortNameKindAndGroup() {
        ResourceResolver r = new ResourceResolver(Cluster.builder().seed(1).nodes(1).build().api());
        assertEquals("pods", r.resolve("po").resource());
        assertEquals("deployments", r.resolve("Deployment").resource());
        assertEquals("deployments", r.resolve("deploy").resource());
        assertEquals("deployments", r.resolve("deployments.apps").resource());
        assertEquals("endpoints", r.resolve("ep").resource());
    }
}
