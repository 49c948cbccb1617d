package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.Deployment;
import io.ksim.api.core.PodSpec;
import io.ksim.apiserver.registry.BuiltinResources;
import org.junit.jupiter.api.Test;

class SetImageCommandTest {

    private final MutateFixture f = new MutateFixture().withWeb();

    private PodSpec spec() {
        Deployment d = f.cluster.api().get(BuiltinResources.DEPLOYMENTS, "default", "web");
        return d.spec().template().spec();
    }

    @Test
    void setsTheNamedContainersImage() {
        assertEquals("deployment.apps/web image updated\n", f.ok("set image deployment/web nginx=nginx:1.26"));
        assertEquals("nginx:1.26", spec().containers().get(0).image());
        assertEquals("busybox:1.36", spec().containers().get(1).image());
        // Nothing to change: kubectl sends no patch and prints nothing.
        assertEquals("", f.ok("set image deployment web nginx=nginx:1.26"));
    }

    @Test
    void initContainersAndWildcard() {
        assertEquals("deployment.apps/web image updated\n", f.ok("set image deploy/web init=busybox:1.37"));
        assertEquals("busybox:1.37", spec().initContainers().get(0).image());
        assertEquals("deployment.apps/web image updated\n", f.ok("set image deploy/web *=busybox:1.38"));
        assertEquals("busybox:1.38", spec().initContainers().get(0).image());
        assertEquals("busybox:1.38", spec().containers().get(0).image());
        assertEquals("busybox:1.38", spec().containers().get(1).image());
    }

    @Test
    void podsAndReplicaSetsToo() {
        String pod = f.cluster.pods("default", "app=web").get(0).metadata().name();
        assertEquals("pod/" + pod + " image updated\n", f.ok("set image pod/" + pod + " sidecar=busybox:1.37"));
        String out = f.ok("set image rs -l app=web nginx=nginx:1.26");
        assertEquals(true, out.startsWith("replicaset.apps/web-") && out.endsWith(" image updated\n"), out);
    }

    @Test
    void errorsAreKubectls() {
        assertEquals("error: unable to find container named \"web\"\n", f.fails("set image deploy/web web=nginx:1.26"));
        assertEquals("error: at least one image update is required\n", f.fails("set image deploy/web"));
        assertEquals("error: all containers are already specified by *, but saw more than one container_name=container_image "
                + "pairs\n", f.fails("set image deploy/web *=a nginx=b"));
        assertEquals("Error from server (NotFound): deployments.apps \"nope\" not found\n",
                f.fails("set image deploy/nope nginx=nginx:1.26"));
        assertEquals("error: all resources must be specified before image changes: web\n",
                f.fails("set image deploy nginx=nginx:1.26 web"));
    }
}
