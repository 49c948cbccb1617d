package io.ksim.controller.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.api.KubeJson;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.meta.Opaque;
import io.ksim.controller.history.ControllerHistory;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ControllerRevision data and names of StatefulSets and DaemonSets against upstream: the bytes getPatch
 * marshals for {@link PodTemplateHashTest}'s stored templates (encoding/json over the k8s.io/api v0.32
 * types, unmarshalled into a map, {@code $patch} added, marshalled again) and HashControllerRevision of
 * them without a collision count, with 0 and with 1. The controller manager of v1.32 is built with Go 1.23,
 * whose encoder writes backspace and form feed as a backslash and a letter (Go 1.22 and later).
 */
class ControllerRevisionHashTest {

    static Stream<Arguments> templates() {
        return Stream.of(
                Arguments.of("nginx", PodTemplateHashTest.NGINX,
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"nginx\"}},"
                    + "\"spec\":{\"containers\":[{\"image\":\"nginx\",\"imagePullPolicy\":\"Always\",\"name\":\"nginx\","
                    + "\"resources\":{},\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}],"
                    + "\"dnsPolicy\":\"ClusterFirst\",\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\","
                    + "\"securityContext\":{},\"terminationGracePeriodSeconds\":30}}}}",
                        "8b4c9f75", "5d85c59ddf", "5d85c59ddd"),
                Arguments.of("web", PodTemplateHashTest.WEB,
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"annotations\":{\"example.com/owner\":\"team-a\"},"
                    + "\"creationTimestamp\":null,\"labels\":{\"app\":\"web\",\"tier\":\"frontend\"}},\"spec\":{\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"zone\","
                    + "\"operator\":\"In\",\"values\":[\"a\",\"b\"]}]}]}},\"podAntiAffinity\":{\"preferredDuringSchedulingIgnoredDuringExecution\":[{\"podAffinityTerm\":{\"labelSelector\":{\"matchLabels\":{\"app\":\"web\"}},"
                    + "\"topologyKey\":\"kubernetes.io/hostname\"},\"weight\":100}]}},\"containers\":[{\"args\":[\"-g\","
                    + "\"daemon off;\"],\"command\":[\"nginx\"],\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"},{\"name\":\"POD_IP\","
                    + "\"valueFrom\":{\"fieldRef\":{\"apiVersion\":\"v1\",\"fieldPath\":\"status.podIP\"}}}],\"image\":\"nginx:1.27\","
                    + "\"imagePullPolicy\":\"IfNotPresent\",\"livenessProbe\":{\"failureThreshold\":3,\"httpGet\":{\"path\":\"/healthz\","
                    + "\"port\":8080,\"scheme\":\"HTTP\"},\"initialDelaySeconds\":5,\"periodSeconds\":10,\"successThreshold\":1,"
                    + "\"timeoutSeconds\":1},\"name\":\"web\",\"ports\":[{\"containerPort\":8080,\"name\":\"http\",\"protocol\":\"TCP\"}],"
                    + "\"readinessProbe\":{\"failureThreshold\":3,\"periodSeconds\":5,\"successThreshold\":1,\"tcpSocket\":{\"port\":\"http\"},"
                    + "\"timeoutSeconds\":1},\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"},\"requests\":{\"cpu\":\"250m\","
                    + "\"memory\":\"128Mi\"}},\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\","
                    + "\"volumeMounts\":[{\"mountPath\":\"/etc/nginx/conf.d\",\"name\":\"config\",\"readOnly\":true},"
                    + "{\"mountPath\":\"/var/cache/nginx\",\"name\":\"cache\"}]}],\"dnsPolicy\":\"ClusterFirst\",\"nodeSelector\":{\"kubernetes.io/os\":\"linux\"},"
                    + "\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\",\"securityContext\":{\"fsGroup\":2000,"
                    + "\"runAsNonRoot\":true},\"terminationGracePeriodSeconds\":30,\"tolerations\":[{\"effect\":\"NoSchedule\","
                    + "\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"web\"},{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/not-ready\","
                    + "\"operator\":\"Exists\",\"tolerationSeconds\":300}],\"volumes\":[{\"configMap\":{\"defaultMode\":420,"
                    + "\"name\":\"web-config\"},\"name\":\"config\"},{\"emptyDir\":{\"sizeLimit\":\"1Gi\"},\"name\":\"cache\"}]}}}}",
                        "6b44b86869", "655bf6457f", "655bf6457d"),
                Arguments.of("quantities", PodTemplateHashTest.QUANTITIES,
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"q\"}},"
                    + "\"spec\":{\"containers\":[{\"image\":\"busybox\",\"imagePullPolicy\":\"Always\",\"name\":\"q\",\"resources\":{\"limits\":{\"cpu\":\"1.001\","
                    + "\"ephemeral-storage\":\"12345678901234567890\",\"example.com/big\":\"9223372036854775807\","
                    + "\"example.com/frac\":\"1536Mi\",\"example.com/half\":\"512\",\"memory\":\"1Pi\"},\"requests\":{\"cpu\":\"0\","
                    + "\"example.com/k\":\"1k\",\"example.com/milli\":\"100m\",\"example.com/neg\":\"-2\",\"example.com/odd\":\"129Mi\","
                    + "\"memory\":\"1e3\"}},\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}],"
                    + "\"dnsPolicy\":\"ClusterFirst\",\"overhead\":{\"cpu\":\"250m\"},\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\","
                    + "\"securityContext\":{},\"terminationGracePeriodSeconds\":30}}}}",
                        "5cd688ff85", "586454f7c9", "586454f7c8"),
                Arguments.of("agent", PodTemplateHashTest.AGENT,
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"creationTimestamp\":null,\"labels\":{\"app\":\"agent\"}},"
                        + "\"spec\":{\"containers\":[{\"image\":\"agent:latest\",\"imagePullPolicy\":\"Always\",\"livenessProbe\":{\"failureThreshold\":3,"
                        + "\"httpGet\":{\"path\":\"/\",\"port\":9100,\"scheme\":\"HTTP\"},\"periodSeconds\":10,\"successThreshold\":1,"
                        + "\"timeoutSeconds\":1},\"name\":\"agent\",\"ports\":[{\"containerPort\":9100,\"protocol\":\"TCP\"}],"
                        + "\"resources\":{\"limits\":{\"cpu\":\"1m\",\"memory\":\"64Mi\"}},\"terminationMessagePath\":\"/dev/termination-log\","
                        + "\"terminationMessagePolicy\":\"File\"}],\"dnsPolicy\":\"ClusterFirst\",\"hostNetwork\":true,"
                        + "\"initContainers\":[{\"command\":[\"sh\",\"-c\",\"true\"],\"image\":\"busybox:1.36\",\"imagePullPolicy\":\"IfNotPresent\","
                        + "\"name\":\"init\",\"resources\":{},\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}],"
                        + "\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\",\"securityContext\":{},"
                        + "\"serviceAccount\":\"agent\",\"serviceAccountName\":\"agent\",\"terminationGracePeriodSeconds\":30,"
                        + "\"volumes\":[{\"emptyDir\":{},\"name\":\"scratch\"},{\"name\":\"creds\",\"secret\":{\"defaultMode\":420,"
                        + "\"secretName\":\"agent-creds\"}},{\"downwardAPI\":{\"defaultMode\":420,\"items\":[{\"fieldRef\":{\"apiVersion\":\"v1\","
                        + "\"fieldPath\":\"metadata.labels\"},\"path\":\"labels\"}]},\"name\":\"info\"},{\"name\":\"token\","
                        + "\"projected\":{\"defaultMode\":420,\"sources\":[{\"serviceAccountToken\":{\"expirationSeconds\":3600,"
                        + "\"path\":\"token\"}}]}},{\"hostPath\":{\"path\":\"/var/log\",\"type\":\"\"},\"name\":\"logs\"}]}}}}",
                        "66c8fb547b", "7954b7dd", "7954b7df"),
                Arguments.of("escapes", PodTemplateHashTest.ESCAPES,
                        "{\"spec\":{\"template\":{\"$patch\":\"replace\",\"metadata\":{\"annotations\":{\"A\":\"upper\","
                        + "\"note\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026amp;\\u003c/a\\u003e\\n\\ttab\\u2028 caf\u00e9 \\u0001 \\b\\f back\\\\slash\","
                        + "\"z\":\"last\"},\"creationTimestamp\":null,\"labels\":{\"app\":\"e\"}},\"spec\":{\"containers\":[{\"env\":[{\"name\":\"LIMIT\","
                        + "\"valueFrom\":{\"resourceFieldRef\":{\"containerName\":\"e\",\"divisor\":\"0\",\"resource\":\"limits.memory\"}}}],"
                        + "\"image\":\"busybox\",\"imagePullPolicy\":\"Always\",\"name\":\"e\",\"resources\":{},"
                        + "\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\"}],"
                        + "\"dnsPolicy\":\"ClusterFirst\",\"restartPolicy\":\"Always\",\"schedulerName\":\"default-scheduler\","
                        + "\"securityContext\":{},\"terminationGracePeriodSeconds\":30}}}}",
                        "f9d448d4d", "c7bd84996", "c7bd84997"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void patchAndHashAsUpstream(String name, String json, String patch, String noCollisions,
            String collisionCount0, String collisionCount1) throws Exception {
        PodTemplateSpec t = KubeJson.json().readValue(json, PodTemplateSpec.class);
        Opaque data = ControllerHistory.templatePatch(t);
        assertEquals(patch, GoJson.marshal(data.tree()));
        assertEquals(noCollisions, ControllerHistory.hash(data, null));
        assertEquals(collisionCount0, ControllerHistory.hash(data, 0));
        assertEquals(collisionCount1, ControllerHistory.hash(data, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void thePatchDecodesBackToTheTemplate(String name, String json) throws Exception {
        PodTemplateSpec t = KubeJson.json().readValue(json, PodTemplateSpec.class);
        ObjectNode template = (ObjectNode) ControllerHistory.templatePatch(t).tree().path("spec").path("template");
        template.remove("$patch");
        assertEquals(t, KubeJson.json().treeToValue(template, PodTemplateSpec.class));
    }
}
