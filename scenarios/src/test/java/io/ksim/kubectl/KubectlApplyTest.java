package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.apps.Deployment;
import io.ksim.api.core.Container;
import io.ksim.apiserver.PatchType;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlApplyTest {

    private final Cluster cluster = started();
    private final Kubectl kubectl = new Kubectl(cluster);

    static Cluster started() {
        Cluster c = Cluster.builder().seed(3).nodes(2).build();
        c.advance(Duration.ofSeconds(2));
        return c;
    }

    static String deployment(int replicas, String image, String env) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels:
                    app: web
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: nginx
                        image: %s
                %s
                """.formatted(replicas, image, env);
    }

    private Deployment web() {
        return cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web");
    }

    @Test
    void applyCreatesWithTheLastAppliedConfiguration() {
        KubectlResult r = kubectl.run("apply -f -", deployment(2, "nginx:1.25", ""));
        assertEquals("deployment.apps/web created\n", r.out());
        assertEquals("", r.err());
        assertEquals("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},"
                + "\"labels\":{\"app\":\"web\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,"
                + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"containers\":[{\"image\":\"nginx:1.25\",\"name\":\"nginx\"}]}}}}\n",
                web().metadata().annotations().get(ApplyCommand.LAST_APPLIED));
    }

    @Test
    void applyingTheSameFileAgainIsUnchanged() {
        kubectl.run("apply -f -", deployment(2, "nginx:1.25", ""));
        cluster.advance(Duration.ofSeconds(30));
        assertEquals("deployment.apps/web unchanged\n", kubectl.run("apply -f -", deployment(2, "nginx:1.25", "")).out());
    }

    @Test
    void applyConfiguresChangesAndRemovesWhatTheFileNoLongerSays() {
        String env = """
                        env:
                        - name: A
                          value: "1"
                        - name: B
                          value: "2"
                """;
        kubectl.run("apply -f -", deployment(2, "nginx:1.25", env));
        String fewer = """
                        env:
                        - name: B
                          value: "3"
                """;
        KubectlResult r = kubectl.run("apply -f -", deployment(3, "nginx:1.26", fewer));
        assertEquals("deployment.apps/web configured\n", r.out(), r.err());
        Deployment d = web();
        assertEquals(3, d.spec().replicas());
        Container c = d.spec().template().spec().containers().get(0);
        assertEquals("nginx:1.26", c.image());
        assertEquals(1, c.env().size());
        assertEquals("B", c.env().get(0).name());
        assertEquals("3", c.env().get(0).value());
    }

    @Test
    void applyKeepsWhatOtherWritersSet() {
        kubectl.run("apply -f -", deployment(2, "nginx:1.25", ""));
        cluster.api().patch(BuiltinResources.DEPLOYMENTS, "default", "web", PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"team\":\"blue\"}},\"spec\":{\"minReadySeconds\":5}}");
        assertEquals("deployment.apps/web configured\n", kubectl.run("apply -f -", deployment(4, "nginx:1.25", "")).out());
        Deployment d = web();
        assertEquals("blue", d.metadata().labels().get("team"));
        assertEquals(5, d.spec().minReadySeconds());
        assertEquals(4, d.spec().replicas());
    }

    @Test
    void applyOnAnObjectCreatedWithoutItWarnsAndPatches() {
        kubectl.run("create -f -", deployment(2, "nginx:1.25", ""));
        KubectlResult r = kubectl.run("apply -f -", deployment(2, "nginx:1.25", ""));
        assertEquals("deployment.apps/web configured\n", r.out());
        assertEquals("Warning: resource deployments/web is missing the kubectl.kubernetes.io/last-applied-configuration "
                + "annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
                + "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be "
                + "patched automatically.\n", r.err());
        assertTrue(web().metadata().annotations().containsKey(ApplyCommand.LAST_APPLIED));
    }

    @Test
    void applyReadsDirectoriesInNameOrderAndMultiDocumentFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b-web.yaml"), deployment(1, "nginx", ""));
        Files.writeString(dir.resolve("a-ns.yaml"), """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: shop
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: shop
                data:
                  color: blue
                """);
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        KubectlResult r = new Kubectl(cluster).workingDirectory(dir.getParent()).run("apply -f " + dir.getFileName());
        assertEquals("namespace/shop created\nconfigmap/settings created\ndeployment.apps/web created\n", r.out(), r.err());
    }

    @Test
    void applyReportsServerErrorsWithTheSource(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), deployment(1, "nginx", "").replace("replicas:", "replica:"));
        KubectlResult r = new Kubectl(cluster).workingDirectory(dir).run("apply -f bad.yaml");
        assertEquals(1, r.exitCode());
        assertEquals("Error from server (BadRequest): error when creating \"bad.yaml\": Deployment in version \"v1\" "
                + "cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replica\"\n", r.err());
        assertEquals("error: the path \"nope.yaml\" does not exist\n",
                new Kubectl(cluster).workingDirectory(dir).run("apply -f nope.yaml").err());
    }

    @Test
    void applyWithAnUnknownKindIsKubectlsMappingError() {
        KubectlResult r = kubectl.run("apply -f -", "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n");
        assertEquals("error: resource mapping not found for name: \"x\" namespace: \"\" from \"STDIN\": "
                + "no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\n", r.err());
    }

    @Test
    void applyDryRunChangesNothing() {
        assertEquals("deployment.apps/web created (dry run)\n",
                kubectl.run("apply -f - --dry-run=client", deployment(1, "nginx", "")).out());
        assertEquals("deployment.apps/web created (server dry run)\n",
                kubectl.run("apply -f - --dry-run=server", deployment(1, "nginx", "")).out());
        assertTrue(cluster.api().list(BuiltinResources.DEPLOYMENTS, "default").items().isEmpty());
    }

    @Test
    void clusterApplyRunsApplyAndThrowsKubectlsError() {
        assertEquals("deployment.apps/web created\n", cluster.apply(deployment(1, "nginx", "")));
        assertEquals("deployment.apps/web configured\n", cluster.apply(deployment(2, "nginx", "")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cluster.apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containerz: []\n"));
        assertEquals("Error from server (BadRequest): error when creating \"STDIN\": Pod in version \"v1\" cannot be "
                + "handled as a Pod: strict decoding error: unknown field \"spec.containerz\"", e.getMessage());
        assertFalse(cluster.api().list(BuiltinResources.DEPLOYMENTS, "default").items().isEmpty());
        assertEquals(List.of(), cluster.pods("default", "app=nothing"));
    }

    @Test
    void createWithSaveConfigPreparesForApply() {
        assertEquals("deployment.apps/web created\n",
                kubectl.run("create -f - --save-config", deployment(2, "nginx:1.25", "")).out());
        KubectlResult r = kubectl.run("apply -f -", deployment(2, "nginx:1.25", ""));
        assertEquals("deployment.apps/web unchanged\n", r.out());
        assertEquals("", r.err());
        kubectl.run("create configmap settings --from-literal=a=1 --save-config");
        assertEquals("{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"settings\","
                + "\"creationTimestamp\":null},\"data\":{\"a\":\"1\"}}\n",
                cluster.api().get(BuiltinResources.CONFIG_MAPS, "default", "settings").metadata().annotations()
                        .get(ApplyCommand.LAST_APPLIED));
    }

    @Test
    void aRefusedPatchIsReportedAsKubectlReportsIt() {
        kubectl.run("apply -f -", deployment(1, "nginx", ""));
        String other = deployment(1, "nginx", "").replace("app: web", "app: other");
        KubectlResult r = kubectl.run("apply -f -", other);
        assertEquals(1, r.exitCode());
        // A StatusError keeps its details when kubectl adds the patch and source to its message, so CheckErr
        // prints it as the invalid request it is, the well-known text of a changed selector.
        assertEquals("The Deployment \"web\" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
                + "map[string]string{\"app\":\"other\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is "
                + "immutable\n", r.err());
    }

    @Test
    void aListIsAppliedItemByItem() {
        String list = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
                + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}},"
                + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}]}";
        assertEquals("configmap/a created\nconfigmap/b created\n", kubectl.run("apply -f -", list).out());
        assertEquals("configmap/a unchanged\nconfigmap/b unchanged\n", kubectl.run("apply -f -", list).out());
    }
}
