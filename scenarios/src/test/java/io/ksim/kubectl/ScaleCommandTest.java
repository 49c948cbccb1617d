package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScaleCommandTest {

    private final MutateFixture f = new MutateFixture().withWeb();

    private int replicas() {
        return f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").spec().replicas();
    }

    @Test
    void scalesThroughTheScaleSubresource() {
        assertEquals("deployment.apps/web scaled\n", f.ok("scale deployment web --replicas=2"));
        assertEquals(2, replicas());
        assertEquals("deployment.apps/web scaled\n", f.ok("scale deploy/web --replicas=5"));
        f.cluster.advance(Duration.ofSeconds(30));
        assertEquals(5, f.cluster.pods("default", "app=web").size());
    }

    @Test
    void currentReplicasIsAPrecondition() {
        assertEquals("error: Expected replicas to be 3, was 4\n", f.fails("scale deploy web --replicas=1 --current-replicas=3"));
        assertEquals(4, replicas());
        assertEquals("deployment.apps/web scaled\n", f.ok("scale deploy web --replicas=1 --current-replicas=4"));
        assertEquals(1, replicas());
    }

    @Test
    void resourceVersionIsAPrecondition() {
        assertEquals("error: Expected resource version to be 1, was "
                + f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").metadata().resourceVersion() + "\n",
                f.fails("scale deploy web --replicas=1 --resource-version=1"));
    }

    @Test
    void selectorScalesEveryMatch() {
        String out = f.ok("scale rs -l app=web --replicas=0");
        assertEquals(1, out.lines().count(), out);
        assertEquals(true, out.startsWith("replicaset.apps/web-") && out.endsWith(" scaled\n"), out);
    }

    @Test
    void errorsAreKubectls() {
        assertEquals("error: required flag(s) \"replicas\" not set\n", f.fails("scale deploy web"));
        assertEquals("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n",
                f.fails("scale deploy web --replicas=-1"));
        assertEquals("error: no objects passed to scale deployments.apps \"nope\" not found\n",
                f.fails("scale deploy nope --replicas=1"));
        assertEquals("error: resource(s) were provided, but no name was specified\n", f.fails("scale deploy --replicas=1"));
        assertEquals(ResourceTargetsText.MISSING + "\n", f.fails("scale --replicas=1"));
    }

    @Test
    void aPodHasNoScaleSubresource() {
        String pod = f.cluster.pods("default", "app=web").get(0).metadata().name();
        assertEquals("Error from server (NotFound): the server could not find the requested resource (patch pods " + pod
                + ")\n", f.fails("scale pod " + pod + " --replicas=2"));
    }

    @Test
    void timeoutWaitsForTheStatus() {
        assertEquals("deployment.apps/web scaled\n", f.ok("scale deploy web --replicas=6 --timeout=1m"));
        assertEquals(6, f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web").status().replicas());
    }

    /** The builder's text for no resources, as kubectl 1.32 prints it. */
    static final class ResourceTargetsText {
        static final String MISSING = """
                error: You must provide one or more resources by argument or filename.
                Example resource specifications include:
                   '-f rsrc.yaml'
                   '--filename=rsrc.json'
                   '<resource> <name>'
                   '<resource>'""";
    }
}
