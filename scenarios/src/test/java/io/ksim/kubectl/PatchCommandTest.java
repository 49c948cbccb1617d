package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.Deployment;
import io.ksim.apiserver.registry.BuiltinResources;
import org.junit.jupiter.api.Test;

class PatchCommandTest {

    private final MutateFixture f = new MutateFixture().withWeb();

    private Deployment web() {
        return f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web");
    }

    @Test
    void strategicIsTheDefault() {
        assertEquals("deployment.apps/web patched\n",
                f.ok("patch deployment web -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.26\"}]}}}}'"));
        // Containers merge by name: the sidecar stays.
        assertEquals(2, web().spec().template().spec().containers().size());
        assertEquals("nginx:1.26", web().spec().template().spec().containers().get(0).image());
    }

    @Test
    void noChangeIsReported() {
        assertEquals("deployment.apps/web patched\n", f.ok("patch deploy/web -p '{\"spec\":{\"replicas\":2}}'"));
        assertEquals("deployment.apps/web patched (no change)\n", f.ok("patch deploy/web -p '{\"spec\":{\"replicas\":2}}'"));
    }

    @Test
    void mergeAndJsonPatchesAndYaml() {
        assertEquals("deployment.apps/web patched\n", f.ok("patch deploy web --type merge -p 'spec: {paused: true}'"));
        assertEquals(Boolean.TRUE, web().spec().paused());
        assertEquals("deployment.apps/web patched\n",
                f.ok("patch deploy web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]'"));
        assertEquals(1, web().spec().replicas());
    }

    @Test
    void scaleSubresource() {
        assertEquals("scale.autoscaling/web patched\n",
                f.ok("patch deploy web --subresource=scale --type=merge -p '{\"spec\":{\"replicas\":2}}'"));
        assertEquals(2, web().spec().replicas());
    }

    @Test
    void errorsAreKubectls() {
        assertEquals("error: must specify --patch or --patch-file containing the contents of the patch\n",
                f.fails("patch deploy web"));
        assertEquals("error: --type must be one of [json merge strategic], not \"foo\"\n",
                f.fails("patch deploy web --type foo -p '{}'"));
        assertEquals("The Deployment \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n",
                f.fails("patch deploy web -p '{\"spec\":{\"replicas\":-1}}'"));
        assertEquals("Error from server (NotFound): deployments.apps \"nope\" not found\n",
                f.fails("patch deploy nope -p '{}'"));
        assertEquals("error: there is no need to specify a resource type as a separate argument when passing arguments in "
                + "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource "
                + "resource/<resource_name>'\n", f.fails("patch deploy deploy/web -p '{}'"));
    }
}
