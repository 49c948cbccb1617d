package io.ksim.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ksim.cluster.Cluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl describe} against a small seeded cluster: whole descriptions compared with kubectl 1.32's
 * layout (sections, labels, the tab alignment of its tabwriter, event ages), name-prefix matching and errors.
 */
class DescribeCommandTest {

    static final String OBJECTS = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            data:
              mode: fast
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
                    env:
                    - name: MODE
                      valueFrom:
                        configMapKeyRef: {name: settings, key: mode}
                    resources:
                      requests: {cpu: 250m, memory: 64Mi}
                      limits: {cpu: 500m, memory: 128Mi}
                    readinessProbe:
                      httpGet: {path: /, port: 80}
                      periodSeconds: 5
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              type: NodePort
              selector: {app: web}
              ports:
              - name: http
                port: 80
                targetPort: 80
            """;

    static final String CLIENT = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: client
              labels: {role: client, tier: test}
              annotations: {team: blue}
            spec:
              containers:
              - name: shell
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
                env:
                - name: GREETING
                  value: hello
                - name: POD_NAME
                  valueFrom:
                    fieldRef: {fieldPath: metadata.name}
                volumeMounts:
                - name: config
                  mountPath: /etc/config
                  readOnly: true
              volumes:
              - name: config
                configMap: {name: settings}
            """;

    static Cluster cluster() {
        Cluster c = Cluster.builder().seed(7).nodes(1, n -> n.cpu("2").memory("4Gi"))
                .image("nginx:1.25 size=20Mi start=500ms ready=2s")
                .image("busybox:1.36 size=2Mi start=100ms").build();
        c.advance(Duration.ofSeconds(1));
        c.create(OBJECTS);
        c.create(CLIENT);
        c.advance(Duration.ofMinutes(2));
        return c;
    }

    private static Cluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        cluster = cluster();
        kubectl = new Kubectl(cluster);
    }

    private static void assertLines(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            assertEquals(e.get(i), a.get(i), "line " + (i + 1) + " of\n" + actual);
        }
        assertEquals(e.size(), a.size(), "number of lines of\n" + actual);
        assertEquals(expected, actual);
    }

    private static String out(String command) {
        KubectlResult r = kubectl.run(command);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void describesAPod() {
        assertLines("""
            Name:             client
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             node-1/172.18.0.2
            Start Time:       Wed, 01 Jan 2025 00:00:01 +0000
            Labels:           role=client
                              tier=test
            Annotations:      team: blue
            Status:           Running
            IP:               10.244.1.4
            IPs:
              IP:  10.244.1.4
            Containers:
              shell:
                Container ID:  containerd://acc5f6fda0fc8c09ccfe47b517cea294126be0280958ed9689a2da05511f7f24
                Image:         busybox:1.36
                Image ID:      docker.io/library/busybox@sha256:d55432289a2f69dad7e00346d00e8d4df4d0053a44dffb3f8cf463f6e3fb4b04
                Port:          <none>
                Host Port:     <none>
                Command:
                  sh
                  -c
                  sleep 3600
                State:          Running
                  Started:      Wed, 01 Jan 2025 00:00:06 +0000
                Ready:          True
                Restart Count:  0
                Environment:
                  GREETING:  hello
                  POD_NAME:  client (v1:metadata.name)
                Mounts:
                  /etc/config from config (ro)
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-2dkpx (ro)
            Conditions:
              Type                        Status
              PodReadyToStartContainers   True\s
              Initialized                 True\s
              Ready                       True\s
              ContainersReady             True\s
              PodScheduled                True\s
            Volumes:
              config:
                Type:      ConfigMap (a volume populated by a ConfigMap)
                Name:      settings
                Optional:  false
              kube-api-access-2dkpx:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                ConfigMapOptional:       <nil>
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  2m    default-scheduler  Successfully assigned default/client to node-1
              Normal  Pulling    2m    kubelet            Pulling image "busybox:1.36"
              Normal  Pulled     115s  kubelet            Successfully pulled image "busybox:1.36" in 200ms (5.8s including waiting). Image size: 2097152 bytes.
              Normal  Created    115s  kubelet            Created container: shell
              Normal  Started    115s  kubelet            Started container shell
            """, out("describe pod client"));
    }

    @Test
    void describesADeployment() {
        assertLines("""
            Name:                   web
            Namespace:              default
            CreationTimestamp:      Wed, 01 Jan 2025 00:00:01 +0000
            Labels:                 app=web
            Annotations:            deployment.kubernetes.io/revision: 1
            Selector:               app=web
            Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=web
              Containers:
               nginx:
                Image:      nginx:1.25
                Port:       80/TCP
                Host Port:  0/TCP
                Limits:
                  cpu:     500m
                  memory:  128Mi
                Requests:
                  cpu:      250m
                  memory:   64Mi
                Readiness:  http-get http://:80/ delay=0s timeout=1s period=5s #success=1 #failure=3
                Environment:
                  MODE:        <set to the key 'mode' of config map 'settings'>  Optional: false
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   web-cdddf8f5c (2/2 replicas created)
            Events:
              Type    Reason             Age   From                   Message
              ----    ------             ----  ----                   -------
              Normal  ScalingReplicaSet  2m    deployment-controller  Scaled up replica set web-cdddf8f5c from 0 to 2
            """, out("describe deployment web"));
    }

    @Test
    void describesAService() {
        assertLines("""
            Name:                     web
            Namespace:                default
            Labels:                   <none>
            Annotations:              <none>
            Selector:                 app=web
            Type:                     NodePort
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       10.107.4.189
            IPs:                      10.107.4.189
            Port:                     http  80/TCP
            TargetPort:               80/TCP
            NodePort:                 http  30199/TCP
            Endpoints:                10.244.1.5:80,10.244.1.6:80
            Session Affinity:         None
            External Traffic Policy:  Cluster
            Internal Traffic Policy:  Cluster
            Events:                   <none>
            """, out("describe service web"));
    }

    @Test
    void describesANode() {
        assertLines("""
            Name:               node-1
            Roles:              <none>
            Labels:             kubernetes.io/arch=amd64
                                kubernetes.io/hostname=node-1
                                kubernetes.io/os=linux
            Annotations:        <none>
            CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
            Taints:             <none>
            Unschedulable:      false
            Lease:
              HolderIdentity:  node-1
              AcquireTime:     <unset>
              RenewTime:       Wed, 01 Jan 2025 00:02:00 +0000
            Conditions:
              Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
              ----             ------  -----------------                 ------------------                ------                       -------
              MemoryPressure   False   Wed, 01 Jan 2025 00:00:10 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
              DiskPressure     False   Wed, 01 Jan 2025 00:00:10 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
              PIDPressure      False   Wed, 01 Jan 2025 00:00:10 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
              Ready            True    Wed, 01 Jan 2025 00:00:10 +0000   Wed, 01 Jan 2025 00:00:00 +0000   KubeletReady                 kubelet is posting ready status
            Addresses:
              InternalIP:  172.18.0.2
              Hostname:    node-1
            Capacity:
              cpu:                2
              ephemeral-storage:  100Gi
              memory:             4Gi
              pods:               110
            Allocatable:
              cpu:                2
              ephemeral-storage:  100Gi
              memory:             4Gi
              pods:               110
            System Info:
              Machine ID:                 f8ff0780b12babb2dcd2f76cd3a7e9df
              System UUID:                f8ff0780-b12b-abb2-dcd2-f76cd3a7e9df
              Boot ID:                    f8ff0780-b12b-abb2-dcd2-f76cd3a7e9df
              Kernel Version:             6.8.0-51-generic
              OS Image:                   Ubuntu 24.04.1 LTS
              Operating System:           linux
              Architecture:               amd64
              Container Runtime Version:  containerd://1.7.24
              Kubelet Version:            v1.32.0
              Kube-Proxy Version:        \s
            PodCIDR:                      10.244.1.0/24
            PodCIDRs:                     10.244.1.0/24
            Non-terminated Pods:          (6 in total)
              Namespace                   Name                        CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
              ---------                   ----                        ------------  ----------  ---------------  -------------  ---
              default                     client                      0 (0%)        0 (0%)      0 (0%)           0 (0%)         2m
              default                     web-cdddf8f5c-grx6x         250m (12%)    500m (25%)  64Mi (1%)        128Mi (3%)     2m
              default                     web-cdddf8f5c-knfql         250m (12%)    500m (25%)  64Mi (1%)        128Mi (3%)     2m
              kube-system                 coredns-668d6bf9bc-6mmhp    100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     2m1s
              kube-system                 coredns-668d6bf9bc-z758s    100m (5%)     0 (0%)      70Mi (1%)        170Mi (4%)     2m1s
              kube-system                 kube-proxy-pjlqc            0 (0%)        0 (0%)      0 (0%)           0 (0%)         2m1s
            Allocated resources:
              (Total limits may be over 100 percent, i.e., overcommitted.)
              Resource           Requests    Limits
              --------           --------    ------
              cpu                700m (35%)  1 (50%)
              memory             268Mi (6%)  596Mi (14%)
              ephemeral-storage  0 (0%)      0 (0%)
            Events:
              Type    Reason          Age   From             Message
              ----    ------          ----  ----             -------
              Normal  RegisteredNode  2m1s  node-controller  Registered Node node-1 in Controller
            """, out("describe node node-1"));
    }

    /**
     * kubectl's describeCSINode for the CSINode the kubelet publishes: no drivers, so no Drivers block, and the
     * cell-less "Spec:" line ends the tabwriter's column block, so Events aligns on its own.
     */
    @Test
    void describesACSINode() {
        assertLines("""
            Name:               node-1
            Labels:             <none>
            Annotations:        storage.alpha.kubernetes.io/migrated-plugins:
                                  kubernetes.io/aws-ebs,kubernetes.io/azure-disk,kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-v...
            CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
            Spec:
            Events:  <none>
            """, out("describe csinode node-1"));
    }

    @Test
    void aNameThatIsNotFoundIsAPrefix() {
        String both = out("describe pods web-");
        List<String> names = both.lines().filter(l -> l.startsWith("Name:")).toList();
        assertEquals(2, names.size(), both);
        assertTrue(names.stream().allMatch(l -> l.matches("Name: +web-[0-9a-f]+-[a-z0-9]{5}")), both);
        // Each description is followed by a blank line, as kubectl prints prefix matches.
        assertTrue(both.contains("\n\nName:             web-"), both);
        assertTrue(both.endsWith("\n\n"), both);
        assertEquals(out("describe po web-"), both);
    }

    @Test
    void anExactNameDescribesOnlyThatObject() {
        assertEquals(1, out("describe configmap settings").lines().filter(l -> l.startsWith("Name:")).count());
        assertEquals(out("describe pod client"), out("describe pods/client"));
    }

    @Test
    void withoutANameEveryObjectOfTheTypeIsDescribed() {
        String all = out("describe pods");
        assertEquals(3, all.lines().filter(l -> l.startsWith("Name:")).count(), all);
        assertTrue(all.contains("Events:\n"), all);
        // Descriptions are separated by two blank lines.
        assertTrue(all.contains("\n\n\nName:"), all);
        assertEquals(2, out("describe pods -l app=web").lines().filter(l -> l.startsWith("Name:")).count());
    }

    @Test
    void allNamespacesReachesKubeSystem() {
        String ds = out("describe daemonsets -A");
        assertTrue(ds.startsWith("Name:           kube-proxy\nSelector:       k8s-app=kube-proxy\n"), ds);
        assertTrue(ds.contains("\nPods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"), ds);
    }

    @Test
    void noEventsWithShowEventsFalse() {
        String svc = out("describe svc web --show-events=false");
        assertTrue(svc.endsWith("Internal Traffic Policy:  Cluster\n"), svc);
    }

    @Test
    void notFoundIsTheServersError() {
        KubectlResult r = kubectl.run("describe deployment x");
        assertEquals(1, r.exitCode());
        assertEquals("", r.out());
        assertEquals("Error from server (NotFound): deployments.apps \"x\" not found\n", r.err());
        assertEquals("Error from server (NotFound): pods \"nope\" not found\n", kubectl.run("describe pod nope").err());
    }

    @Test
    void nothingToDescribeSaysSo() {
        KubectlResult r = kubectl.run("describe jobs");
        assertEquals(0, r.exitCode());
        assertEquals("", r.out());
        assertEquals("No resources found in default namespace.\n", r.err());
        assertEquals("No resources found in other namespace.\n", kubectl.run("describe pods -n other").err());
        assertEquals("No resources found\n", kubectl.run("describe jobs -A").err());
    }

    @Test
    void aTypeIsRequired() {
        KubectlResult r = kubectl.run("describe");
        assertEquals(1, r.exitCode());
        assertEquals("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" "
                + "for a complete list of supported resources.\n", r.err());
        assertEquals("error: the server doesn't have a resource type \"nonsense\"\n", kubectl.run("describe nonsense").err());
    }

    @Test
    void argumentFormsAreCheckedAsKubectlsBuilderDoes() {
        assertEquals("error: name cannot be provided when a selector is specified\n",
                kubectl.run("describe pods client -l app=web").err());
        assertEquals("error: a resource cannot be retrieved by name across all namespaces\n",
                kubectl.run("describe pods client -A").err());
        assertEquals("error: there is no need to specify a resource type as a separate argument when passing "
                + "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                + "'kubectl get resource resource/<resource_name>'\n", kubectl.run("describe pods pods/client").err());
        assertEquals("error: arguments in resource/name form may not have more than one slash\n",
                kubectl.run("describe pods/client/x").err());
    }

    @Test
    void severalNamesDescribeWhatExistsAndReportTheRest() {
        KubectlResult r = kubectl.run("describe configmap settings missing");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().startsWith("Name:         settings\n"), r.out());
        assertEquals("Error from server (NotFound): configmaps \"missing\" not found\n", r.err());
        KubectlResult both = kubectl.run("describe svc/web deploy/web");
        assertEquals(0, both.exitCode(), both.err());
        assertTrue(both.out().contains("\n\n\nName:                   web\n"), both.out());
    }

    @Test
    void allDescribesTheResourcesOfTheAllCategory() {
        String all = out("describe all");
        List<String> names = all.lines().filter(l -> l.startsWith("Name:")).map(l -> l.replaceAll(" +", " ")).toList();
        // Pods first, then Services, Deployments and ReplicaSets, as discovery orders the category.
        assertEquals("Name: client", names.get(0));
        assertTrue(names.containsAll(List.of("Name: kubernetes", "Name: web")), names.toString());
        assertEquals(7, names.size(), names.toString());
    }
}
