package io.ksim.network.walk;

import static io.ksim.network.NetworkTestCluster.port;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.network.NetworkTestCluster;
import io.ksim.network.dns.CoreDns;
import io.ksim.network.dns.CoreDnsConfig;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.endpoints.EndpointSliceController;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.proxy.iptables.IptablesConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** curl from a pod, end to end: DNS, kube-proxy rules on the client's node, the demoapp's answer and log. */
class CurlTest {

    private final NetworkTestCluster c = new NetworkTestCluster(51);
    private final AccessLog log = new AccessLog();
    private final Map<String, KubeProxy> proxies = new TreeMap<>();
    private final Curl curl;
    private final java.util.List<io.ksim.api.networking.NetworkPolicy> netpols = new java.util.ArrayList<>();

    CurlTest() {
        for (int i = 1; i <= 2; i++) {
            c.node("node-" + i, "zone-a", "172.18.0." + (i + 1));
            KubeProxy p = KubeProxy.forNode(c.kernel, c.api, KubeProxy.Mode.IPTABLES, "node-" + i, "172.18.0." + (i + 1));
            p.start();
            proxies.put("node-" + i, p);
        }
        new EndpointSliceController(c.kernel, c.api).start();
        CoreDnsConfig dnsConfig = CoreDnsConfig.kubeadm().withUpstream(Map.of("mail.example.com",
                List.of("93.184.216.34")));
        curl = new Curl(c.kernel, c.api, () -> new CoreDns(dnsConfig,
                c.api.list(BuiltinResources.SERVICES, null).items(),
                c.api.list(BuiltinResources.ENDPOINT_SLICES, null).items(),
                c.api.list(BuiltinResources.PODS, null).items()),
                node -> new IptablesWalker(proxies.get(node).iptablesRules(),
                        IptablesConfig.forNode(node, node.equals("node-1") ? "172.18.0.2" : "172.18.0.3"),
                        c.kernel.random("kube-proxy/" + node + "/packets"), c.kernel),
                "10.96.0.10", new ResolvConf(List.of("172.18.0.1"), List.of(), Map.of()), log)
                .withNetworkPolicies(() -> new io.ksim.network.policy.NetworkPolicyEvaluator(
                        c.api.list(BuiltinResources.NETWORK_POLICIES, null).items(), Map.of(),
                        c.api.list(BuiltinResources.PODS, null).items()))
                .withIngress(() -> new io.ksim.network.ingress.IngressRouter("nginx",
                        c.api.list(BuiltinResources.INGRESSES, null).items()));
    }

    @Test
    void ingressRoutesByHostThroughTheControllersNodePort() {
        c.service("demoapp", Map.of("app", "demoapp"), port("http", 80, IntOrString.of("http")));
        demoapp("demoapp-a", "node-2", "10.244.2.10");
        Container ctl = Container.builder().name("controller").image("registry.k8s.io/ingress-nginx/controller:v1.11.2")
                .ports(List.of(new ContainerPort("http", null, 80, "TCP", null))).build();
        c.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.builder().name("ingress-nginx-controller-x")
                .namespace("default").labels(Map.of("app", "ingress-nginx")).build(), PodSpec.builder()
                .containers(List.of(ctl)).nodeName("node-2").build()));
        c.status("ingress-nginx-controller-x", "10.244.2.200", true);
        io.ksim.api.core.Service ctlSvc = c.service("ingress-nginx-controller", ServiceSpec.builder().type("NodePort")
                .selector(Map.of("app", "ingress-nginx")).ports(List.of(port("http", 80, IntOrString.of("http")))));
        c.api.create(BuiltinResources.INGRESSES, "default", new io.ksim.api.networking.Ingress(null, null,
                ObjectMeta.of("default", "demo"), new io.ksim.api.networking.Ingress.IngressSpec("nginx", null, null,
                List.of(new io.ksim.api.networking.Ingress.IngressRule("demo.example.com",
                        new io.ksim.api.networking.Ingress.HTTPIngressRuleValue(List.of(
                                new io.ksim.api.networking.Ingress.HTTPIngressPath("/", "Prefix",
                                        new io.ksim.api.networking.Ingress.IngressBackend(
                                                new io.ksim.api.networking.Ingress.IngressServiceBackend("demoapp",
                                                        new io.ksim.api.networking.Ingress.ServiceBackendPort(null,
                                                                80)), null))))))), null));
        Pod client = client();
        c.settle();
        int nodePort = ctlSvc.spec().ports().get(0).nodePort();
        Curl.Response r = curl.fromPod(client, "http://172.18.0.2:" + nodePort + "/", "demo.example.com");
        assertEquals("iKubernetes demoapp v1.0 !! ClientIP: 10.244.2.200, ServerName: demoapp-a, ServerIP: "
                + "10.244.2.10!\n", r.output(), "the backend sees the controller pod");
        Curl.Response miss = curl.fromPod(client, "http://172.18.0.2:" + nodePort + "/", "other.example.com");
        assertTrue(miss.output().contains("<title>404 Not Found</title>"));
        // The other node's address: routed there, where its kube-proxy takes the node port.
        Curl.Response viaNode2 = curl.fromPod(client, "http://172.18.0.3:" + nodePort + "/", "demo.example.com");
        assertTrue(viaNode2.output().startsWith("iKubernetes demoapp v1.0"), viaNode2.output());
    }

    private void policy(String name, Map<String, String> podSelector,
            List<io.ksim.api.networking.NetworkPolicy.NetworkPolicyIngressRule> ingress) {
        c.api.create(BuiltinResources.NETWORK_POLICIES, "default", new io.ksim.api.networking.NetworkPolicy(null, null,
                ObjectMeta.of("default", name), new io.ksim.api.networking.NetworkPolicy.NetworkPolicySpec(
                        io.ksim.api.meta.LabelSelector.matchLabels(podSelector), ingress, null, null)));
    }

    @Test
    void networkPoliciesIsolateAndAllowByPodLabels() {
        c.service("demoapp", Map.of("app", "demoapp"), port("http", 80, IntOrString.of("http")));
        demoapp("demoapp-a", "node-2", "10.244.2.10");
        Pod client = client();
        c.pod("intruder", "intruder", "node-1");
        Pod intruder = c.status("intruder", "10.244.1.98", true);
        c.settle();
        policy("deny-all", Map.of("app", "demoapp"), List.of());
        Curl.Response denied = curl.fromPod(client, "http://demoapp/");
        assertEquals(28, denied.exitCode());
        assertTrue(denied.walk().steps().get(denied.walk().steps().size() - 1).contains(
                "ingress to default/demoapp-a not allowed by any NetworkPolicy"));
        policy("allow-client", Map.of("app", "demoapp"), List.of(
                new io.ksim.api.networking.NetworkPolicy.NetworkPolicyIngressRule(
                        List.of(new io.ksim.api.networking.NetworkPolicy.NetworkPolicyPort(null, IntOrString.of("http"),
                                null)),
                        List.of(new io.ksim.api.networking.NetworkPolicy.NetworkPolicyPeer(
                                io.ksim.api.meta.LabelSelector.matchLabels(Map.of("app", "client")), null, null)))));
        assertEquals(0, curl.fromPod(client, "http://demoapp/").exitCode());
        assertEquals(28, curl.fromPod(intruder, "http://demoapp/").exitCode());
    }

    private void demoapp(String name, String node, String ip) {
        Container ctr = Container.builder().name("demoapp").image("ikubernetes/demoapp:v1.0")
                .ports(List.of(new ContainerPort("http", null, 80, "TCP", null))).build();
        c.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.builder().name(name).namespace("default")
                .labels(Map.of("app", "demoapp")).build(), PodSpec.builder().containers(List.of(ctr)).nodeName(node)
                .build()));
        c.status(name, ip, true);
    }

    private Pod client() {
        c.pod("client", "client", "node-1");
        return c.status("client", "10.244.1.99", true);
    }

    @Test
    void curlByServiceNameReachesADemoappPodAndLogsTheRequest() {
        c.service("demoapp", Map.of("app", "demoapp"), port("http", 80, IntOrString.of("http")));
        demoapp("demoapp-8699b9895b-8b7w5", "node-2", "10.244.2.48");
        Pod client = client();
        c.settle();
        // kube-proxy syncs at most once a second: the cluster settles at 00:00:01.
        Curl.Response r = curl.fromPod(client, "http://demoapp");
        assertEquals(0, r.exitCode());
        assertEquals("iKubernetes demoapp v1.0 !! ClientIP: 10.244.1.99, ServerName: demoapp-8699b9895b-8b7w5, "
                + "ServerIP: 10.244.2.48!\n", r.output());
        assertEquals(List.of("demoapp.default.svc.cluster.local."), r.dnsQueries());
        assertEquals(List.of("10.244.1.99 - - [01/Jan/2025 00:00:01] \"GET / HTTP/1.1\" 200 -"),
                log.lines("default", "demoapp-8699b9895b-8b7w5"));
    }

    @Test
    void nginxAnswersItsWelcomePageAndLogsInItsAccessLogFormat() {
        c.service("web", Map.of("app", "web"), port("http", 80, IntOrString.of(80)));
        Container ctr = Container.builder().name("nginx").image("nginx:1.25").build();
        c.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.builder().name("web-1").namespace("default")
                .labels(Map.of("app", "web")).build(), PodSpec.builder().containers(List.of(ctr)).nodeName("node-2")
                .build()));
        c.status("web-1", "10.244.2.30", true);
        Pod client = client();
        c.settle();
        List<String> sunk = new java.util.ArrayList<>();
        log.to((server, container, line) -> sunk.add(server.metadata().name() + "/" + container + ": " + line));
        Curl.Response r = curl.fromPod(client, "http://web/");
        assertEquals(0, r.exitCode());
        assertEquals(Curl.NGINX_WELCOME, r.output());
        assertEquals(615, r.output().length());
        Curl.Response missing = curl.userAgent("Wget").fromPod(client, "http://web/nope");
        assertTrue(missing.output().contains("<title>404 Not Found</title>"), missing.output());
        assertEquals(153, Curl.nginxNotFound("nginx:1.25.3").length());
        assertEquals(List.of(
                "web-1/nginx: 10.244.1.99 - - [01/Jan/2025:00:00:01 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" "
                        + "\"curl/8.5.0\" \"-\"",
                "web-1/nginx: 10.244.1.99 - - [01/Jan/2025:00:00:01 +0000] \"GET /nope HTTP/1.1\" 404 146 \"-\" "
                        + "\"Wget\" \"-\""), sunk);
    }

    @Test
    void hundredRequestsSpreadOverThePods() {
        c.service("demoapp", Map.of("app", "demoapp"), port("http", 80, IntOrString.of("http")));
        demoapp("demoapp-a", "node-1", "10.244.1.10");
        demoapp("demoapp-b", "node-2", "10.244.2.10");
        demoapp("demoapp-c", "node-2", "10.244.2.11");
        Pod client = client();
        c.settle();
        Map<String, Integer> served = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            String out = curl.fromPod(client, "demoapp.default.svc.cluster.local").output();
            served.merge(out.replaceAll(".*ServerName: ([^,]+),.*\n", "$1"), 1, Integer::sum);
        }
        assertEquals(List.of("demoapp-a", "demoapp-b", "demoapp-c"), List.copyOf(served.keySet()));
        served.values().forEach(n -> assertTrue(n > 15, served.toString()));
        assertEquals(100, served.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void failuresReadAsCurls() {
        c.service("empty", Map.of("app", "nothing"), port("http", 80, IntOrString.of(80)));
        c.service("mail", ServiceSpec.builder().type("ExternalName").externalName("mail.example.com"));
        Pod client = client();
        c.settle();
        assertEquals("curl: (6) Could not resolve host: nothere\n", curl.fromPod(client, "http://nothere/").output());
        Curl.Response refused = curl.fromPod(client, "http://empty/");
        assertEquals(7, refused.exitCode());
        assertEquals("curl: (7) Failed to connect to empty port 80 after 0 ms: Connection refused\n", refused.output());
        Curl.Response external = curl.fromPod(client, "http://mail/");
        assertEquals("93.184.216.34", external.resolvedIP(), "ExternalName resolves through the CNAME");
        assertEquals(28, external.exitCode(), "nothing in the simulation answers outside the cluster");
    }

    @Test
    void headlessNamesReachThePodDirectly() {
        c.service("db", ServiceSpec.builder().clusterIP("None").selector(Map.of("app", "demoapp"))
                .ports(List.of(port("http", 80, IntOrString.of(80)))));
        demoapp("demoapp-0", "node-2", "10.244.2.20");
        Pod client = client();
        c.settle();
        Curl.Response r = curl.fromPod(client, "http://db/");
        assertEquals("10.244.2.20", r.resolvedIP());
        assertEquals(WalkResult.Outcome.NOT_INTERCEPTED, r.walk().outcome());
        assertTrue(r.output().contains("ServerName: demoapp-0"));
    }
    @Test
    void aHostNetworkPodAnswersOnItsNodesIP() {
        c.service("demoapp", Map.of("app", "demoapp"), port("http", 80, IntOrString.of("http")));
        Container ctr = Container.builder().name("demoapp").image("ikubernetes/demoapp:v1.0")
                .ports(List.of(new ContainerPort("http", 80, 80, "TCP", null))).build();
        c.api.create(BuiltinResources.PODS, "default", Pod.of(ObjectMeta.builder().name("demoapp-host")
                .namespace("default").labels(Map.of("app", "demoapp")).build(), PodSpec.builder()
                .containers(List.of(ctr)).nodeName("node-2").hostNetwork(true).build()));
        c.status("demoapp-host", "172.18.0.3", true); // the kubelet reports node-2's InternalIP
        Pod client = client();
        c.settle();
        Curl.Response viaService = curl.fromPod(client, "http://demoapp/");
        assertEquals("iKubernetes demoapp v1.0 !! ClientIP: 10.244.1.99, ServerName: demoapp-host, "
                + "ServerIP: 172.18.0.3!\n", viaService.output());
        Curl.Response direct = curl.fromPod(client, "http://172.18.0.3/");
        assertEquals(0, direct.exitCode(), direct.output());
        assertTrue(direct.output().contains("ServerName: demoapp-host"), direct.output());
        assertEquals(28, curl.fromPod(client, "http://172.18.0.3:8080/").exitCode(),
                "nothing on node-2 listens on 8080");
    }
}
