package io.ksim.api.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.ksim.api.KubeJson;
import io.ksim.api.core.ManifestRoundTrip;
import io.ksim.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceTest {

    /** The example of the EndpointSlices concept page, with the fields the controller writes. */
    private static final String SLICE = """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: example-abc
              namespace: default
              labels:
                kubernetes.io/service-name: example
                endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
            addressType: IPv4
            ports:
              - name: http
                protocol: TCP
                port: 80
              - name: ""
                protocol: UDP
                port: 53
                appProtocol: dns
            endpoints:
              - addresses:
                  - "10.1.2.3"
                conditions:
                  ready: true
                  serving: true
                  terminating: false
                hostname: pod-1
                nodeName: node-1
                zone: us-west2-a
                targetRef:
                  kind: Pod
                  namespace: default
                  name: example-7d8f-x2v4q
                  uid: 0a3b3c1e-1111-2222-3333-444455556666
                hints:
                  forZones:
                    - name: us-west2-a
              - addresses:
                  - "10.1.2.4"
                conditions: {}
                deprecatedTopology:
                  topology.kubernetes.io/zone: us-west2-b
            """;

    @Test
    void decodesAndRoundTrips() throws Exception {
        EndpointSlice slice = ManifestRoundTrip.roundTrip(SLICE, EndpointSlice.class);
        assertEquals(EndpointSlice.ADDRESS_TYPE_IPV4, slice.addressType());
        assertEquals("example", slice.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME));
        assertEquals(EndpointPort.of("http", "TCP", 80), slice.ports().get(0));
        assertEquals("", slice.ports().get(1).name());
        assertEquals("dns", slice.ports().get(1).appProtocol());
        Endpoint first = slice.endpoints().get(0);
        assertEquals(List.of("10.1.2.3"), first.addresses());
        assertTrue(first.conditions().isReady());
        assertFalse(first.conditions().isTerminating());
        assertEquals("Pod", first.targetRef().kind());
        assertEquals("example-7d8f-x2v4q", first.targetRef().name());
        assertEquals("node-1", first.nodeName());
        assertEquals("us-west2-a", first.hints().forZones().get(0).name());
        Endpoint second = slice.endpoints().get(1);
        assertNull(second.conditions().ready());
        assertTrue(second.conditions().isReady(), "an unknown readiness is read as ready");
        assertTrue(second.conditions().isServing());
        assertEquals("us-west2-b", second.deprecatedTopology().get("topology.kubernetes.io/zone"));

        String yaml = KubeJson.yaml().writeValueAsString(slice);
        assertTrue(yaml.contains("name: \"\""), "a set empty port name is a pointer upstream and is printed: " + yaml);
        assertFalse(yaml.contains("isReady") || yaml.contains("ready: null"), yaml);
        assertEquals(slice, KubeJson.yaml().readValue(yaml, EndpointSlice.class));
        assertEquals(slice, KubeJson.json().readValue(KubeJson.json().writeValueAsString(slice), EndpointSlice.class));
    }

    @Test
    void unknownFieldsAreReported() throws Exception {
        String yaml = """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: s
                addressType: IPv4
                endpoints:
                  - addresses: ["10.0.0.1"]
                    conditions:
                      healthy: true
                    topology: {}
                ports:
                  - port: 80
                    targetPort: 8080
                """;
        List<String> unknown = new ArrayList<>();
        try (JsonParser p = KubeJson.yaml().createParser(yaml)) {
            KubeJson.decodeCollectingUnknown(KubeJson.yaml(), p, EndpointSlice.class, unknown);
        }
        assertEquals(List.of("endpoints[0].conditions.healthy", "endpoints[0].topology", "ports[0].targetPort"),
                unknown);
    }

    /** Upstream pkg/apis/discovery/v1/defaults.go: SetDefaults_EndpointPort sets name "" and protocol TCP. */
    @Test
    void portDefaults() {
        EndpointSlice slice = new EndpointSlice(ObjectMeta.of("default", "s"), EndpointSlice.ADDRESS_TYPE_IPV4,
                List.of(), List.of(new EndpointPort(null, null, 80, null), EndpointPort.of("dns", "UDP", 53),
                        new EndpointPort(null, null, null, null)));
        EndpointSlice defaulted = DiscoveryDefaults.endpointSlice(slice);
        assertEquals(List.of(EndpointPort.of("", "TCP", 80), EndpointPort.of("dns", "UDP", 53),
                new EndpointPort("", "TCP", null, null)), defaulted.ports());
        assertEquals(defaulted, DiscoveryDefaults.endpointSlice(defaulted));
    }
}
