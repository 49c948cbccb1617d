package io.ksim.network.bench;

import io.ksim.api.core.Endpoints;
import io.ksim.api.core.Endpoints.EndpointAddress;
import io.ksim.api.core.Endpoints.EndpointSubset;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.Service;
import io.ksim.api.core.Service.ServicePort;
import io.ksim.api.core.Service.ServiceSpec;
import io.ksim.api.discovery.Endpoint;
import io.ksim.api.discovery.Endpoint.EndpointConditions;
import io.ksim.api.discovery.EndpointPort;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.resource.IntOrString;
import io.ksim.kernel.Kernel;
import io.ksim.network.allocation.IPv4;
import io.ksim.network.endpoints.KubeProxyFanout;
import io.ksim.network.proxy.ServiceEndpointsMap;
import io.ksim.network.proxy.ServicePortName;
import io.ksim.network.proxy.iptables.IptablesConfig;
import io.ksim.network.proxy.iptables.IptablesProxier;
import io.ksim.network.proxy.iptables.IptablesRules;
import io.ksim.network.proxy.ipvs.IpvsConfig;
import io.ksim.network.proxy.ipvs.IpvsProxier;
import io.ksim.network.proxy.ipvs.IpvsState;
import io.ksim.network.walk.IptablesWalker;
import io.ksim.network.walk.IpvsWalker;
import io.ksim.network.walk.Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The network benchmark (not a test): kube-proxy sync cost in iptables and ipvs mode for 1,000 and 10,000
 * Services x 10 endpoints (and the restore payload of a full and of a partial iptables sync), rules a packet is compared with, and the Endpoints vs EndpointSlice bytes of the
 * classic 5,000-endpoint / 2,000-node rolling update. Wall times are medians of timed rounds after warm-up.
 */
public final class NetworkBench {

    private NetworkBench() {
    }

    public static void main(String[] args) {
        for (int services : new int[] {1000, 10000}) {
            sync(services, 10);
        }
        bytes(5000, 2000, 100);
    }

    private static void sync(int services, int endpointsPer) {
        List<Service> svcs = new ArrayList<>();
        List<EndpointSlice> slices = new ArrayList<>();
        long base = IPv4.parse("10.96.16.0");
        for (int i = 0; i < services; i++) {
            String name = "svc-" + i;
            svcs.add(new Service(null, null, ObjectMeta.of("bench", name), ServiceSpec.builder().type("ClusterIP")
                    .clusterIP(IPv4.format(base + i)).ports(List.of(new ServicePort("http", "TCP", null, 80,
                            IntOrString.of(8080), null))).build(), null));
            List<Endpoint> eps = new ArrayList<>();
            for (int e = 0; e < endpointsPer; e++) {
                long ip = IPv4.parse("10.244.0.0") + (long) i * endpointsPer + e + 2;
                eps.add(new Endpoint(List.of(IPv4.format(ip)), new EndpointConditions(true, true, false), null, null,
                        null, "node-" + (e % 50), null, null));
            }
            slices.add(new EndpointSlice(ObjectMeta.builder().namespace("bench").name(name + "-abcde")
                    .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, name)).build(), "IPv4", eps,
                    List.of(EndpointPort.of("http", "TCP", 8080))));
        }
        IptablesConfig ic = IptablesConfig.forNode("node-0", "172.18.0.2");
        IptablesProxier iptables = new IptablesProxier(ic);
        IpvsProxier ipvs = new IpvsProxier(IpvsConfig.forNode("node-0", "172.18.0.2"));
        IptablesRules[] rules = new IptablesRules[1];
        IpvsState[] state = new IpvsState[1];
        double iptMs = median(() -> rules[0] = iptables.sync(ServiceEndpointsMap.build("node-0", svcs, slices)));
        double ipvsMs = median(() -> state[0] = ipvs.sync(ServiceEndpointsMap.build("node-0", svcs, slices)));
        int payload = rules[0].restorePayload().length();
        // A partial sync after one Service's endpoints changed writes the top-level chains and that Service's only.
        IptablesRules.SyncCost full = rules[0].cost();
        IptablesRules.SyncCost partial = rules[0].partial(java.util.Set.of(new ServicePortName("bench", "svc-0", "http",
                "TCP"))).cost();
        Kernel kernel = Kernel.builder().seed(1).build();
        IptablesWalker walker = new IptablesWalker(rules[0], ic, new SplittableRandom(1), kernel);
        IpvsWalker ipvsWalker = new IpvsWalker(state[0], "172.18.0.2", "10.244.0.0/16", kernel);
        long sum = 0;
        int max = 0;
        int ipvsSum = 0;
        SplittableRandom pick = new SplittableRandom(7);
        int walks = 2000;
        for (int w = 0; w < walks; w++) {
            String dst = IPv4.format(base + pick.nextInt(services));
            int n = walker.walk(Packet.tcp("10.244.200.9", dst, 80)).rulesEvaluated();
            sum += n;
            max = Math.max(max, n);
            ipvsSum += ipvsWalker.walk(Packet.tcp("10.244.200.9", dst, 80)).rulesEvaluated();
        }
        System.out.printf("services=%d endpoints/service=%d | iptables full sync %.1f ms, %d nat + %d filter rules, "
                + "payload %d bytes | ipvs sync %.1f ms, %d virtual servers | rules per packet: iptables mean %.1f "
                + "max %d, ipvs %.1f lookups%n", services, endpointsPer, iptMs, rules[0].ruleCount("nat"),
                rules[0].ruleCount("filter"), payload, ipvsMs, state[0].virtualServers().size(), (double) sum / walks,
                max, (double) ipvsSum / walks);
        System.out.printf("  restore payload: full sync %d lines, %d bytes | partial sync (1 Service changed) %d lines, "
                + "%d bytes%n", full.lines(), full.bytes(), partial.lines(), partial.bytes());
    }

    private static void bytes(int endpoints, int nodes, int perSlice) {
        List<EndpointAddress> addresses = new ArrayList<>();
        List<Endpoint> sliceEndpoints = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            String ip = IPv4.format(IPv4.parse("10.244.0.0") + i + 2);
            String pod = "big-7c9f8d6b5-" + String.format("%05d", i);
            ObjectReference ref = new ObjectReference("Pod", "default", pod, "6f1c2a4e-0000-4000-8000-"
                    + String.format("%012d", i), null, null, null);
            addresses.add(new EndpointAddress(ip, null, "node-" + (i % nodes), ref));
            if (i < perSlice) {
                sliceEndpoints.add(new Endpoint(List.of(ip), new EndpointConditions(true, true, false), null, ref,
                        null, "node-" + (i % nodes), "zone-a", null));
            }
        }
        Endpoints ep = new Endpoints(null, null, ObjectMeta.of("default", "big"), List.of(new EndpointSubset(
                addresses, null, List.of(new Endpoints.EndpointPort("http", 8080, "TCP", null)))));
        EndpointSlice slice = new EndpointSlice(ObjectMeta.builder().namespace("default").name("big-x7k2p")
                .labels(Map.of(EndpointSlice.LABEL_SERVICE_NAME, "big")).build(), "IPv4", sliceEndpoints,
                List.of(EndpointPort.of("http", "TCP", 8080)));
        long epSize = KubeProxyFanout.encodedSize(ep);
        long sliceSize = KubeProxyFanout.encodedSize(slice);
        System.out.printf("classic case: %d endpoints, %d nodes | Endpoints object %d bytes -> %d bytes per pod change, "
                + "%d bytes for a rolling update of every pod | EndpointSlice (%d endpoints) %d bytes -> %d bytes per "
                + "change, %d bytes for the update%n", endpoints, nodes, epSize, epSize * nodes,
                epSize * nodes * endpoints, perSlice, sliceSize, sliceSize * nodes, sliceSize * nodes * endpoints);
    }

    private static double median(Runnable r) {
        for (int i = 0; i < 2; i++) {
            r.run();
        }
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
