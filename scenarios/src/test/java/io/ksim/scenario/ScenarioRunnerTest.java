package io.ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Steps beyond the bundled scenarios: component faults, kubelet and network faults, load balancers, failures. */
class ScenarioRunnerTest {

    private record Run(ScenarioRunner.Result result, String out) {
    }

    private static Run run(String text) {
        Scenario s = ScenarioParser.parse("t.yaml", null, text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScenarioRunner.Result r = ScenarioRunner.run(s, ScenarioRunner.Options.defaults(),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(r, bytes.toString(StandardCharsets.UTF_8));
    }

    private static final String WEB = """
              - apply: |
                  apiVersion: apps/v1
                  kind: Deployment
                  metadata: {name: web}
                  spec:
                    replicas: 2
                    selector: {matchLabels: {app: web}}
                    template:
                      metadata: {labels: {app: web}}
                      spec:
                        containers: [{name: demoapp, image: "ikubernetes/demoapp:v1.0", ports: [{containerPort: 80}]}]
            """;

    @Test
    void crashedControllersAndSchedulerDoNothingUntilTheyRestart() {
        Run r = run("""
                name: crash
                steps:
                  - fault: {crash: deployment-controller}
                """ + WEB + """
                  - advance: 30s
                  - expect: {pods: {selector: app=web, count: 0}}
                  - fault: {restart: deployment-controller}
                  - fault: {crash: kube-scheduler}
                  - advance: 30s
                  - expect: {pods: {selector: app=web, phase: Pending, count: 2}}
                  - fault: {restart: kube-scheduler}
                  - waitFor: {condition: "pods ready app=web 2", timeout: 1m}
                  - fault: {crash: kube-controller-manager}
                  - fault: {restart: kube-controller-manager}
                  - waitFor: {condition: "rollout complete deployment/web", timeout: 1m}
                  - expect: {rolloutComplete: deployment/web}
                """);
        assertTrue(r.result().ok(), r.out());
        assertEquals(5, r.result().passed());
        assertTrue(r.out().contains("fault            Fault          deployment-controller  controller crashes and loses its caches"),
                r.out());
        assertTrue(r.out().contains("Fault          kube-scheduler  kube-scheduler crashes"), r.out());
    }

    @Test
    void aStoppedKubeletAndAPartitionMakeTheNodeNotReady() {
        Run r = run("""
                name: kubelet
                cluster:
                  nodes: [{count: 2, zone: zone-a, labels: {disk: ssd}}]
                steps:
                  - fault: {stopKubelet: node-1}
                  - waitFor: {condition: "node node-1 NotReady", timeout: 2m}
                  - fault: {startKubelet: node-1}
                  - waitFor: {condition: "node node-1 Ready", timeout: 1m}
                  - fault: {partition: node-2}
                  - waitFor: {condition: "node node-2 NotReady", timeout: 2m}
                  - fault: {heal: node-2}
                  - waitFor: {condition: "node node-2 Ready", timeout: 1m}
                  - expect: {objects: {type: nodes, selector: "disk=ssd,topology.kubernetes.io/zone=zone-a", count: 2}}
                  - expect: {pods: {namespace: kube-system, count: 4}}
                """);
        assertTrue(r.result().ok(), r.out());
        assertEquals(6, r.result().passed());
    }

    @Test
    void curlFromOutsideReachesALoadBalancerAddressFromThePool() {
        Run r = run("""
                name: lb
                cluster:
                  nodes: [{count: 2}]
                  loadBalancerPool: 172.18.255.200-172.18.255.250
                  images: ["ikubernetes/demoapp:v1.0 size=30Mi ready=1s"]
                steps:
                """ + WEB + """
                  - apply: |
                      apiVersion: v1
                      kind: Service
                      metadata: {name: web}
                      spec:
                        type: LoadBalancer
                        selector: {app: web}
                        ports: [{port: 80}]
                  - waitFor: {condition: "pods ready app=web 2", timeout: 1m}
                  - advance: 2s
                  - curl: {from: outside, url: "http://172.18.255.200/"}
                  - expect: {output: "iKubernetes demoapp v1.0 !! ClientIP: 172.18.0."}
                  - curl: {from: outside, url: "http://172.18.255.200/", count: 200}
                  - expect: {shares: {selector: app=web, tolerance: 0.15}}
                  - curl: {from: outside, url: "http://web/"}
                  - expect: {output: "curl: (6) Could not resolve host: web"}
                """);
        assertTrue(r.result().ok(), r.out());
        assertTrue(r.out().contains("$ curl -s http://172.18.255.200/\niKubernetes demoapp v1.0"), r.out());
    }

    @Test
    void taintedNodesAreAvoidedAndIpvsSpreadsRoundRobin() {
        Run r = run("""
                name: ipvs
                cluster:
                  nodes:
                    - {taints: ["dedicated=gpu:NoSchedule"], zone: zone-a}
                    - {count: 2, zone: zone-b}
                  proxyMode: ipvs
                steps:
                """ + WEB.replace("replicas: 2", "replicas: 4") + """
                  - apply: |
                      apiVersion: v1
                      kind: Service
                      metadata: {name: web}
                      spec: {selector: {app: web}, ports: [{port: 80}]}
                  - apply: |
                      apiVersion: v1
                      kind: Pod
                      metadata: {name: client}
                      spec: {containers: [{name: c, image: "ikubernetes/admin-box:v1.2"}]}
                  - waitFor: {condition: "pods ready app=web 4", timeout: 1m}
                  - waitFor: {condition: "pod client Running", timeout: 1m}
                  - expect: {pods: {selector: app=web, node: node-1, count: 0}}
                  - expect: {objects: {type: nodes, selector: topology.kubernetes.io/zone=zone-b, count: 2}}
                  - advance: 2s
                  - curl: {from: pod/client, url: "http://web", count: 40}
                  - expect: {shares: {selector: app=web, tolerance: 0}}
                  - expect: {output: "10/40 (25%)"}
                """);
        assertTrue(r.result().ok(), r.out());
        assertEquals(6, r.result().passed(), r.out());
    }

    @Test
    void failuresNameTheStepTheExpectedAndTheActualValue() {
        Run r = run("""
                name: failing
                cluster:
                  nodes: [{count: 1}]
                steps:
                  - kubectl: get-pods
                  - expect: {output: "unknown command \\"get-pods\\" for \\"kubectl\\""}
                  - waitFor: {condition: "pod nothing Running", timeout: 10s}
                  - expect: {condition: {object: deployment/none, type: Available}}
                  - expect: {rolloutComplete: deployment/none}
                  - dns: {from: pod/ghost, name: web}
                  - expect: {shares: {selector: app=web}}
                """);
        assertEquals(1, r.result().passed(), r.out());
        assertEquals(5, r.result().failed(), r.out());
        assertTrue(r.out().contains("FAIL t.yaml steps[2] (line 7) waitFor pod nothing Running: timed out after 10s: "
                + "pod nothing does not exist"), r.out());
        assertTrue(r.out().contains("FAIL t.yaml steps[3] (line 8) expect condition deployment/none Available: expected "
                + "status=True, got Error from server (NotFound): deployments.apps \"none\" not found"), r.out());
        assertTrue(r.out().contains("FAIL t.yaml steps[5] (line 10) dns web A from pod/ghost: Error from server "
                + "(NotFound): pods \"ghost\" not found"), r.out());
        assertTrue(r.out().contains("FAIL t.yaml steps[6] (line 11) expect shares selector=app=web: no curl step ran "
                + "before it"), r.out());
    }
    @Test
    void showStepsRunTheSimulatorsVerbsAndDaemonSetRolloutsFollowKubectlsRule() {
        Run r = run("""
                name: ds
                cluster:
                  nodes:
                    - {count: 2}
                steps:
                  - apply: |
                      apiVersion: apps/v1
                      kind: DaemonSet
                      metadata: {name: agent}
                      spec:
                        selector: {matchLabels: {app: agent}}
                        template:
                          metadata: {labels: {app: agent}}
                          spec:
                            containers: [{name: demoapp, image: "ikubernetes/demoapp:v1.0"}]
                  - waitFor: {condition: "rollout complete daemonset/agent", timeout: 1m}
                  - expect: {rolloutComplete: daemonset/agent}
                  - kubectl: set image daemonset/agent demoapp=ikubernetes/demoapp:v1.1
                  - expect: {rolloutComplete: ds/agent}
                  - waitFor: {condition: "rollout complete daemonset/agent", timeout: 2m}
                  - show: iptables-save node-1 -t nat | grep KUBE-SVC-NPX46M4PTMTKRN6Y
                  - expect: {output: "-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment \\"default/kubernetes:https -> 172.18.0.2:6443\\""}
                  - show: trace 1
                """);
        assertTrue(r.out().contains("PASS t.yaml steps[1] (line 16) waitFor rollout complete daemonset/agent: after "),
                r.out());
        assertTrue(r.out().contains("FAIL t.yaml steps[4] (line 19) expect rolloutComplete ds/agent: expected "
                + "complete, got Waiting for daemon set spec update to be observed..."), r.out());
        assertTrue(r.out().contains("PASS t.yaml steps[5] (line 20) waitFor rollout complete daemonset/agent"), r.out());
        assertTrue(r.out().contains("$ iptables-save node-1 -t nat | grep KUBE-SVC-NPX46M4PTMTKRN6Y\n:KUBE-SVC-"),
                r.out());
        assertTrue(r.out().contains("PASS t.yaml steps[7] (line 22) expect output contains"), r.out());
        assertTrue(r.out().contains("$ trace 1\n"), r.out());
        assertEquals(4, r.result().passed(), r.out());
        assertEquals(1, r.result().failed(), r.out());
    }
}
