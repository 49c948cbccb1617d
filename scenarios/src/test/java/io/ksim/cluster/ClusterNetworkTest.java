package io.ksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kubectl.Kubectl;
import io.ksim.kubectl.KubectlResult;
import io.ksim.network.proxy.KubeProxy;
import io.ksim.network.walk.Curl;
import io.ksim.network.walk.Packet;
import io.ksim.network.walk.WalkResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One network for scenario steps and kubectl exec: the same access logs, the same IPVS scheduler state. */
class ClusterNetworkTest {

    private static final String APP = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{name: http, port: 80}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: %d
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: demoapp
                    image: ikubernetes/demoapp:v1.0
                    resources: {requests: {cpu: 250m, memory: 128Mi}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client}
            spec:
              containers:
              - name: curl
                image: curlimages/curl:8.5.0
                command: [sleep, infinity]
            """;

    private static Cluster cluster(KubeProxy.Mode mode, int replicas) {
        Cluster c = Cluster.builder().seed(3).nodes(2, n -> n.cpu("2").memory("4Gi")).proxyMode(mode).build();
        c.advance(Duration.ofSeconds(5)); // the service account controller makes default/default
        c.create(APP.formatted(replicas));
        c.advance(Duration.ofSeconds(40));
        return c;
    }

    @Test
    void aScenarioRequestAndAnExecRequestBothReachTheServersLog() {
        Cluster c = cluster(KubeProxy.Mode.IPTABLES, 1);
        Kubectl kubectl = new Kubectl(c);
        Pod client = c.api().get(BuiltinResources.PODS, "default", "client");
        Pod web = c.pods("default", "app=web").get(0);
        Curl.Response r = c.network().curlFromPod(client, "http://web/");
        assertEquals(0, r.exitCode(), r.output());
        c.advance(Duration.ofSeconds(5));
        KubectlResult exec = kubectl.run("exec client -- curl -s web/hello");
        assertEquals(0, exec.exitCode(), exec.err());
        String ip = client.status().podIP();
        List<String> lines = List.of(ip + " - - [01/Jan/2025 00:00:45] \"GET / HTTP/1.1\" 200 -",
                ip + " - - [01/Jan/2025 00:00:50] \"GET /hello HTTP/1.1\" 200 -");
        assertEquals(lines, c.network().accessLog().lines("default", web.metadata().name()));
        assertEquals(" * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)\n" + String.join("\n", lines) + "\n",
                kubectl.run("logs deploy/web").out());
    }

    @Test
    void ipvsRoundRobinGoesOnAcrossScenarioAndExecRequests() {
        Cluster c = cluster(KubeProxy.Mode.IPVS, 3);
        Kubectl kubectl = new Kubectl(c);
        Pod client = c.api().get(BuiltinResources.PODS, "default", "client");
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            servers.add(serverName(c.network().curlFromPod(client, "http://web/").output()));
            servers.add(serverName(kubectl.run("exec client -- curl -s http://web/").out()));
        }
        List<String> first = servers.subList(0, 3);
        assertEquals(3, first.stream().distinct().count(), "three requests, three backends: " + servers);
        assertEquals(first, servers.subList(3, 6), "the rotation goes on in the same order: " + servers);
    }

    private static String serverName(String answer) {
        return answer.replaceFirst("(?s).*ServerName: ([^,]*),.*", "$1");
    }

    @Test
    void networkPoliciesStopCurlAndRawPacketWalksAlikeInBothProxyModes() {
        for (KubeProxy.Mode mode : KubeProxy.Mode.values()) {
            Cluster c = cluster(mode, 1);
            Pod client = c.api().get(BuiltinResources.PODS, "default", "client");
            String clusterIP = c.api().get(BuiltinResources.SERVICES, "default", "web").spec().clusterIP();
            Packet packet = Packet.tcp(client.status().podIP(), clusterIP, 80);
            assertEquals(WalkResult.Outcome.DELIVERED, c.network().walk(client.spec().nodeName(), packet).outcome());
            c.apply("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: web-deny-all}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                    """);
            Curl.Response r = c.network().curlFromPod(client, "http://web/");
            assertEquals(28, r.exitCode(), mode + ": " + r.output());
            WalkResult raw = c.network().walk(client.spec().nodeName(), packet);
            assertEquals(WalkResult.Outcome.DROPPED, raw.outcome(), mode.name());
            String web = c.pods("default", "app=web").get(0).metadata().name();
            assertEquals("NetworkPolicy: ingress to default/" + web + " not allowed by any NetworkPolicy: dropped",
                    raw.steps().get(raw.steps().size() - 1));
        }
    }
}
