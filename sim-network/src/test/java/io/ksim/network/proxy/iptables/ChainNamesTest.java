package io.ksim.network.proxy.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.network.proxy.EndpointInfo;
import io.ksim.network.proxy.ServicePortName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chain-name hashes from upstream's proxier_test.go expectations and a kubeadm cluster's kube-dns chains. */
class ChainNamesTest {

    @ParameterizedTest(name = "{0}/{1}:{2} {3} -> {4}")
    @CsvSource({
            "ns1, svc1, p80, TCP, KUBE-SVC-XPGD46QRK7WJZT7O",
            "ns2, svc2, p80, TCP, KUBE-SVC-GNZBNJ2PO5MGZ6GT",
            "ns3, svc3, p80, TCP, KUBE-SVC-X27LE4BHSL4DOUIK",
            "ns4, svc4, p80, TCP, KUBE-SVC-4SW47YFZTEDKD3PK",
            "ns5, svc5, p80, TCP, KUBE-SVC-NUKIZ6OKUXPJNT4C",
            "kube-system, kube-dns, dns, UDP, KUBE-SVC-TCOU7JCQXEZGVUNU",
            "kube-system, kube-dns, dns-tcp, TCP, KUBE-SVC-ERIFXISQEP7F7OF4"})
    void serviceChains(String ns, String name, String port, String protocol, String chain) {
        assertEquals(chain, ChainNames.service(new ServicePortName(ns, name, port, protocol)));
    }

    @ParameterizedTest(name = "{0}/{1}:p80 {2} -> {3}")
    @CsvSource({
            "ns1, svc1, 10.180.0.1, KUBE-SEP-SXIVWICOYRO3J4NJ",
            "ns4, svc4, 10.180.0.4, KUBE-SEP-UKSFD7AGPMPPLUHC",
            "ns4, svc4, 10.180.0.5, KUBE-SEP-C6EBXVWJJZMIWKLZ",
            "ns3, svc3, 10.180.0.3, KUBE-SEP-OYPFS5VJICHGATKP",
            "ns5, svc5, 10.180.0.3, KUBE-SEP-I77PXRDZVX7PMWMN"})
    void endpointChains(String ns, String name, String ip, String chain) {
        EndpointInfo ep = new EndpointInfo(ip, 80, true, true, false, null, null, false);
        assertEquals(chain, ChainNames.endpoint(new ServicePortName(ns, name, "p80", "TCP"), ep));
    }
}
