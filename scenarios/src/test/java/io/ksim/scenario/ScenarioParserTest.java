package io.ksim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Malformed scenario files are refused before anything runs, with file:line:column, the field and the rule. */
class ScenarioParserTest {

    private static final String HEAD = """
            name: t
            steps:
            """;

    private static String error(String text) {
        return assertThrows(ScenarioException.class, () -> ScenarioParser.parse("scenario.yaml", null, text))
                .getMessage();
    }

    @Test
    void aBadDurationNamesFileLineColumnFieldAndRule() {
        assertEquals("scenario.yaml:6:14: steps[3].advance: invalid duration \"3x\" (want e.g. 30s, 2m, 1h30m)",
                error(HEAD + """
                          - note: one
                          - advance: 30s
                          - advance: 1h30m
                          - advance: 3x
                        """));
    }

    @Test
    void durationsAreGoDurationsWithoutASign() {
        assertEquals("scenario.yaml:3:14: steps[0].advance: invalid duration \"-1s\" (want e.g. 30s, 2m, 1h30m)",
                error(HEAD + """
                          - advance: -1s
                        """));
        assertEquals("scenario.yaml:3:14: steps[0].advance: invalid duration \"30\" (want e.g. 30s, 2m, 1h30m)",
                error(HEAD + """
                          - advance: 30
                        """));
        assertEquals("scenario.yaml:3:14: steps[0].advance: invalid duration \"s\" (want e.g. 30s, 2m, 1h30m)",
                error(HEAD + """
                          - advance: s
                        """));
    }

    @Test
    void unknownKeysPointAtTheKey() {
        assertEquals("scenario.yaml:4:1: imagess: unknown key \"imagess\" (allowed: cluster, description, name, seed, "
                + "steps)", error("""
                name: t
                steps:
                  - note: x
                imagess: []
                """));
        assertEquals("scenario.yaml:3:50: steps[0].waitFor.timout: unknown key \"timout\" (allowed: condition, "
                + "namespace, timeout)", error(HEAD + """
                  - waitFor: {condition: "pods ready app=web 3", timout: 2m}
                """));
    }

    @Test
    void unknownStepKinds() {
        assertEquals("scenario.yaml:3:5: steps[0].sleep: unknown step \"sleep\" (want one of note, apply, kubectl, show, "
                + "advance, waitFor, fault, curl, dns, expect)", error(HEAD + "  - sleep: 3s\n"));
        assertEquals("scenario.yaml:3:5: steps[0]: a step is a mapping with one key, one of note, apply, kubectl, show, "
                + "advance, waitFor, fault, curl, dns, expect", error(HEAD + "  - {note: a, advance: 1s}\n"));
    }

    @Test
    void wrongTypesAndMissingFields() {
        assertEquals("scenario.yaml:1:7: seed: want a whole number, got the string \"forty\"",
                error("seed: forty\nname: t\nsteps: [{note: x}]\n"));
        assertEquals("scenario.yaml:1:1: missing field \"steps\"", error("name: t\n"));
        assertEquals("scenario.yaml:3:14: steps[0].waitFor: missing field \"condition\"",
                error(HEAD + "  - waitFor: {timeout: 1m}\n"));
        assertEquals("scenario.yaml:3:28: steps[0].expect.pods.count: want a whole number, got the string \"four\"",
                error(HEAD + "  - expect: {pods: {count: four}}\n"));
        assertEquals("scenario.yaml:3:10: steps[0].note: want a value, got nothing", error(HEAD + "  - note:\n"));
        assertEquals("scenario.yaml:3:20: steps[0].show: want a string, got the number 42 (quote it)",
                error(HEAD + "  - show:          42\n"));
    }

    @Test
    void clusterErrors() {
        assertEquals("scenario.yaml:3:30: cluster.nodes[0].memory: invalid quantity \"4GB\" (want e.g. 2, 500m, 4Gi)",
                error("name: t\ncluster:\n  nodes: [{count: 2, memory: 4GB}]\nsteps: [{note: x}]\n"));
        assertEquals("scenario.yaml:3:21: cluster.nodes[0].taints[0]: invalid taint \"gpu\" (want key=value:Effect or "
                + "key:Effect, Effect one of NoSchedule, PreferNoSchedule, NoExecute)",
                error("name: t\ncluster:\n  nodes: [{taints: [gpu]}]\nsteps: [{note: x}]\n"));
        assertEquals("scenario.yaml:2:22: cluster.proxyMode: invalid proxy mode \"nftables\" (want iptables or ipvs)",
                error("name: t\ncluster: {proxyMode: nftables}\nsteps: [{note: x}]\n"));
    }

    @Test
    void stepArgumentsAreChecked() {
        assertEquals("scenario.yaml:3:23: steps[0].fault.powerOff: no node \"node-4\" (the cluster has node-1 to node-3)",
                error(HEAD + "  - fault: {powerOff: node-4}\n"));
        assertEquals("scenario.yaml:3:20: steps[0].fault.crash: unknown component \"etcd\" (want one of kube-scheduler, "
                + "kube-controller-manager, namespace-controller, garbage-collector-controller, replicaset-controller, "
                + "replicationcontroller-controller, deployment-controller, statefulset-controller, daemonset-controller, job-controller, cronjob-controller, "
                + "ttl-after-finished-controller, node-lifecycle-controller, taint-eviction-controller, "
                + "disruption-controller, pod-garbage-collector-controller, resourcequota-controller, "
                + "persistentvolume-binder-controller, persistentvolumeclaim-protection-controller, "
                + "persistentvolume-protection-controller)",
                error(HEAD + "  - fault: {crash: etcd}\n"));
        assertEquals("scenario.yaml:3:26: steps[0].waitFor.condition: invalid condition \"pods happy app=web\": want "
                + "\"rollout complete deployment/web\", \"pods ready app=web 4\", \"pods running app=web 4\", \"pod web-0 "
                + "Running\" (a phase, Ready or Gone) or \"node node-2 NotReady\" (Ready or NotReady)",
                error(HEAD + "  - waitFor: {condition: pods happy app=web}\n"));
        assertEquals("scenario.yaml:3:12: steps[0].apply: no file \"nosuch.yaml\" (a path is relative to the scenario file; "
                + "an inline manifest is a multi-line string)", error(HEAD + "  - apply: nosuch.yaml\n"));
        assertEquals("scenario.yaml:3:34: steps[0].expect.shares.tolerance: invalid tolerance (want a fraction between "
                + "0 and 1, e.g. 0.1)", error(HEAD + "  - expect: {shares: {tolerance: 2, selector: app=web}}\n"));
    }

    @Test
    void labelSelectorsAreChecked() {
        assertEquals("scenario.yaml:3:31: steps[0].expect.pods.selector: invalid label selector \"app in web\": unable "
                + "to parse requirement: found 'web' expected: '('",
                error(HEAD + "  - expect: {pods: {selector: \"app in web\", count: 1}}\n"));
    }

    @Test
    void invalidYamlAndDuplicateKeys() {
        assertEquals("scenario.yaml:4:3: steps[0].note: duplicate key \"note\"",
                error(HEAD + "- note: a\n  note: b\n"));
        String msg = error("name: t\nsteps: [\n");
        assertEquals("scenario.yaml:", msg.substring(0, "scenario.yaml:".length()));
        assertEquals(true, msg.contains(": invalid YAML: "), msg);
    }

    @Test
    void aWellFormedFileParses() {
        Scenario s = ScenarioParser.parse("ok.yaml", null, """
                name: ok
                seed: 5
                cluster:
                  nodes:
                    - {count: 2, cpu: "2", memory: 4Gi, zone: zone-a, labels: {disk: ssd}, taints: ["gpu=yes:NoSchedule"]}
                    - {zone: zone-b}
                  proxyMode: ipvs
                  loadBalancerPool: 172.18.255.200-172.18.255.250
                steps:
                  - advance: 1h30m
                  - waitFor: {condition: "pods ready app in (web) 3"}
                  - fault: {restart: kube-scheduler}
                  - expect: {pods: {selector: app=web, node: node-3, count: 0}}
                """);
        assertEquals(3, s.cluster().nodes().stream().mapToInt(Scenario.NodeGroup::count).sum());
        assertEquals(Duration.ofMinutes(90), ((Scenario.Advance) s.steps().get(0)).duration());
        Scenario.WaitFor w = assertInstanceOf(Scenario.WaitFor.class, s.steps().get(1));
        assertEquals("app in (web)", w.condition().selector());
        assertEquals(Duration.ofMinutes(5), w.timeout());
        assertEquals(11, w.line());
    }
    @Test
    void showStepsTakeTheSimulatorsLookingVerbsOnly() {
        assertEquals("scenario.yaml:3:11: steps[0].show: \"advance\" is not a kubectl command; a scenario moves time "
                + "with an advance step", error(HEAD + "  - show: advance 30s\n"));
        assertEquals("scenario.yaml:3:11: steps[0].show: \"fail\" is not a kubectl command; a scenario injects faults "
                + "with a fault step", error(HEAD + "  - show: fail node-1\n"));
        assertEquals("scenario.yaml:3:14: steps[0].kubectl: \"ipvsadm\" is a simulator verb, not a kubectl command: "
                + "use a show step", error(HEAD + "  - kubectl: ipvsadm node-1\n"));
        assertEquals("scenario.yaml:3:11: steps[0].show: ksim pipes a command's output only to grep (COMMAND | grep "
                + "PATTERN)", error(HEAD + "  - show: get pods | sort\n"));
        assertEquals("scenario.yaml:3:26: steps[0].waitFor.condition: invalid rollout object \"job/pi\" (want "
                + "deployment/<name>, daemonset/<name> or statefulset/<name>)",
                error(HEAD + "  - waitFor: {condition: rollout complete job/pi}\n"));
        Scenario s = ScenarioParser.parse("scenario.yaml", null, HEAD + """
                  - show: iptables-save node-1 -t nat | grep KUBE-SVC
                  - show: explain pod web-1 -n kube-system
                  - show: endpoint-bytes web --nodes 2000
                  - waitFor: {condition: "rollout complete ds/kube-proxy", namespace: kube-system}
                  - expect: {rolloutComplete: {object: daemonset/kube-proxy, namespace: kube-system}}
                """);
        assertEquals(5, s.steps().size());
    }

    @Test
    void theControlPlaneIsOptIn() {
        Scenario off = ScenarioParser.parse("a.yaml", null, "name: a\nsteps: [{note: x}]\n");
        assertEquals(false, off.cluster().controlPlane());
        Scenario on = ScenarioParser.parse("b.yaml", null, """
                name: b
                cluster: {controlPlane: true, nodes: [{count: 2}]}
                steps:
                  - fault: {stopKubelet: control-plane}
                """);
        assertEquals(true, on.cluster().controlPlane());
        assertEquals("scenario.yaml:2:25: cluster.controlPlane: want true or false, got the string \"yes please\"",
                error("name: t\ncluster: {controlPlane: yes please}\nsteps: [{note: x}]\n"));
        assertEquals("scenario.yaml:3:26: steps[0].fault.stopKubelet: no node \"control-plane\" (the cluster has "
                + "node-1 to node-3)", error("name: t\nsteps:\n  - fault: {stopKubelet: control-plane}\n"));
    }
}
