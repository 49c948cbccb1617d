package io.ksim.network.proxy.iptables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.network.proxy.ipvs.IpvsProxierTest;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * iptables-save's rendering of kube-proxy's rules: canonical rule order, masks, quoting and the statistic
 * match's stored probabilities, as a kind node (iptables 1.8, nf_tables) prints them.
 */
class IptablesSaveTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.5000000000, 0.50000000000", "0.3333333333, 0.33333333349", "0.2500000000, 0.25000000000",
            "0.2000000000, 0.20000000019", "0.1666666667, 0.16666666651", "0.1000000000, 0.10000000009"})
    void probabilitiesAsTheKernelStoresThem(String written, String saved) {
        assertEquals(saved, IptablesSave.storedProbability(written));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-m comment --comment \"default/kubernetes:https cluster IP\" -m tcp -p tcp -d 10.96.0.1 --dport 443 "
                    + "! -s 10.244.0.0/16 -j KUBE-MARK-MASQ"
                    + "|! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment \"default/kubernetes:https "
                    + "cluster IP\" -m tcp --dport 443 -j KUBE-MARK-MASQ",
            "-m comment --comment default/kubernetes:https -m tcp -p tcp -j DNAT --to-destination 172.18.0.2:6443"
                    + "|-p tcp -m comment --comment \"default/kubernetes:https\" -m tcp -j DNAT --to-destination "
                    + "172.18.0.2:6443",
            "-m comment --comment \"default/web:http -> 10.244.1.5:80\" -m recent --name KUBE-SEP-ABC --rcheck "
                    + "--seconds 10800 --reap -j KUBE-SEP-ABC"
                    + "|-m comment --comment \"default/web:http -> 10.244.1.5:80\" -m recent --rcheck --seconds 10800 "
                    + "--reap --name KUBE-SEP-ABC --mask 255.255.255.255 --rsource -j KUBE-SEP-ABC",
            "-j MARK --or-mark 0x4000|-j MARK --set-xmark 0x4000/0x4000",
            "-j MARK --xor-mark 0x4000|-j MARK --set-xmark 0x4000/0x0",
            "-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE"
                    + "|-m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
            "-m comment --comment \"default/web:http has no endpoints\" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j REJECT"
                    + "|-d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http has no endpoints\" -m tcp "
                    + "--dport 80 -j REJECT --reject-with icmp-port-unreachable",
            "-m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP"
                    + "|-m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP"})
    void rulesInCanonicalForm(String written, String saved) {
        assertEquals(saved, IptablesSave.canonical(written));
    }

    @Test
    void wholeNode() throws IOException {
        IptablesRules rules = new IptablesProxier(IptablesConfig.forNode("node-1", "172.18.0.3"))
                .sync(IpvsProxierTest.cluster());
        assertEquals(IptablesProxierGoldenTest.golden("iptables-save-small-cluster.txt"),
                IptablesSave.render(rules, Instant.parse("2025-01-01T00:00:00Z")));
    }
}
