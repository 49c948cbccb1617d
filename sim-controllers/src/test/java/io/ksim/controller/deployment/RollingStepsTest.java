package io.ksim.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.apps.Deployment;
import io.ksim.api.apps.Deployment.DeploymentSpec;
import io.ksim.api.apps.Deployment.DeploymentStrategy;
import io.ksim.api.core.Container;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.LabelSelector;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.controller.TestCluster;
import io.ksim.kernel.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The (old, new) ReplicaSet sizes a rolling update steps through, for replicas / maxSurge / maxUnavailable
 * combinations (percentages that round included), on 3 nodes where the new image pulls in 2 s and pods are
 * ready 2.5 s after they start. Each step follows rolling.go: the new ReplicaSet grows while old + new <
 * replicas + surge (ceil), old ones shrink while available > replicas - unavailable (floor), never by
 * more than allPods - minAvailable - newUnavailable. Worked example, 4 replicas at 25%/25% (surge 1,
 * unavailable 1, minAvailable 3): new 0->1 (5 = 4 + 1); old 4->3 (available 4 - 3 = 1); new 1->2; then
 * wait: 5 - 3 - 2 unavailable = 0; the 2 new pods are ready: old 3->1, new 2->4; ready: old 1->0.
 */
class RollingStepsTest {

    private static final Pattern SCALED = Pattern.compile("Scaled (up|down) replica set (\\S+) from (\\d+) to (\\d+)");

    @ParameterizedTest(name = "{0} replicas, maxSurge {1}, maxUnavailable {2}")
    @CsvSource(delimiter = ';', value = {
        "4; 25%; 25%; (4,0) (4,1) (3,1) (3,2) (1,2) (1,4) (0,4)",
        "5; 50%; 0; (5,0) (5,3) (2,3) (2,5) (0,5)",
        "3; 0; 1; (3,0) (2,0) (2,1) (1,1) (1,2) (0,2) (0,3)",
        "2; 10%; 10%; (2,0) (2,1) (1,1) (1,2) (0,2)",
        "10; 25%; 25%; (10,0) (10,3) (8,3) (8,5) (5,5) (5,8) (3,8) (3,10) (0,10)",
        "6; 2; 2; (6,0) (6,2) (4,2) (4,4) (1,4) (1,6) (0,6)",
        "3; 1; 0; (3,0) (3,1) (2,1) (2,2) (1,2) (1,3) (0,3)",
    })
    void rollingSteps(int replicas, String maxSurge, String maxUnavailable, String want) {
        TestCluster cluster = new TestCluster(1, 3);
        Map<String, String> labels = Map.of("app", "web");
        cluster.api.create(BuiltinResources.DEPLOYMENTS, "default", new Deployment(ObjectMeta.of("default", "web"),
                new DeploymentSpec(replicas, LabelSelector.matchLabels(labels), TestCluster.template(labels, "nginx:1.25"),
                        DeploymentStrategy.rollingUpdate(io.ksim.api.resource.IntOrString.parse(maxUnavailable),
                                io.ksim.api.resource.IntOrString.parse(maxSurge)), null, null, null, null)));
        cluster.run(20);
        Deployment d = cluster.api.get(BuiltinResources.DEPLOYMENTS, "default", "web");
        PodTemplateSpec t = d.spec().template();
        cluster.api.update(BuiltinResources.DEPLOYMENTS, d.withSpec(d.spec().withTemplate(t.withSpec(t.spec().toBuilder()
                .containers(List.of(Container.builder().name("web").image("nginx:1.26").readinessProbe(TestCluster.READINESS).build())).build()))));
        cluster.run(80);
        assertEquals(want, steps(cluster));
    }

    /** The (old, new) sizes after each ScalingReplicaSet event, starting when the old one is full. */
    private static String steps(TestCluster cluster) {
        String oldName = null;
        int old = 0;
        int neu = 0;
        List<String> out = new ArrayList<>();
        for (TraceEvent e : cluster.kernel.trace().events()) {
            if (!e.kind().equals("ScalingReplicaSet")) {
                continue;
            }
            Matcher m = SCALED.matcher(e.message());
            if (!m.matches()) {
                throw new AssertionError(e.message());
            }
            if (oldName == null) {
                oldName = m.group(2);
            }
            if (m.group(2).equals(oldName)) {
                old = Integer.parseInt(m.group(4));
            } else {
                neu = Integer.parseInt(m.group(4));
            }
            out.add("(" + old + "," + neu + ")");
        }
        return String.join(" ", out);
    }
}
