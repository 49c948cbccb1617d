package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get -f}, {@code describe -f} and {@code delete -f}: the objects a manifest names, read from the server in
 * the document's namespace; kubectl's builder errors and output shapes (texts as kubectl 1.32 prints them).
 */
class KubectlFilenameTest {

    private static final String CONFIG = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {mode: fast}
            """;
    private static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            """;

    private final Cluster cluster = Cluster.builder().seed(4).nodes(1).build();

    private Kubectl kubectl(Path dir) throws Exception {
        Files.writeString(dir.resolve("a-config.yaml"), CONFIG);
        Files.writeString(dir.resolve("b-service.yaml"), SERVICE);
        Kubectl k = new Kubectl(cluster).workingDirectory(dir);
        assertEquals(0, k.run("create namespace shop").exitCode());
        return k;
    }

    @Test
    void getNamesTheObjectsOfAFileOrDirectory(@TempDir Path dir) throws Exception {
        Kubectl k = kubectl(dir);
        KubectlResult missing = k.run("get -f .");
        assertEquals("Error from server (NotFound): configmaps \"settings\" not found\n"
                + "Error from server (NotFound): services \"web\" not found\n", missing.err());
        assertEquals(1, missing.exitCode());
        assertEquals("", k.run("get -f . --ignore-not-found").output());
        assertEquals(0, k.run("apply -f .").exitCode());
        assertEquals("configmap/settings\nservice/web\n", k.run("get -f . -o name").out());
        KubectlResult table = k.run("get -f a-config.yaml");
        assertEquals("NAME       DATA   AGE\nsettings   1      0s\n", table.out(), table.err());
        // One file implies one object: it prints as itself, not as a List.
        String yaml = k.run("get -f a-config.yaml -o yaml").out();
        assertTrue(yaml.startsWith("apiVersion: v1\ndata:\n  mode: fast\nkind: ConfigMap\n"), yaml);
        assertTrue(k.run("get -f . -o yaml").out().contains("kind: List"));
        assertEquals(ManifestSource.PATHS_AND_ARGUMENTS + "\n", k.run("get configmaps -f a-config.yaml").err());
        assertEquals("error: the path \"nope.yaml\" does not exist\n", k.run("get -f nope.yaml").err());
    }

    @Test
    void describeAndDeleteTakeTheSameObjects(@TempDir Path dir) throws Exception {
        Kubectl k = kubectl(dir);
        assertEquals(0, k.run("apply -f .").exitCode());
        assertEquals(k.run("describe configmap settings -n shop").out(), k.run("describe -f a-config.yaml").out());
        assertEquals(ManifestSource.PATHS_AND_ARGUMENTS + "\n", k.run("describe cm -f a-config.yaml").err());
        assertEquals(ManifestSource.PATHS_AND_ARGUMENTS + "\n", k.run("delete cm -f a-config.yaml").err());
        assertEquals("configmap \"settings\" deleted\nservice \"web\" deleted\n", k.run("delete -f .").out());
        assertEquals("Error from server (NotFound): configmaps \"settings\" not found\n",
                k.run("describe -f a-config.yaml").err());
    }
}
