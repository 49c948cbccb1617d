package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.cluster.Cluster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code kubectl get, describe and scale} of a ReplicationController, in kubectl 1.32's layout. */
class ReplicationControllerCommandsTest {

    private static final String RC = """
            apiVersion: v1
            kind: ReplicationController
            metadata:
              name: web
            spec:
              replicas: 2
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
            """;

    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        Cluster c = Cluster.builder().seed(7).nodes(1, n -> n.cpu("2").memory("4Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=2s").build();
        c.advance(Duration.ofSeconds(1));
        c.create(RC);
        c.advance(Duration.ofMinutes(1));
        kubectl = new Kubectl(c);
    }

    private static String out(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals("", r.err());
        assertEquals(0, r.exitCode());
        return r.out();
    }

    @Test
    void getPrintsDesiredCurrentReadyAndWideColumns() {
        assertEquals("""
                NAME   DESIRED   CURRENT   READY   AGE
                web    2         2         2       60s
                """, out("get rc"));
        assertEquals("""
                NAME   DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR
                web    2         2         2       60s   nginx        nginx:1.25   app=web
                """, out("get replicationcontrollers -o wide"));
        // The all category lists replicationcontrollers right after pods, as discovery orders it.
        String all = out("get all");
        assertEquals(true, all.indexOf("replicationcontroller/web") > all.indexOf("pod/web-"), all);
        assertEquals(true, all.indexOf("replicationcontroller/web") < all.indexOf("service/kubernetes"), all);
    }

    @Test
    void describeShowsTheSelectorAsLabelsAndTheControllersEvents() {
        String out = out("describe rc web");
        assertEquals("""
                Name:         web
                Namespace:    default
                Selector:     app=web
                Labels:       app=web
                Annotations:  <none>
                Replicas:     2 current / 2 desired
                Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed
                Pod Template:
                  Labels:  app=web
                  Containers:
                   nginx:
                    Image:         nginx:1.25
                    Port:          <none>
                    Host Port:     <none>
                    Environment:   <none>
                    Mounts:        <none>
                  Volumes:         <none>
                  Node-Selectors:  <none>
                  Tolerations:     <none>
                Events:
                  Type    Reason            Age   From                    Message
                  ----    ------            ----  ----                    -------
                """, out.substring(0, out.indexOf("  Normal")));
        assertEquals(2, out.lines().filter(l -> l.matches(
                "  Normal  SuccessfulCreate  60s   replication-controller  Created pod: web-[a-z0-9]{5}")).count(), out);
    }

    @Test
    void scaleGoesThroughTheScaleSubresource() {
        assertEquals("replicationcontroller/web scaled\n", out("scale rc web --replicas=3"));
        assertEquals("3", out("get rc web -o jsonpath={.spec.replicas}"));
    }
}
