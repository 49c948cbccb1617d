package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.cluster.Cluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kubectl's resource builder, shared by every command that takes {@code TYPE NAME} arguments: the same argument
 * form gives the same error text whichever command reads it, as in kubectl 1.32.
 */
class ResourceBuilderTest {

    private final Cluster cluster = Cluster.builder().seed(5).nodes(1).build();
    private final Kubectl kubectl = new Kubectl(cluster);

    ResourceBuilderTest() {
        cluster.create("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\n  labels:\n    app: web\n");
        cluster.create("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db-config\n  labels:\n    app: db\n");
        cluster.advance(Duration.ofSeconds(5));
    }

    /** Runs {@code arguments} with each command ({@code %s} marks where they go, else at the end). */
    private void sameErrorEverywhere(String expected, String arguments, List<String> commands) {
        for (String command : commands) {
            String line = command.contains("%s") ? command.formatted(arguments) : command + " " + arguments;
            KubectlResult r = kubectl.run(line);
            assertEquals(expected + "\n", r.err(), line);
            assertEquals(1, r.exitCode(), line);
        }
    }

    @Test
    void moreThanOneSlash() {
        sameErrorEverywhere("error: arguments in resource/name form may not have more than one slash",
                "cm/web-config/x", List.of("get", "describe", "delete", "label %s a=b", "annotate %s a=b",
                        "expose %s --port=80"));
    }

    @Test
    void aTypeBeforeResourceNameForm() {
        sameErrorEverywhere(ResourceBuilder.TYPE_AS_SEPARATE_ARGUMENT, "cm cm/web-config",
                List.of("get", "describe", "delete", "label %s a=b", "annotate %s a=b", "expose %s --port=80"));
    }

    @Test
    void severalTypesInResourceNameForm() {
        sameErrorEverywhere("error: arguments in resource/name form must have a single resource and name",
                "cm,secrets/web-config", List.of("get", "describe", "delete", "label %s a=b"));
        sameErrorEverywhere("error: arguments in resource/name form must have a single resource and name",
                "cm/", List.of("get", "describe", "delete"));
    }

    @Test
    void selectorsWithResourceNameForm() {
        sameErrorEverywhere("error: selectors and the all flag cannot be used when passing resource/name arguments",
                "cm/web-config -l app=web", List.of("get", "describe", "delete"));
    }

    @Test
    void namesWithSelectors() {
        sameErrorEverywhere("error: name cannot be provided when a selector is specified", "cm web-config -l app=web",
                List.of("get", "describe", "delete"));
    }

    @Test
    void aNameAcrossAllNamespaces() {
        sameErrorEverywhere("error: a resource cannot be retrieved by name across all namespaces", "cm web-config -A",
                List.of("get", "describe", "delete"));
        sameErrorEverywhere("error: a resource cannot be retrieved by name across all namespaces", "cm/web-config -A",
                List.of("get", "describe", "delete"));
    }

    @Test
    void aTypeWithoutNames() {
        sameErrorEverywhere("error: resource(s) were provided, but no name was specified", "cm",
                List.of("delete", "label %s a=b", "annotate %s a=b"));
        assertEquals(0, kubectl.run("get cm").exitCode());
        assertEquals(0, kubectl.run("describe cm").exitCode());
    }

    @Test
    void severalTypesWithNamesAreAskedForEachName() {
        KubectlResult r = kubectl.run("get cm,secrets web-config -o name");
        assertEquals("configmap/web-config\n", r.out());
        assertEquals("Error from server (NotFound): secrets \"web-config\" not found\n", r.err());
    }

    @Test
    void aCategoryStandsForItsResources() {
        KubectlResult r = kubectl.run("get all -o name");
        assertEquals(0, r.exitCode());
        assertEquals("service/kubernetes\n", r.out());
    }
}
