package io.ksim.apiserver.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ksim.api.core.Service;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ApiServer;
import io.ksim.kernel.Kernel;
import io.ksim.store.MvccStore;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Service validation through the API server: upstream's ValidateService and ValidateServiceUpdate
 * (pkg/apis/core/validation/validation.go, v1.32; rows after validation_test.go's TestValidateServiceCreate
 * and TestValidateServiceUpdate). Each row is the spec of a service named {@code web}.
 */
class ServiceValidationTest {

    private final Kernel kernel = Kernel.builder().seed(5).build();
    private final ApiServer api = KubeApiServer.start(kernel, MvccStore.builder(kernel).build());

    private Service create(String spec) {
        String yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n" + spec.indent(2);
        return (Service) api.createObject("default", api.scheme().decodeAll(yaml).get(0));
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("no ports", "selector: {app: web}", "spec.ports: Required value"),
                Arguments.of("port out of range", "ports: [{port: 0}]",
                        "[spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, "
                                + "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]"),
                Arguments.of("names required with several ports", "ports: [{name: http, port: 80}, {port: 443}]",
                        "spec.ports[1].name: Required value"),
                Arguments.of("port names repeat", "ports: [{name: http, port: 80}, {name: http, port: 81}]",
                        "spec.ports[1].name: Duplicate value: \"http\""),
                Arguments.of("port name not a DNS label", "ports: [{name: HTTP, port: 80}]",
                        "spec.ports[0].name: Invalid value: \"HTTP\": a lowercase RFC 1123 label must consist of lower "
                                + "case alphanumeric characters or '-', and must start and end with an alphanumeric "
                                + "character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
                Arguments.of("protocol unsupported", "ports: [{port: 80, protocol: HTTP}]",
                        "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
                Arguments.of("targetPort name invalid", "ports: [{port: 80, targetPort: web_ui}]",
                        "spec.ports[0].targetPort: Invalid value: \"web_ui\": must contain only alpha-numeric "
                                + "characters (a-z, 0-9), and hyphens (-)"),
                Arguments.of("nodePort on a ClusterIP service", "ports: [{port: 80, nodePort: 30080}]",
                        "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
                Arguments.of("nodePort used twice",
                        "type: NodePort\nports: [{name: a, port: 80, nodePort: 30080}, {name: b, port: 81, nodePort: 30080}]",
                        "spec.ports[1].nodePort: Duplicate value: 30080"),
                Arguments.of("type unsupported", "type: Ingress\nports: [{port: 80}]",
                        "spec.type: Unsupported value: \"Ingress\": supported values: \"ClusterIP\", \"ExternalName\", "
                                + "\"LoadBalancer\", \"NodePort\""),
                Arguments.of("ExternalName without a name", "type: ExternalName",
                        "spec.externalName: Required value"),
                Arguments.of("ExternalName not a DNS subdomain", "type: ExternalName\nexternalName: db_primary.example.com.",
                        "spec.externalName: Invalid value: \"db_primary.example.com\": a lowercase RFC 1123 subdomain must "
                                + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with "
                                + "an alphanumeric character (e.g. 'example.com', regex used for validation is "
                                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                Arguments.of("headless NodePort", "type: NodePort\nclusterIP: None\nports: [{port: 80}]",
                        "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"),
                Arguments.of("selector value invalid", "selector: {app: 'web app'}\nports: [{port: 80}]",
                        "spec.selector: Invalid value: \"web app\": a valid label must be an empty string or consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                                + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                                + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                Arguments.of("session affinity unsupported", "sessionAffinity: Cookie\nports: [{port: 80}]",
                        "spec.sessionAffinity: Unsupported value: \"Cookie\": supported values: \"ClientIP\", \"None\""),
                Arguments.of("ClientIP timeout above a day",
                        "sessionAffinity: ClientIP\nsessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}\nports: [{port: 80}]",
                        "spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 "
                                + "and less than 86400"),
                Arguments.of("externalTrafficPolicy on a plain ClusterIP service",
                        "externalTrafficPolicy: Local\nports: [{port: 80}]",
                        "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"),
                Arguments.of("externalTrafficPolicy unsupported", "type: NodePort\nexternalTrafficPolicy: Nearest\nports: [{port: 80}]",
                        "spec.externalTrafficPolicy: Unsupported value: \"Nearest\": supported values: \"Cluster\", \"Local\""),
                Arguments.of("internalTrafficPolicy unsupported", "internalTrafficPolicy: Node\nports: [{port: 80}]",
                        "spec.internalTrafficPolicy: Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\""),
                Arguments.of("healthCheckNodePort off a Local LoadBalancer", "type: NodePort\nhealthCheckNodePort: 32000\nports: [{port: 80}]",
                        "spec.healthCheckNodePort: Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and "
                                + "`externalTrafficPolicy` is 'Local'"),
                Arguments.of("external IP invalid", "externalIPs: [10.0.0.300]\nports: [{port: 80}]",
                        "spec.externalIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
                Arguments.of("clusterIPs not following clusterIP",
                        "clusterIP: 10.96.0.10\nclusterIPs: [10.96.0.11]\nports: [{port: 80}]",
                        "spec.clusterIPs: Invalid value: []string{\"10.96.0.11\"}: first value must match `clusterIP`"),
                Arguments.of("two IPv4 cluster IPs",
                        "clusterIP: 10.96.0.10\nclusterIPs: [10.96.0.10, 10.96.0.11]\nports: [{port: 80}]",
                        "spec.clusterIPs: Invalid value: []string{\"10.96.0.10\", \"10.96.0.11\"}: may specify no more "
                                + "than one IP for each IP family"),
                Arguments.of("cluster IP of the wrong family",
                        "clusterIP: 10.96.0.10\nipFamilies: [IPv6]\nports: [{port: 80}]",
                        "spec.clusterIPs[0]: Invalid value: \"10.96.0.10\": expected an IPv6 value as indicated by `ipFamilies[0]`"),
                Arguments.of("ipFamilyPolicy unsupported", "ipFamilyPolicy: BothStacks\nports: [{port: 80}]",
                        "spec.ipFamilyPolicy: Unsupported value: \"BothStacks\": supported values: \"PreferDualStack\", "
                                + "\"RequireDualStack\", \"SingleStack\""),
                Arguments.of("loadBalancerClass off a LoadBalancer", "loadBalancerClass: example.com/lb\nports: [{port: 80}]",
                        "spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"),
                Arguments.of("allocateLoadBalancerNodePorts off a LoadBalancer",
                        "allocateLoadBalancerNodePorts: true\nports: [{port: 80}]",
                        "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void rejectsWithUpstreamsText(String rule, String spec, String expected) {
        ApiException e = assertThrows(ApiException.class, () -> create(spec));
        assertEquals("Service \"web\" is invalid: " + expected, e.getMessage());
    }

    @Test
    void validServicesPass() {
        assertDoesNotThrow(() -> create("selector: {app: web}\nports: [{name: http, port: 80, targetPort: http}, {name: https, port: 443}]"));
        api.delete(BuiltinResources.SERVICES, "default", "web", io.ksim.apiserver.DeleteOptions.defaults());
        assertDoesNotThrow(() -> create("clusterIP: None\nselector: {app: web}"));
        api.delete(BuiltinResources.SERVICES, "default", "web", io.ksim.apiserver.DeleteOptions.defaults());
        assertDoesNotThrow(() -> create("type: ExternalName\nexternalName: db.example.com."));
    }

    @Test
    void clusterIPIsNormalizedIntoClusterIPs() {
        Service svc = create("clusterIP: None\nselector: {app: web}");
        assertEquals(List.of("None"), svc.spec().clusterIPs());
    }

    @Test
    void aClusterIPMayNotChangeOnceSet() {
        Service svc = create("clusterIP: 10.96.0.11\nports: [{port: 80}]");
        Service changed = svc.withSpec(svc.spec().toBuilder().clusterIP("10.96.0.12").build());
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.SERVICES, changed));
        assertEquals("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.12\"}: "
                + "may not change once set", e.getMessage());
    }

    @Test
    void releasingTheSecondaryClusterIPNeedsSingleStack() {
        Service svc = create("clusterIP: 10.96.0.11\nclusterIPs: [10.96.0.11, 'fd00::11']\nipFamilyPolicy: PreferDualStack\n"
                + "ports: [{port: 80}]");
        Service single = svc.withSpec(svc.spec().toBuilder().clusterIPs(List.of("10.96.0.11")).build());
        ApiException e = assertThrows(ApiException.class, () -> api.update(BuiltinResources.SERVICES, single));
        assertEquals("Service \"web\" is invalid: spec.ipFamilyPolicy: Invalid value: \"PreferDualStack\": must be set "
                + "to 'SingleStack' when releasing the secondary clusterIP", e.getMessage());
    }

    @Test
    void aHeadlessServiceMayTurnIntoExternalName() {
        Service svc = create("clusterIP: None\nports: [{port: 80}]");
        Service external = svc.withSpec(svc.spec().toBuilder().type("ExternalName").externalName("db.example.com")
                .clusterIP("").clusterIPs(List.of()).build());
        assertDoesNotThrow(() -> api.update(BuiltinResources.SERVICES, external));
    }
}
