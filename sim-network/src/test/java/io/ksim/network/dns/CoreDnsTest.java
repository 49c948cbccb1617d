package io.ksim.network.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Container;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodDNSConfig;
import io.ksim.api.core.PodDNSConfigOption;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.Endpoint.EndpointConditions;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CoreDNS answers after coredns plugin/kubernetes handler_test.go and reverse_test.go (zone cluster.local,
 * plugin default TTL 5), resolv.conf after pkg/kubelet/network/dns/dns_test.go, and glibc search expansion.
 */
class CoreDnsTest {

    static Service svc(String ns, String name, ServiceSpec.Builder spec) {
        return new Service(null, null, ObjectMeta.of(ns, name), spec.build(), null);
    }

    static Endpoint ep(String ip, String hostname, boolean ready) {
        return new Endpoint(List.of(ip), new EndpointConditions(ready, ready, false), hostname, null, null, null, null,
                null);
    }

    static EndpointSlice slice(String ns, String svc, List<EndpointPort> ports, Endpoint... eps) {
        return new EndpointSlice(ObjectMeta.builder().namespace(ns).name(svc + "-abcde")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, svc)).build(), "IPv4", List.of(eps), ports);
    }

    static final CoreDns DNS = new CoreDns(new CoreDnsConfig("cluster.local", 5, CoreDnsConfig.PODS_INSECURE,
            Map.of("ext.interwebs.test", List.of("1.2.3.4"), "www.example.com", List.of("93.184.216.34"))),
            List.of(svc("testns", "svc1", ServiceSpec.builder().clusterIP("10.0.0.1").ports(List.of(
                            new ServicePort("http", "TCP", null, 80, IntOrString.of(80), null)))),
                    svc("testns", "hdls1", ServiceSpec.builder().clusterIP("None").ports(List.of(
                            new ServicePort("http", "TCP", null, 80, IntOrString.of(80), null)))),
                    svc("testns", "external", ServiceSpec.builder().type("ExternalName")
                            .externalName("ext.interwebs.test")),
                    svc("default", "web", ServiceSpec.builder().clusterIP("10.96.0.20").ports(List.of(
                            new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null))))),
            List.of(slice("testns", "hdls1", List.of(EndpointPort.of("http", "TCP", 80)),
                    ep("172.0.0.2", null, true), ep("172.0.0.3", "web-0", true), ep("172.0.0.4", null, true),
                    ep("172.0.0.9", null, false)),
                    slice("testns", "svc1", List.of(EndpointPort.of("http", "TCP", 80)), ep("100.0.0.10", "ep1a", true))),
            List.of());

    private static List<String> answers(String name, String type) {
        return DNS.query(name, type).answers().stream().map(DnsRecord::toString).toList();
    }

    @Test
    void clusterIPServiceA() {
        assertEquals(List.of("svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
                answers("svc1.testns.svc.cluster.local.", "A"));
    }

    @Test
    void headlessServiceAnswersEachReadyEndpoint() {
        assertEquals(List.of("hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2",
                "hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3", "hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4"),
                answers("hdls1.testns.svc.cluster.local.", "A"));
        assertEquals(List.of("web-0.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3"),
                answers("web-0.hdls1.testns.svc.cluster.local.", "A"));
        assertEquals(List.of("172-0-0-2.hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2"),
                answers("172-0-0-2.hdls1.testns.svc.cluster.local.", "A"));
    }

    @Test
    void srvRecords() {
        DnsAnswer a = DNS.query("_http._tcp.svc1.testns.svc.cluster.local.", "SRV");
        assertEquals(List.of("_http._tcp.svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local."),
                a.answers().stream().map(DnsRecord::toString).toList());
        assertEquals(List.of("svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
                a.additional().stream().map(DnsRecord::toString).toList());
        assertEquals(List.of(
                "_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 33 80 172-0-0-2.hdls1.testns.svc.cluster.local.",
                "_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 33 80 web-0.hdls1.testns.svc.cluster.local.",
                "_http._tcp.hdls1.testns.svc.cluster.local. 5 IN SRV 0 33 80 172-0-0-4.hdls1.testns.svc.cluster.local."),
                answers("_http._tcp.hdls1.testns.svc.cluster.local.", "SRV"));
    }

    @Test
    void externalNameIsACnameFollowedUpstream() {
        assertEquals(List.of("external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test.",
                "ext.interwebs.test. 5 IN A 1.2.3.4"), answers("external.testns.svc.cluster.local.", "A"));
        assertEquals(DnsAnswer.NXDOMAIN, DNS.query("x.external.testns.svc.cluster.local.", "A").rcode());
    }

    @Test
    void ptrPodsUnknownNamesAndNodata() {
        assertEquals(List.of("1.0.0.10.in-addr.arpa. 5 IN PTR svc1.testns.svc.cluster.local."),
                answers("1.0.0.10.in-addr.arpa.", "PTR"));
        assertEquals(List.of("10.0.0.100.in-addr.arpa. 5 IN PTR ep1a.svc1.testns.svc.cluster.local."),
                answers("10.0.0.100.in-addr.arpa.", "PTR"));
        assertEquals(List.of("10-240-0-1.podns.pod.cluster.local. 5 IN A 10.240.0.1"),
                answers("10-240-0-1.podns.pod.cluster.local.", "A"));
        assertEquals(DnsAnswer.NXDOMAIN, DNS.query("nosvc.testns.svc.cluster.local.", "A").rcode());
        DnsAnswer nodata = DNS.query("svc1.testns.svc.cluster.local.", "AAAA");
        assertEquals(DnsAnswer.NOERROR, nodata.rcode());
        assertEquals(List.of(), nodata.answers());
        assertEquals(List.of("dns-version.cluster.local. 5 IN TXT \"1.1.0\""), answers("dns-version.cluster.local.", "TXT"));
    }

    private static Pod pod(String ns, String policy, boolean hostNetwork, PodDNSConfig config) {
        PodSpec spec = PodSpec.builder().containers(List.of(Container.builder().name("c").image("busybox").build()))
                .dnsPolicy(policy).hostNetwork(hostNetwork).dnsConfig(config).build();
        return Pod.of(ObjectMeta.of(ns, "p"), spec);
    }

    private static final ResolvConf NODE = new ResolvConf(List.of("172.18.0.1"), List.of("lan"), Map.of());

    @Test
    void resolvConfPerDnsPolicy() {
        assertEquals("search default.svc.cluster.local svc.cluster.local cluster.local lan\nnameserver 10.96.0.10\n"
                + "options ndots:5\n", ResolvConf.forPod(pod("default", null, false, null), "10.96.0.10",
                "cluster.local", NODE).text());
        assertEquals("search lan\nnameserver 172.18.0.1\n", ResolvConf.forPod(pod("default", "Default", false, null),
                "10.96.0.10", "cluster.local", NODE).text());
        assertEquals("search lan\nnameserver 172.18.0.1\n", ResolvConf.forPod(pod("default", "ClusterFirst", true,
                null), "10.96.0.10", "cluster.local", NODE).text(), "hostNetwork falls back to Default");
        assertEquals("nameserver 10.96.0.10\n", ResolvConf.forPod(pod("default", "ClusterFirstWithHostNet", true,
                null), "10.96.0.10", "cluster.local", NODE).text().lines().filter(l -> l.startsWith("nameserver"))
                .map(l -> l + "\n").findFirst().orElseThrow());
        assertEquals("search my.dns.search.suffix\nnameserver 1.2.3.4\noptions ndots:2 edns0\n",
                ResolvConf.forPod(pod("default", "None", false, new PodDNSConfig(List.of("1.2.3.4"),
                        List.of("my.dns.search.suffix"), List.of(new PodDNSConfigOption("ndots", "2"),
                        new PodDNSConfigOption("edns0", null)))), "10.96.0.10", "cluster.local", NODE).text());
    }

    @Test
    void searchExpansionAsGlibcDoesIt() {
        ResolvConf conf = ResolvConf.forPod(pod("default", null, false, null), "10.96.0.10", "cluster.local", NODE);
        Resolver r = new Resolver(conf, DNS);
        assertEquals(List.of("web.default.svc.cluster.local."), r.lookup("web", "A").queries());
        Resolver.Lookup other = r.lookup("svc1.testns", "A");
        assertEquals(List.of("svc1.testns.default.svc.cluster.local.", "svc1.testns.svc.cluster.local."),
                other.queries());
        assertEquals("10.0.0.1", other.answer().answers().get(0).data());
        Resolver.Lookup www = r.lookup("www.example.com", "A");
        assertEquals(5, www.queries().size(), "four search domains fail before the name itself");
        assertEquals("www.example.com.", www.answeredName());
        assertEquals(List.of("www.example.com."), r.lookup("www.example.com.", "A").queries());
        assertEquals("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\n"
                + "Address: 10.96.0.20\n", r.nslookup("web"));
        assertEquals("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nothere: NXDOMAIN\n",
                r.nslookup("nothere"));
    }
}
