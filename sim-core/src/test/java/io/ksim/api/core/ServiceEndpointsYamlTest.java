package io.ksim.api.core;

import static io.ksim.api.core.ManifestRoundTrip.decode;
import static io.ksim.api.core.ManifestRoundTrip.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.KubeJson;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.resource.IntOrString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEndpointsYamlTest {

    /** The NodePort example of kubernetes.io/docs/concepts/services-networking/service, as stored. */
    @Test
    void nodePortServiceRoundTrips() throws Exception {
        Service svc = roundTrip("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: my-service
                  namespace: default
                spec:
                  clusterIP: 10.96.12.34
                  clusterIPs:
                  - 10.96.12.34
                  externalTrafficPolicy: Cluster
                  internalTrafficPolicy: Cluster
                  ipFamilies:
                  - IPv4
                  ipFamilyPolicy: SingleStack
                  ports:
                  - nodePort: 30007
                    port: 80
                    protocol: TCP
                    targetPort: 80
                  - appProtocol: kubernetes.io/h2c
                    name: grpc
                    nodePort: 30008
                    port: 9090
                    protocol: TCP
                    targetPort: grpc-port
                  selector:
                    app.kubernetes.io/name: MyApp
                  sessionAffinity: ClientIP
                  sessionAffinityConfig:
                    clientIP:
                      timeoutSeconds: 10800
                  type: NodePort
                """, Service.class);
        ServiceSpec spec = svc.spec();
        assertEquals(ServiceSpec.TYPE_NODE_PORT, spec.type());
        assertEquals(30007, spec.ports().get(0).nodePort());
        assertEquals(IntOrString.of(80), spec.ports().get(0).targetPort());
        assertEquals(IntOrString.of("grpc-port"), spec.ports().get(1).targetPort());
        assertEquals("kubernetes.io/h2c", spec.ports().get(1).appProtocol());
        assertEquals(Map.of("app.kubernetes.io/name", "MyApp"), spec.selector());
        assertEquals(10800, spec.sessionAffinityConfig().clientIP().timeoutSeconds());
        assertEquals(List.of("IPv4"), spec.ipFamilies());
    }

    @Test
    void loadBalancerWithStatusAndEveryOtherSpecField() throws Exception {
        Service svc = roundTrip("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: lb
                  namespace: shop
                spec:
                  allocateLoadBalancerNodePorts: false
                  clusterIP: 10.96.0.50
                  externalIPs:
                  - 198.51.100.7
                  externalTrafficPolicy: Local
                  healthCheckNodePort: 31555
                  internalTrafficPolicy: Local
                  ipFamilyPolicy: PreferDualStack
                  loadBalancerClass: example.com/lb
                  loadBalancerIP: 203.0.113.10
                  loadBalancerSourceRanges:
                  - 203.0.113.0/24
                  ports:
                  - port: 443
                    protocol: TCP
                    targetPort: 8443
                  publishNotReadyAddresses: true
                  selector:
                    app: shop
                  trafficDistribution: PreferClose
                  type: LoadBalancer
                status:
                  conditions:
                  - lastTransitionTime: "2025-01-01T00:00:00Z"
                    message: provisioned
                    observedGeneration: 1
                    reason: Provisioned
                    status: "True"
                    type: LoadBalancerReady
                  loadBalancer:
                    ingress:
                    - ip: 203.0.113.10
                      ipMode: VIP
                      ports:
                      - error: "connection refused"
                        port: 443
                        protocol: TCP
                    - hostname: lb.example.com
                """, Service.class);
        assertEquals(Boolean.FALSE, svc.spec().allocateLoadBalancerNodePorts());
        assertEquals(31555, svc.spec().healthCheckNodePort());
        assertEquals(Boolean.TRUE, svc.spec().publishNotReadyAddresses());
        assertEquals(ServiceSpec.TRAFFIC_DISTRIBUTION_PREFER_CLOSE, svc.spec().trafficDistribution());
        assertEquals("VIP", svc.status().loadBalancer().ingress().get(0).ipMode());
        assertEquals(443, svc.status().loadBalancer().ingress().get(0).ports().get(0).port());
        assertEquals("lb.example.com", svc.status().loadBalancer().ingress().get(1).hostname());
        assertEquals(1L, svc.status().conditions().get(0).observedGeneration());
    }

    @Test
    void externalNameAndHeadlessServices() throws Exception {
        Service ext = roundTrip("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: my-database
                  namespace: prod
                spec:
                  externalName: db.example.com
                  type: ExternalName
                """, Service.class);
        assertEquals("db.example.com", ext.spec().externalName());
        Service headless = roundTrip("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: nginx
                spec:
                  clusterIP: None
                  ports:
                  - name: web
                    port: 80
                  selector:
                    app: nginx
                """, Service.class);
        assertTrue(headless.spec().isHeadless());
    }

    @Test
    void anEmptyServiceStatusPrintsLoadBalancerAsUpstream() throws Exception {
        Service svc = new Service(null, null, io.ksim.api.meta.ObjectMeta.of("default", "s"),
                ServiceSpec.builder().ports(List.of(new ServicePort(null, "TCP", null, 80, IntOrString.of(8080), null)))
                        .build(), null);
        assertEquals("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: s
                  namespace: default
                spec:
                  ports:
                    - port: 80
                      protocol: TCP
                      targetPort: 8080
                status:
                  loadBalancer: {}
                """, KubeJson.yaml().writeValueAsString(svc));
    }

    @Test
    void unknownServiceFieldsAreReportedWithTheirPaths() throws Exception {
        List<String> unknown = new ArrayList<>();
        decode("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: s
                spec:
                  ports:
                  - port: 80
                    targetport: 8080
                  selecter:
                    app: web
                  sessionAffinityConfig:
                    clientIP:
                      timeout: 5
                """, Service.class, unknown);
        assertEquals(List.of("spec.ports[0].targetport", "spec.selecter",
                "spec.sessionAffinityConfig.clientIP.timeout"), unknown);
    }

    /** Endpoints as the endpoints controller writes them for a two-replica deployment, one pod not ready. */
    @Test
    void endpointsRoundTrip() throws Exception {
        Endpoints ep = roundTrip("""
                apiVersion: v1
                kind: Endpoints
                metadata:
                  labels:
                    app: web
                  name: web
                  namespace: default
                subsets:
                - addresses:
                  - ip: 10.244.1.5
                    nodeName: kind-worker
                    targetRef:
                      kind: Pod
                      name: web-7c9f-abcde
                      namespace: default
                      uid: 0e0a8b8c-0000-4000-8000-000000000005
                  - hostname: web-0
                    ip: 10.244.2.7
                    nodeName: kind-worker2
                  notReadyAddresses:
                  - ip: 10.244.2.9
                    nodeName: kind-worker2
                    targetRef:
                      kind: Pod
                      name: web-7c9f-fghij
                      namespace: default
                  ports:
                  - appProtocol: http
                    name: http
                    port: 8080
                    protocol: TCP
                """, Endpoints.class);
        Endpoints.EndpointSubset ss = ep.subsets().get(0);
        assertEquals("kind-worker", ss.addresses().get(0).nodeName());
        assertEquals("web-7c9f-abcde", ss.addresses().get(0).targetRef().name());
        assertEquals("web-0", ss.addresses().get(1).hostname());
        assertEquals("10.244.2.9", ss.notReadyAddresses().get(0).ip());
        assertEquals(8080, ss.ports().get(0).port());
    }
}
