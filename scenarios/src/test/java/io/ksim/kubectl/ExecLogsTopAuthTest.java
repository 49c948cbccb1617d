package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.Cluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubectl logs, exec, auth can-i and top against a simulated cluster, with kubectl's exact texts. */
class ExecLogsTopAuthTest {

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
              replicas: 1
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
                env:
                - {name: GREETING, value: hello}
            """;

    private final Cluster cluster = Cluster.builder().seed(3).nodes(2, n -> n.cpu("2").memory("4Gi")).build();
    private final Kubectl kubectl = new Kubectl(cluster);

    ExecLogsTopAuthTest() {
        cluster.advance(Duration.ofSeconds(5)); // the service account controller makes default/default
    }

    private Pod webPod() {
        cluster.create(APP);
        cluster.advance(Duration.ofSeconds(40));
        return cluster.pods("default", "app=web").get(0);
    }

    private Pod pod(String name) {
        return cluster.api().get(BuiltinResources.PODS, "default", name);
    }

    private String serviceIP() {
        return cluster.api().get(BuiltinResources.SERVICES, "default", "web").spec().clusterIP();
    }

    @Test
    void curlToAServiceIsAnsweredByTheDeploymentsPod() {
        Pod web = webPod();
        KubectlResult r = kubectl.run("exec client -- curl -s http://web");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("iKubernetes demoapp v1.0 !! ClientIP: " + pod("client").status().podIP() + ", ServerName: "
                + web.metadata().name() + ", ServerIP: " + web.status().podIP() + "!\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void logsShowTheStartLineAndOneAccessLinePerRequest() {
        Pod web = webPod();
        kubectl.run("exec client -- curl -s web");
        cluster.advance(Duration.ofSeconds(5));
        kubectl.run("exec client -- wget -qO- web/hello");
        String client = pod("client").status().podIP();
        KubectlResult r = kubectl.run("logs deploy/web");
        assertEquals(" * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)\n"
                + client + " - - [01/Jan/2025 00:00:45] \"GET / HTTP/1.1\" 200 -\n"
                + client + " - - [01/Jan/2025 00:00:50] \"GET /hello HTTP/1.1\" 200 -\n", r.out());
        assertEquals("", r.err(), "one pod: no 'Found N pods'");
        KubectlResult tail = kubectl.run("logs " + web.metadata().name() + " --tail=1 --timestamps");
        assertEquals("2025-01-01T00:00:50.000000000Z " + client
                + " - - [01/Jan/2025 00:00:50] \"GET /hello HTTP/1.1\" 200 -\n", tail.out());
    }

    @Test
    void logsErrorsAreTheKubeletsAndKubectls() {
        Pod web = webPod();
        String name = web.metadata().name();
        KubectlResult previous = kubectl.run("logs " + name + " -p");
        assertEquals(1, previous.exitCode());
        assertEquals("Error from server (BadRequest): previous terminated container \"demoapp\" in pod \"" + name
                + "\" not found\n", previous.err());
        assertEquals("error: container nope is not valid for pod " + name + "\n",
                kubectl.run("logs " + name + " -c nope").err());
        assertEquals("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
                + "POD or TYPE/NAME is a required argument for the logs command\n"
                + "See 'kubectl logs -h' for help and examples\n", kubectl.run("logs").err());
        cluster.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: slow}
                spec:
                  containers: [{name: app, image: nginx:1.25}]
                """);
        cluster.advance(Duration.ofMillis(200));
        assertEquals("Error from server (BadRequest): container \"app\" in pod \"slow\" is waiting to start: "
                + "ContainerCreating\n", kubectl.run("logs slow").err());
    }

    @Test
    void previousShowsTheLastTerminatedInstance() {
        cluster.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: two}
                spec:
                  containers:
                  - {name: a, image: ikubernetes/demoapp:v1.0}
                  - {name: b, image: busybox:1.36, command: [sleep, infinity]}
                """);
        cluster.advance(Duration.ofSeconds(30));
        KubectlResult r = kubectl.run("logs two");
        assertEquals(" * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)\n", r.out());
        assertEquals("Defaulted container \"a\" out of: a, b\n", r.err());
        assertEquals("", kubectl.run("logs two -c b").out());
        assertEquals("", kubectl.run("logs two --all-containers --prefix").err());
        assertEquals("[pod/two/a]  * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)\n",
                kubectl.run("logs two --all-containers --prefix").out());
    }

    @Test
    void crashedContainersPreviousLogIsItsLastRun() {
        Cluster c = Cluster.builder().seed(3).nodes(1).image("crashy/demoapp:1 exit=1 after=5s").build();
        c.advance(Duration.ofSeconds(5));
        c.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: crash}
                spec:
                  containers: [{name: app, image: crashy/demoapp:1}]
                """);
        c.advance(Duration.ofSeconds(20));
        Kubectl k = new Kubectl(c);
        Pod p = c.api().get(BuiltinResources.PODS, "default", "crash");
        assertTrue(p.status().containerStatuses().get(0).restartCount() >= 1, p.status().toString());
        assertEquals(" * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)\n", k.run("logs crash -p").out());
        assertEquals(0, k.run("logs crash -p").exitCode());
    }

    @Test
    void followRunsVirtualTimeUntilTheRequestTimeout() {
        webPod();
        java.time.Instant before = cluster.now();
        KubectlResult r = kubectl.run("logs deploy/web -f --request-timeout=10s");
        assertEquals(" * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)\n", r.out());
        assertEquals(Duration.ofSeconds(10), Duration.between(before, cluster.now()));
    }

    @Test
    void nslookupOfAServiceNameAndOfAMissingOne() {
        webPod();
        KubectlResult r = kubectl.run("exec client -- nslookup web");
        assertEquals("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.default.svc.cluster.local\n"
                + "Address: " + serviceIP() + "\n\n", r.out());
        KubectlResult missing = kubectl.run("exec client -- nslookup nope");
        assertEquals("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find nope: NXDOMAIN\n\n",
                missing.out());
        assertEquals("command terminated with exit code 1\n", missing.err());
        assertEquals(1, missing.exitCode());
        assertEquals("web.default.svc.cluster.local has address " + serviceIP() + "\n",
                kubectl.run("exec client -- host web").out());
        assertEquals("Host nope not found: 3(NXDOMAIN)\n", kubectl.run("exec client -- host nope").out());
    }

    @Test
    void resolvConfHostsAndHostnameAreTheKubeletsFiles() {
        webPod();
        assertEquals("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n"
                + "options ndots:5\n", kubectl.run("exec client -- cat /etc/resolv.conf").out());
        assertEquals("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
                + "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n" + pod("client").status().podIP() + "\tclient\n",
                kubectl.run("exec -it client -- cat /etc/hosts").out());
        assertEquals("client\n", kubectl.run("exec client -- sh -c hostname").out());
    }

    @Test
    void envHasTheServiceLinksOfServicesThatExistedAtStart() {
        webPod();
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: later-svc}
                spec:
                  selector: {app: later}
                  ports: [{port: 8080}]
                """);
        String ip = serviceIP();
        assertEquals("""
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                HOSTNAME=client
                GREETING=hello
                KUBERNETES_PORT=tcp://10.96.0.1:443
                KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443
                KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1
                KUBERNETES_PORT_443_TCP_PORT=443
                KUBERNETES_PORT_443_TCP_PROTO=tcp
                KUBERNETES_SERVICE_HOST=10.96.0.1
                KUBERNETES_SERVICE_PORT=443
                KUBERNETES_SERVICE_PORT_HTTPS=443
                WEB_PORT=tcp://IP:80
                WEB_PORT_80_TCP=tcp://IP:80
                WEB_PORT_80_TCP_ADDR=IP
                WEB_PORT_80_TCP_PORT=80
                WEB_PORT_80_TCP_PROTO=tcp
                WEB_SERVICE_HOST=IP
                WEB_SERVICE_PORT=80
                WEB_SERVICE_PORT_HTTP=80
                HOME=/root
                """.replace("IP", ip), kubectl.run("exec client -- env").out());
    }

    @Test
    void execErrorsAndExitCodes() {
        webPod();
        KubectlResult ls = kubectl.run("exec client -- ls /");
        assertEquals(1, ls.exitCode());
        assertTrue(ls.err().startsWith("error: Internal error occurred: error executing command in container: failed "
                + "to exec in container: failed to start exec \""), ls.err());
        assertTrue(ls.err().endsWith("\": OCI runtime exec failed: exec failed: unable to start container process: "
                + "exec: \"ls\": executable file not found in $PATH: unknown\n"), ls.err());
        cluster.create("""
                apiVersion: v1
                kind: Service
                metadata: {name: empty}
                spec:
                  selector: {app: none}
                  ports: [{port: 80}]
                """);
        cluster.advance(Duration.ofSeconds(2));
        KubectlResult refused = kubectl.run("exec client -- curl -sS http://empty/");
        assertEquals(7, refused.exitCode());
        assertTrue(refused.err().endsWith("command terminated with exit code 7\n"), refused.err());
        KubectlResult unresolved = kubectl.run("exec client -- curl nope");
        assertEquals("curl: (6) Could not resolve host: nope\ncommand terminated with exit code 6\n",
                unresolved.err());
        assertEquals(6, unresolved.exitCode());
        assertEquals("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
                + "See 'kubectl exec -h' for help and examples\n", kubectl.run("exec client hostname").err());
        assertEquals("error: you must specify at least one command for the container\n",
                kubectl.run("exec client --").err());
        assertEquals("error: unable to upgrade connection: container not found (\"nope\")\n",
                kubectl.run("exec client -c nope -- hostname").err());
    }

    @Test
    void canIForAServiceAccountWithARoleBinding() {
        cluster.create("""
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: reader}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: pod-reader}
                rules:
                - apiGroups: [""]
                  resources: [pods, pods/log]
                  verbs: [get, list, watch]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: reader-pods}
                subjects: [{kind: ServiceAccount, name: reader, namespace: default}]
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
                """);
        String as = " --as=system:serviceaccount:default:reader";
        KubectlResult yes = kubectl.run("auth can-i list pods" + as);
        assertEquals("yes\n", yes.out());
        assertEquals(0, yes.exitCode());
        KubectlResult no = kubectl.run("auth can-i delete pods" + as);
        assertEquals("no\n", no.out());
        assertEquals(1, no.exitCode());
        assertEquals("no\n", kubectl.run("auth can-i list pods -n kube-system" + as).out());
        assertEquals("yes\n", kubectl.run("auth can-i get pods --subresource=log" + as).out());
        assertEquals("no\n", kubectl.run("auth can-i create deployments.apps" + as).out());
        assertEquals("yes\n", kubectl.run("auth can-i '*' '*'").out());
        KubectlResult list = kubectl.run("auth can-i --list" + as);
        assertTrue(list.out().startsWith("""
                Resources                                       Non-Resource URLs                     Resource Names   Verbs
                selfsubjectreviews.authentication.k8s.io        []                                    []               [create]
                selfsubjectaccessreviews.authorization.k8s.io   []                                    []               [create]
                selfsubjectrulesreviews.authorization.k8s.io    []                                    []               [create]
                pods/log                                        []                                    []               [get list watch]
                pods                                            []                                    []               [get list watch]
                """), list.out());
        assertEquals("error: you must specify two arguments: verb resource or verb resource/resourceName.\n"
                + "See 'kubectl auth can-i -h' for help and examples.\n", kubectl.run("auth can-i get").err());
    }

    @Test
    void topShowsRequestsAsUsage() {
        webPod();
        KubectlResult nodes = kubectl.run("top nodes");
        assertEquals(0, nodes.exitCode(), nodes.err());
        List<Pod> web = cluster.pods("default", "app=web");
        String webNode = web.get(0).spec().nodeName();
        // coredns (100m, 70Mi each) runs one per node; the demoapp pod adds 250m and 128Mi on its node.
        String n1 = webNode.equals("node-1") ? "350m         17%      198Mi           4%          "
                : "100m         5%       70Mi            1%          ";
        String n2 = webNode.equals("node-2") ? "350m         17%      198Mi           4%          "
                : "100m         5%       70Mi            1%          ";
        assertEquals("NAME     CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   \n"
                + "node-1   " + n1 + "\nnode-2   " + n2 + "\n", nodes.out());
        String pods = kubectl.run("top pods").out();
        String name = web.get(0).metadata().name();
        String pad = " ".repeat(name.length() + 3 - "NAME".length());
        assertEquals("NAME" + pad + "CPU(cores)   MEMORY(bytes)   \n"
                + "client" + " ".repeat(name.length() + 3 - "client".length()) + "0m           0Mi             \n"
                + name + "   250m         128Mi           \n", pods);
    }

    @Test
    void anInteractiveShellRunsTheLinesOfStdin() {
        webPod();
        KubectlResult r = kubectl.run("exec -it client -- sh", "hostname\ncat /etc/nope\n");
        assertEquals("client\n", r.out());
        assertEquals("cat: /etc/nope: No such file or directory\ncommand terminated with exit code 1\n", r.err());
        assertEquals(1, r.exitCode());
        KubectlResult viaDeployment = kubectl.run("exec deploy/web -- hostname");
        assertEquals(cluster.pods("default", "app=web").get(0).metadata().name() + "\n", viaDeployment.out());
    }

    @Test
    void whoamiAndBareCommandsPrintKubectlsTexts() {
        assertEquals("ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n",
                kubectl.run("auth whoami").out());
        assertEquals("ATTRIBUTE   VALUE\nUsername    system:serviceaccount:default:x\nGroups      [system:serviceaccounts "
                + "system:serviceaccounts:default system:authenticated]\n",
                kubectl.run("auth whoami --as=system:serviceaccount:default:x").out());
        KubectlResult top = kubectl.run("top");
        assertEquals(1, top.exitCode());
        assertTrue(top.err().startsWith("Display resource (CPU/memory) usage.\n"), top.err());
    }

    @Test
    void aDefaultDnsPolicyPodGetsTheNodesResolvConf() {
        cluster.create("""
                apiVersion: v1
                kind: Pod
                metadata: {name: plain}
                spec:
                  dnsPolicy: Default
                  containers: [{name: c, image: busybox:1.36, command: [sleep, infinity]}]
                """);
        cluster.advance(Duration.ofSeconds(10));
        assertEquals("nameserver 172.18.0.1\noptions ndots:0\n", kubectl.run("exec plain -- cat /etc/resolv.conf").out());
    }

    @Test
    void aPodOnAPoweredOffNodeCannotBeReached() {
        Pod web = webPod();
        String node = web.spec().nodeName();
        cluster.powerOff(node);
        KubectlResult logs = kubectl.run("logs " + web.metadata().name());
        assertEquals("Error from server: Get \"https://" + web.status().hostIP() + ":10250/containerLogs/default/"
                + web.metadata().name() + "/demoapp\": dial tcp " + web.status().hostIP()
                + ":10250: connect: no route to host\n", logs.err());
        assertEquals("Error from server: error dialing backend: dial tcp " + web.status().hostIP()
                + ":10250: connect: no route to host\n", kubectl.run("exec " + web.metadata().name() + " -- env").err());
    }

    @Test
    void topSortsByUsageAndSums() {
        Pod web = webPod();
        String name = web.metadata().name();
        String w = " ".repeat(name.length() + 3 - "client".length());
        String pad = " ".repeat(name.length() + 3 - "NAME".length());
        assertEquals("NAME" + pad + "CPU(cores)   MEMORY(bytes)   \n"
                + name + "   250m         128Mi           \n"
                + "client" + w + "0m           0Mi             \n"
                + " ".repeat(name.length() + 3) + "________     ________        \n"
                + " ".repeat(name.length() + 3) + "250m         128Mi           \n",
                kubectl.run("top pods --sort-by=cpu --sum").out());
        assertEquals("error: --sort-by accepts only cpu or memory\n", kubectl.run("top pod --sort-by=foo").err());
    }

    @Test
    void hostAnswersPtrAndSrvAndWgetFailsAsBusyboxDoes() {
        webPod();
        String ip = serviceIP();
        String[] o = ip.split("\\.");
        assertEquals(o[3] + "." + o[2] + "." + o[1] + "." + o[0]
                + ".in-addr.arpa domain name pointer web.default.svc.cluster.local.\n",
                kubectl.run("exec client -- host " + ip).out());
        assertEquals("_http._tcp.web.default.svc.cluster.local has SRV record 0 100 80 web.default.svc.cluster.local.\n",
                kubectl.run("exec client -- host -t SRV _http._tcp.web").out());
        KubectlResult bad = kubectl.run("exec client -- wget -qO- http://nope/");
        assertEquals("wget: bad address 'nope'\ncommand terminated with exit code 1\n", bad.err());
    }
}
