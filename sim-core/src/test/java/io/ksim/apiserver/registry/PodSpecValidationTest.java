package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pod spec validation through the API server, one row per rule of upstream's ValidatePodSpec
 * (pkg/apis/core/validation/validation.go, v1.32; cases after validation_test.go's TestValidatePodSpec and
 * TestValidateContainers). Each row is the spec of a pod named {@code p} and the exact message the create
 * gets.
 */
class PodSpecValidationTest {

    private final Kernel kernel = Kernel.builder().seed(3).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    @BeforeEach
    void serviceAccount() {
        api.createObject("default", api.scheme().decodeAll("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: default}
                """).get(0));
    }

    private void createPod(String spec) {
        String yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n" + spec.indent(2);
        api.createObject("default", api.scheme().decodeAll(yaml).get(0));
    }

    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("no containers", "containers: []", "spec.containers: Required value"),
                Arguments.of("container name not a DNS label", "containers: [{name: Web, image: nginx}]",
                        "spec.containers[0].name: Invalid value: \"Web\": " + LABEL_MSG),
                Arguments.of("container name missing", "containers: [{image: nginx}]",
                        "spec.containers[0].name: Required value"),
                Arguments.of("image missing", "containers: [{name: app}]", "spec.containers[0].image: Required value"),
                Arguments.of("duplicate container names", "containers: [{name: app, image: a}, {name: app, image: b}]",
                        "spec.containers[1].name: Duplicate value: \"app\""),
                Arguments.of("init container reuses a container name",
                        "containers: [{name: app, image: a}]\ninitContainers: [{name: app, image: b}]",
                        "spec.initContainers[0].name: Duplicate value: \"app\""),
                Arguments.of("containerPort missing", "containers: [{name: app, image: a, ports: [{name: web}]}]",
                        "spec.containers[0].ports[0].containerPort: Required value"),
                Arguments.of("containerPort out of range", "containers: [{name: app, image: a, ports: [{containerPort: 70000}]}]",
                        "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                Arguments.of("hostPort out of range",
                        "containers: [{name: app, image: a, ports: [{containerPort: 80, hostPort: -1}]}]",
                        "spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and 65535, inclusive"),
                Arguments.of("protocol unsupported",
                        "containers: [{name: app, image: a, ports: [{containerPort: 80, protocol: HTTP}]}]",
                        "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                Arguments.of("port name not an IANA_SVC_NAME",
                        "containers: [{name: app, image: a, ports: [{containerPort: 80, name: HTTP}]}]",
                        "[spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain only alpha-numeric "
                                + "characters (a-z, 0-9), and hyphens (-), spec.containers[0].ports[0].name: Invalid value: "
                                + "\"HTTP\": must contain at least one letter (a-z)]"),
                Arguments.of("port names repeat",
                        "containers: [{name: app, image: a, ports: [{containerPort: 80, name: web}, {containerPort: 81, name: web}]}]",
                        "spec.containers[0].ports[1].name: Duplicate value: \"web\""),
                Arguments.of("host port used twice",
                        "containers: [{name: a, image: a, ports: [{containerPort: 80, hostPort: 80}]},"
                                + " {name: b, image: b, ports: [{containerPort: 81, hostPort: 80}]}]",
                        "spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//80\""),
                Arguments.of("env name with '='", "containers: [{name: app, image: a, env: [{name: A=B, value: x}]}]",
                        "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name "
                                + "must consist only of printable ASCII characters other than '='"),
                Arguments.of("env valueFrom and value",
                        "containers: [{name: app, image: a, env: [{name: A, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]",
                        "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"),
                Arguments.of("env valueFrom without a source",
                        "containers: [{name: app, image: a, env: [{name: A, valueFrom: {}}]}]",
                        "spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
                                + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
                Arguments.of("request above limit",
                        "containers: [{name: app, image: a, resources: {requests: {cpu: '1'}, limits: {cpu: 500m}}}]",
                        "spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"),
                Arguments.of("negative request",
                        "containers: [{name: app, image: a, resources: {requests: {memory: -1Gi}}}]",
                        "spec.containers[0].resources.requests[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0"),
                Arguments.of("unknown unqualified resource",
                        "containers: [{name: app, image: a, resources: {requests: {gpu: '1'}}}]",
                        "[spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource "
                                + "type or fully qualified, spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": "
                                + "must be a standard resource for containers]"),
                Arguments.of("extended resource request below its limit",
                        "containers: [{name: app, image: a, resources: {requests: {example.com/dongle: '1'}, limits: {example.com/dongle: '2'}}}]",
                        "spec.containers[0].resources.requests: Invalid value: \"1\": must be equal to example.com/dongle limit of 2"),
                Arguments.of("mount of an undeclared volume",
                        "containers: [{name: app, image: a, volumeMounts: [{name: data, mountPath: /data}]}]",
                        "spec.containers[0].volumeMounts[0].name: Not found: \"data\""),
                Arguments.of("mount path used twice",
                        "volumes: [{name: a, emptyDir: {}}, {name: b, emptyDir: {}}]\n"
                                + "containers: [{name: app, image: a, volumeMounts: [{name: a, mountPath: /d}, {name: b, mountPath: /d}]}]",
                        "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/d\": must be unique"),
                Arguments.of("volume names repeat",
                        "volumes: [{name: data, emptyDir: {}}, {name: data, emptyDir: {}}]\ncontainers: [{name: app, image: a}]",
                        "spec.volumes[1].name: Duplicate value: \"data\""),
                Arguments.of("volume with two sources",
                        "volumes: [{name: data, emptyDir: {}, configMap: {name: c}}]\ncontainers: [{name: app, image: a}]",
                        "spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type"),
                Arguments.of("secret volume without a secret name",
                        "volumes: [{name: s, secret: {}}]\ncontainers: [{name: app, image: a}]",
                        "spec.volumes[0].secret.secretName: Required value"),
                Arguments.of("probe with two handlers",
                        "containers: [{name: app, image: a, livenessProbe: {exec: {command: [ls]}, tcpSocket: {port: 80}}}]",
                        "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type"),
                Arguments.of("probe without a handler",
                        "containers: [{name: app, image: a, readinessProbe: {periodSeconds: 5}}]",
                        "spec.containers[0].readinessProbe: Required value: must specify a handler type"),
                Arguments.of("liveness successThreshold above 1",
                        "containers: [{name: app, image: a, livenessProbe: {exec: {command: [ls]}, successThreshold: 2}}]",
                        "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
                Arguments.of("negative probe period",
                        "containers: [{name: app, image: a, readinessProbe: {tcpSocket: {port: 80}, periodSeconds: -1}}]",
                        "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"),
                Arguments.of("probe port name invalid",
                        "containers: [{name: app, image: a, readinessProbe: {httpGet: {port: web--ui}}}]",
                        "spec.containers[0].readinessProbe.httpGet.port: Invalid value: \"web--ui\": must not contain consecutive hyphens"),
                Arguments.of("probe on a plain init container",
                        "containers: [{name: app, image: a}]\ninitContainers: [{name: init, image: b, readinessProbe: {exec: {command: [ls]}}}]",
                        "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"),
                Arguments.of("init container restartPolicy other than Always",
                        "containers: [{name: app, image: a}]\ninitContainers: [{name: init, image: b, restartPolicy: OnFailure}]",
                        "spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""),
                Arguments.of("restartPolicy on a regular container",
                        "containers: [{name: app, image: a, restartPolicy: Always}]",
                        "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"),
                Arguments.of("pod restartPolicy unsupported", "restartPolicy: Sometimes\ncontainers: [{name: app, image: a}]",
                        "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
                Arguments.of("dnsPolicy unsupported", "dnsPolicy: Google\ncontainers: [{name: app, image: a}]",
                        "spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", "
                                + "\"ClusterFirst\", \"Default\", \"None\""),
                Arguments.of("dnsPolicy None without dnsConfig", "dnsPolicy: None\ncontainers: [{name: app, image: a}]",
                        "spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"),
                Arguments.of("imagePullPolicy unsupported",
                        "containers: [{name: app, image: a, imagePullPolicy: Sometimes}]",
                        "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: "
                                + "\"Always\", \"IfNotPresent\", \"Never\""),
                Arguments.of("nodeSelector value not a label value",
                        "nodeSelector: {disk: 'fast ssd'}\ncontainers: [{name: app, image: a}]",
                        "spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist "
                                + "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                                + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                Arguments.of("Exists toleration with a value",
                        "tolerations: [{key: k, operator: Exists, value: v}]\ncontainers: [{name: app, image: a}]",
                        "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"),
                Arguments.of("toleration with an empty key must use Exists",
                        "tolerations: [{operator: Equal, value: v}]\ncontainers: [{name: app, image: a}]",
                        "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is "
                                + "empty, which means \"match all values and all keys\""),
                Arguments.of("toleration effect unsupported",
                        "tolerations: [{key: k, operator: Exists, effect: NoWay}]\ncontainers: [{name: app, image: a}]",
                        "spec.tolerations[0].effect: Unsupported value: \"NoWay\": supported values: \"NoSchedule\", "
                                + "\"PreferNoSchedule\", \"NoExecute\""),
                Arguments.of("tolerationSeconds without NoExecute",
                        "tolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 5}]\n"
                                + "containers: [{name: app, image: a}]",
                        "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when "
                                + "`tolerationSeconds` is set"),
                Arguments.of("toleration operator unsupported",
                        "tolerations: [{key: k, operator: In}]\ncontainers: [{name: app, image: a}]",
                        "spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", \"Exists\""),
                Arguments.of("activeDeadlineSeconds zero", "activeDeadlineSeconds: 0\ncontainers: [{name: app, image: a}]",
                        "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"),
                Arguments.of("hostname not a DNS label", "hostname: web.example\ncontainers: [{name: app, image: a}]",
                        "spec.hostname: Invalid value: \"web.example\": must not contain dots"),
                Arguments.of("node affinity In without values",
                        "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: "
                                + "[{matchExpressions: [{key: zone, operator: In}]}]}}}\ncontainers: [{name: app, image: a}]",
                        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
                                + ".matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
                Arguments.of("node affinity without terms",
                        "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}\n"
                                + "containers: [{name: app, image: a}]",
                        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: "
                                + "Required value: must have at least one node selector term"),
                Arguments.of("preferred weight out of range",
                        "affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 101, "
                                + "podAffinityTerm: {topologyKey: zone, labelSelector: {matchLabels: {app: web}}}}]}}\n"
                                + "containers: [{name: app, image: a}]",
                        "spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: "
                                + "Invalid value: 101: must be in the range 1-100"),
                Arguments.of("spread constraint with maxSkew 0",
                        "topologySpreadConstraints: [{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]\n"
                                + "containers: [{name: app, image: a}]",
                        "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"),
                Arguments.of("spread constraints repeat key and action",
                        "topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}, "
                                + "{maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]\ncontainers: [{name: app, image: a}]",
                        "spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "
                                + "\"{zone, DoNotSchedule}\""),
                Arguments.of("spread constraint action unsupported",
                        "topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: Sometimes}]\n"
                                + "containers: [{name: app, image: a}]",
                        "spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: \"Sometimes\": "
                                + "supported values: \"DoNotSchedule\", \"ScheduleAnyway\""),
                Arguments.of("image with surrounding whitespace", "containers: [{name: app, image: ' nginx'}]",
                        "spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void rejectsWithUpstreamsText(String rule, String spec, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> createPod(spec));
        assertEquals("Pod \"p\" is invalid: " + expected, e.getMessage());
    }

    @Test
    void aFullValidSpecPasses() {
        assertDoesNotThrow(() -> createPod("""
                volumes: [{name: data, emptyDir: {}}, {name: cfg, configMap: {name: app-config}}]
                initContainers:
                - {name: sidecar, image: envoy, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 9901}}}
                containers:
                - name: app
                  image: nginx:1.27
                  ports: [{name: http, containerPort: 80}, {name: metrics, containerPort: 9090, protocol: TCP}]
                  env: [{name: MODE, value: prod}, {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
                  resources: {requests: {cpu: 250m, memory: 64Mi}, limits: {cpu: 500m, memory: 128Mi}}
                  volumeMounts: [{name: data, mountPath: /data}, {name: cfg, mountPath: /etc/app}]
                  livenessProbe: {httpGet: {path: /healthz, port: http}}
                tolerations: [{key: dedicated, operator: Equal, value: web, effect: NoSchedule}]
                nodeSelector: {disktype: ssd}
                """));
    }
}
