package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KubectlDeleteTest {

    private final Cluster cluster = Cluster.builder().seed(5).nodes(1).image("stubborn:1 sigterm=ignore").build();
    private final Kubectl kubectl = new Kubectl(cluster);

    private void runningPod(String name, int grace) {
        cluster.advance(Duration.ofSeconds(2));
        assertEquals("pod/" + name + " created\n", kubectl.run("apply -f -", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels:
                    app: stubborn
                spec:
                  terminationGracePeriodSeconds: %d
                  containers:
                  - name: main
                    image: stubborn:1
                """.formatted(name, grace)).out());
        assertTrue(cluster.runUntil(() -> "Running".equals(cluster.pod("default", name).status().phase()),
                Duration.ofMinutes(1)));
    }

    private boolean exists(String name) {
        try {
            cluster.pod("default", name);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    @Test
    void deleteWaitsUntilTheKubeletHasFinishedThePod() {
        runningPod("slow", 20);
        Instant before = cluster.now();
        KubectlResult r = kubectl.run("delete pod slow");
        assertEquals("pod \"slow\" deleted\n", r.out());
        assertEquals("", r.err());
        assertTrue(!exists("slow"), "gone when delete returns");
        Duration waited = Duration.between(before, cluster.now());
        assertTrue(waited.compareTo(Duration.ofSeconds(20)) >= 0 && waited.compareTo(Duration.ofSeconds(25)) < 0,
                "a process that ignores SIGTERM is killed after the 20 s grace period: " + waited);
    }

    @Test
    void deleteWithoutWaitReturnsAtOnceWithThePodTerminating() {
        runningPod("slow", 20);
        Instant before = cluster.now();
        assertEquals("pod \"slow\" deleted\n", kubectl.run("delete pod slow --wait=false").out());
        assertEquals(before, cluster.now());
        assertTrue(cluster.pod("default", "slow").metadata().isBeingDeleted());
    }

    @Test
    void deleteTimesOutWithKubectlsError() {
        runningPod("slow", 60);
        KubectlResult r = kubectl.run("delete pod slow --timeout=10s");
        assertEquals("pod \"slow\" deleted\n", r.out());
        assertEquals("error: timed out waiting for the condition on pods/slow\n", r.err());
        assertEquals(1, r.exitCode());
    }

    @Test
    void forceDeleteWarnsAndRemovesAtOnce() {
        runningPod("slow", 30);
        Instant before = cluster.now();
        KubectlResult r = kubectl.run("delete pod slow --force --grace-period=0");
        assertEquals("pod \"slow\" force deleted\n", r.out());
        assertEquals("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                + "terminated. The resource may continue to run on the cluster indefinitely.\n", r.err());
        assertTrue(!exists("slow"));
        assertEquals(before, cluster.now());
    }

    @Test
    void nowMeansOneSecond() {
        runningPod("slow", 30);
        Instant before = cluster.now();
        assertEquals("pod \"slow\" deleted\n", kubectl.run("delete pod/slow --now").out());
        Duration waited = Duration.between(before, cluster.now());
        assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, waited.toString());
        assertEquals("error: --now and --grace-period cannot be specified together\n",
                kubectl.run("delete pod x --now --grace-period=3").err());
        assertEquals("error: --force and --grace-period greater than 0 cannot be specified together\n",
                kubectl.run("delete pod x --force --grace-period=3").err());
    }

    @Test
    void notFoundIsReportedPerNameAndIgnoredOnRequest() {
        kubectl.run("create configmap a --from-literal=k=v");
        KubectlResult r = kubectl.run("delete configmap a b");
        assertEquals("configmap \"a\" deleted\n", r.out());
        assertEquals("Error from server (NotFound): configmaps \"b\" not found\n", r.err());
        assertEquals(1, r.exitCode());
        KubectlResult quiet = kubectl.run("delete configmap b --ignore-not-found");
        assertEquals("", quiet.output());
        assertEquals(0, quiet.exitCode());
    }

    @Test
    void deleteBySelectorAllAndFile() {
        kubectl.run("create configmap a --from-literal=k=v");
        kubectl.run("create configmap b --from-literal=k=v");
        cluster.api().patch(BuiltinResources.CONFIG_MAPS, "default", "b", io.ksim.apiserver.PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        assertEquals("configmap \"b\" deleted\n", kubectl.run("delete cm -l x=y").out());
        assertEquals("No resources found\n", kubectl.run("delete cm -l x=y").out());
        assertEquals("configmap/a\n", kubectl.run("delete cm --all -o name").out());
        kubectl.run("create namespace shop");
        String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n";
        kubectl.run("create -f -", manifest);
        assertEquals("configmap \"c\" deleted\n", kubectl.run("delete -f -", manifest).out());
        assertEquals("error: cannot set --all and --selector at the same time\n",
                kubectl.run("delete cm --all -l a=b").err());
        assertEquals("error: invalid cascade value (x). Must be \"background\", \"foreground\", or \"orphan\"\n",
                kubectl.run("delete cm a --cascade=x").err());
        assertEquals("error: resource(s) were provided, but no name was specified\n", kubectl.run("delete cm").err());
    }

    @Test
    void cascadeOrphanLeavesTheReplicaSetAndForegroundWaitsForThePods() {
        cluster.advance(Duration.ofSeconds(2));
        kubectl.run("create deployment web --image=nginx --replicas=2");
        assertTrue(cluster.runUntil(() -> cluster.pods("default", "app=web").size() == 2, Duration.ofMinutes(1)));
        assertEquals("deployment.apps \"web\" deleted\n", kubectl.run("delete deployment web --cascade=orphan").out());
        cluster.advance(Duration.ofSeconds(10));
        assertEquals(1, cluster.api().list(BuiltinResources.REPLICA_SETS, "default").items().size());
        String rs = cluster.api().list(BuiltinResources.REPLICA_SETS, "default").items().get(0).metadata().name();
        assertEquals("replicaset.apps \"" + rs + "\" deleted\n",
                kubectl.run("delete rs " + rs + " --cascade=foreground").out());
        assertEquals(0, cluster.pods("default", "app=web").size(), "foreground: the pods went first");
    }

    @Test
    void clusterScopedDeletionWithAnExplicitNamespaceWarns() {
        kubectl.run("create clusterrole reader --verb=get --resource=pods");
        KubectlResult r = kubectl.run("delete clusterrole reader -n default");
        assertEquals("clusterrole.rbac.authorization.k8s.io \"reader\" deleted\n", r.out());
        assertEquals("Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n", r.err());
    }

    @Test
    void deleteByFieldSelector() {
        kubectl.run("create configmap a");
        kubectl.run("create configmap b");
        assertEquals("configmap \"b\" deleted\n", kubectl.run("delete cm --field-selector=metadata.name=b").out());
        assertEquals("error: cannot set --all and --field-selector at the same time\n",
                kubectl.run("delete cm --all --field-selector=metadata.name=a").err());
    }
}
