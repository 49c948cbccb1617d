package io.ksim.network.walk;

import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.kernel.Kernel;
import io.ksim.network.proxy.ServiceEndpointsMap;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.iptables.IptablesProxier;
import io.ksim.network.proxy.iptables.IptablesRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * In Kubernetes words: a request to a Service with ready endpoints always reaches one of exactly those
 * endpoints, and kube-proxy's probability cascade (1/n, 1/(n-1), ..., 1) spreads many requests evenly: each
 * endpoint's share passes a chi-square test against the uniform weights.
 */
class WalkDistributionProperties {

    private static final int REQUESTS = 3000;
    /**
     * Chi-square critical values at p = 1e-6 for 0..11 degrees of freedom: a fair cascade fails one try in a
     * million, while a wrong one (say 1/n on every rule) lands in the thousands.
     */
    private static final double[] CHI2_BOUND = {0, 23.93, 27.63, 30.66, 33.38, 35.89, 38.26, 40.52, 42.70, 44.81,
            46.86, 48.87};

    @Property(tries = 40)
    void walksLandOnReadyEndpointsOnlyAndSpreadEvenly(@ForAll @IntRange(min = 1, max = 12) int ready,
            @ForAll @IntRange(min = 0, max = 3) int notReady, @ForAll long seed) {
        List<Endpoint> eps = new ArrayList<>();
        Set<String> readyBackends = new HashSet<>();
        for (int i = 0; i < ready + notReady; i++) {
            boolean isReady = i < ready;
            String ip = "10.244." + (i % 3) + "." + (i + 2);
            eps.add(new Endpoint(List.of(ip), new Endpoint.EndpointConditions(isReady, isReady, false), null, null,
                    null, "node-" + (i % 3), null, null));
            if (isReady) {
                readyBackends.add(ip + ":8080");
            }
        }
        Service svc = new Service(null, null, ObjectMeta.of("default", "web"), ServiceSpec.builder().type("ClusterIP")
                .clusterIP("10.96.5.5").ports(List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080),
                        null))).build(), null);
        EndpointSlice slice = new EndpointSlice(ObjectMeta.builder().namespace("default").name("web-abcde")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, "web")).build(), "IPv4", eps,
                List.of(EndpointPort.of("http", "TCP", 8080)));
        IptablesConfig config = IptablesConfig.forNode("node-0", "172.18.0.2");
        IptablesRules rules = new IptablesProxier(config).sync(ServiceEndpointsMap.build("node-0", List.of(svc),
                List.of(slice)));
        Kernel kernel = Kernel.builder().seed(seed).build();
        IptablesWalker walker = new IptablesWalker(rules, config, kernel.random("walk"), kernel);
        Map<String, Integer> hits = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            WalkResult r = walker.walk(Packet.tcp("10.244.7.7", "10.96.5.5", 80));
            if (!r.delivered() || !readyBackends.contains(r.backend())) {
                throw new AssertionError("walk left the ready endpoints: " + r);
            }
            hits.merge(r.backend(), 1, Integer::sum);
        }
        double expected = (double) REQUESTS / ready;
        double chi2 = 0;
        for (String b : readyBackends) {
            double d = hits.getOrDefault(b, 0) - expected;
            chi2 += d * d / expected;
        }
        if (chi2 > CHI2_BOUND[ready - 1]) {
            throw new AssertionError("uneven spread, chi-square " + chi2 + ": " + hits);
        }
    }
}
