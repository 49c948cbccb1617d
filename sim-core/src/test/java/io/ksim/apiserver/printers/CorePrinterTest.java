package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Rows.ago;
import static io.ksim.apiserver.printers.Rows.cells;
import static io.ksim.apiserver.printers.Rows.columns;
import static io.ksim.apiserver.printers.Rows.wideColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Event;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Node;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.Secret;
import io.ksim.api.core.ServiceAccount;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes, Namespaces, Events, ConfigMaps, Secrets, ServiceAccounts, ResourceQuotas against upstream's vectors. */
class CorePrinterTest {

    private static List<String> node(String yaml) {
        return cells(Node.class, yaml).subList(0, 5);
    }

    @Test
    void nodeStatus() {
        assertEquals(List.of("Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image",
                "Kernel-Version", "Container-Runtime"), columns(Node.class));
        assertEquals(List.of("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"),
                wideColumns(Node.class));
        assertEquals(List.of("foo1", "Ready", "<none>", "<unknown>", ""),
                node("metadata: {name: foo1}\nstatus: {conditions: [{type: Ready, status: 'True'}]}"));
        assertEquals(List.of("foo2", "Ready,SchedulingDisabled", "<none>", "<unknown>", ""),
                node("metadata: {name: foo2}\nspec: {unschedulable: true}\nstatus: {conditions: [{type: Ready, status: 'True'}]}"));
        assertEquals(List.of("foo3", "Ready", "<none>", "<unknown>", ""),
                node("metadata: {name: foo3}\nstatus: {conditions: [{type: Ready, status: 'True'}, {type: Ready, status: 'True'}]}"));
        assertEquals(List.of("foo4", "NotReady", "<none>", "<unknown>", ""),
                node("metadata: {name: foo4}\nstatus: {conditions: [{type: Ready, status: 'False'}]}"));
        assertEquals(List.of("foo5", "NotReady,SchedulingDisabled", "<none>", "<unknown>", ""),
                node("metadata: {name: foo5}\nspec: {unschedulable: true}\nstatus: {conditions: [{type: Ready, status: 'False'}]}"));
        assertEquals(List.of("foo6", "Unknown", "<none>", "<unknown>", ""),
                node("metadata: {name: foo6}\nstatus: {conditions: [{type: InvalidValue, status: 'True'}]}"));
        assertEquals(List.of("foo8", "Unknown,SchedulingDisabled", "<none>", "<unknown>", ""),
                node("metadata: {name: foo8}\nspec: {unschedulable: true}\nstatus: {conditions: [{type: InvalidValue, status: 'True'}]}"));
        // A node whose kubelet stopped posting: the node lifecycle controller sets Ready=Unknown.
        assertEquals(List.of("n", "NotReady", "<none>", "<unknown>", ""),
                node("metadata: {name: n}\nstatus: {conditions: [{type: Ready, status: Unknown}]}"));
    }

    @Test
    void nodeRolesAndVersion() {
        assertEquals(List.of("foo10", "Unknown", "control-plane,master,node,proxy", "<unknown>", ""),
                node("metadata: {name: foo10, labels: {node-role.kubernetes.io/master: '', node-role.kubernetes.io/control-plane: '',"
                        + " node-role.kubernetes.io/proxy: '', kubernetes.io/role: node}}"));
        assertEquals(List.of("foo11", "Unknown", "node", "<unknown>", ""),
                node("metadata: {name: foo11, labels: {kubernetes.io/role: node}}"));
        assertEquals(List.of("kind-control-plane", "Ready", "control-plane", "4d3h", "v1.32.0"),
                node("metadata: {name: kind-control-plane, creationTimestamp: '" + ago(Duration.ofDays(4).plusHours(3))
                        + "', labels: {node-role.kubernetes.io/control-plane: ''}}\n"
                        + "status: {conditions: [{type: Ready, status: 'True'}], nodeInfo: {kubeletVersion: v1.32.0}}"));
    }

    @Test
    void nodeWideCells() {
        assertEquals(List.of("<none>", "1.1.1.1", "fake-os-image", "<unknown>", "<unknown>"),
                cells(Node.class, "metadata: {name: foo1}\nstatus: {nodeInfo: {osImage: fake-os-image},"
                        + " addresses: [{type: ExternalIP, address: 1.1.1.1}]}").subList(5, 10));
        assertEquals(List.of("3.3.3.3", "2.2.2.2", "<unknown>", "fake-kernel-version", "foo://1.2.3"),
                cells(Node.class, "metadata: {name: foo3}\nstatus: {nodeInfo: {kernelVersion: fake-kernel-version,"
                        + " containerRuntimeVersion: 'foo://1.2.3'}, addresses: [{type: ExternalIP, address: 2.2.2.2},"
                        + " {type: InternalIP, address: 3.3.3.3}, {type: ExternalIP, address: 4.4.4.4}]}").subList(5, 10));
    }

    @Test
    void events() {
        assertEquals(List.of("Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count",
                "Name"), columns(Event.class));
        assertEquals(List.of("Subobject", "Source", "First Seen", "Count", "Name"), wideColumns(Event.class));
        String involved = "involvedObject: {kind: Deployment, name: Deployment Name, fieldPath: 'spec.containers{foo}'}\n"
                + "reason: Event Reason\nmessage: Message Data\ntype: Warning\n";
        assertEquals(List.of("2d", "Normal", "Event Reason", "pod/Pod Name", "spec.containers{foo}", "kubelet", "Message Data",
                "3d", "6", "event1"), cells(Event.class, "metadata: {name: event1}\nsource: {component: kubelet}\n"
                        + "involvedObject: {kind: Pod, name: Pod Name, fieldPath: 'spec.containers{foo}'}\n"
                        + "reason: Event Reason\nmessage: Message Data\ntype: Normal\ncount: 6\n"
                        + "firstTimestamp: '" + ago(Duration.ofDays(3)) + "'\nlastTimestamp: '" + ago(Duration.ofDays(2)) + "'"));
        // Without a first timestamp: the new API's eventTime.
        assertEquals(List.of("3d", "Warning", "Event Reason", "deployment/Deployment Name", "spec.containers{foo}",
                "kubelet, Node1", "Message Data", "3d", "1", "event3"), cells(Event.class, "metadata: {name: event3}\n"
                        + "source: {component: kubelet, host: Node1}\n" + involved + "count: 1\n"
                        + "eventTime: '" + micro(Duration.ofDays(3)) + "'\nlastTimestamp: '" + ago(Duration.ofDays(3)) + "'"));
        // Neither timestamp: both from eventTime.
        assertEquals(List.of("3d", "3d", "1"), pick(cells(Event.class, "metadata: {name: event5}\n"
                + "source: {component: kubelet, host: Node1}\n" + involved + "count: 1\n"
                + "eventTime: '" + micro(Duration.ofDays(3)) + "'")));
        // A series: its last observation and count.
        assertEquals(List.of("2d", "3d", "2"), pick(cells(Event.class, "metadata: {name: event6}\n"
                + "source: {component: kubelet, host: Node1}\n" + involved
                + "series: {count: 2, lastObservedTime: '" + micro(Duration.ofDays(2)) + "'}\n"
                + "eventTime: '" + micro(Duration.ofDays(3)) + "'")));
        // A singleton of the new API has no count: it counts 1.
        assertEquals(List.of("3d", "3d", "1"), pick(cells(Event.class, "metadata: {name: event7}\n"
                + "source: {component: kubelet, host: Node1}\n" + involved + "eventTime: '" + micro(Duration.ofDays(3)) + "'")));
        // No source: the reporting controller and instance.
        assertEquals("kubelet, test", cells(Event.class, "metadata: {name: event2}\nreportingComponent: kubelet\n"
                + "reportingInstance: test\n" + involved + "count: 6\nfirstTimestamp: '" + ago(Duration.ofDays(3)) + "'")
                .get(5));
    }

    private static String micro(Duration ago) {
        return ago(ago).replace("Z", ".000000Z");
    }

    /** Last Seen, First Seen, Count. */
    private static List<String> pick(List<String> row) {
        return List.of(row.get(0), row.get(7), row.get(8));
    }

    @Test
    void namespacesSecretsServiceAccountsConfigMaps() {
        assertEquals(List.of("namespace1", "Active", "0s"), cells(Namespace.class,
                "metadata: {name: namespace1, creationTimestamp: '" + io.ksim.api.KubeJson.formatTime(Rows.NOW.plusSeconds(1))
                        + "'}\nstatus: {phase: Active}"));
        assertEquals(List.of("namespace2", "", "<unknown>"), cells(Namespace.class, "metadata: {name: namespace2}"));
        assertEquals(List.of("Name", "Type", "Data", "Age"), columns(Secret.class));
        assertEquals(List.of("secret1", "kubernetes.io/service-account-token", "1", "90s"), cells(Secret.class,
                "metadata: {name: secret1, creationTimestamp: '" + ago(Duration.ofSeconds(90)) + "'}\n"
                        + "type: kubernetes.io/service-account-token\ndata: {token: c2VjcmV0}"));
        assertEquals(List.of("sa1", "0", "<unknown>"), cells(ServiceAccount.class, "metadata: {name: sa1}"));
        assertEquals(List.of("sa1", "2", "<unknown>"), cells(ServiceAccount.class,
                "metadata: {name: sa1}\nsecrets: [{name: Secret1}, {name: Secret2}]"));
        assertEquals(List.of("kube-root-ca.crt", "3", "<unknown>"), cells(ConfigMap.class,
                "metadata: {name: kube-root-ca.crt}\ndata: {a: '1', b: '2'}\nbinaryData: {c: AAE=}"));
    }

    @Test
    void resourceQuotas() {
        assertEquals(List.of("Name", "Request", "Limit", "Age"), columns(ResourceQuota.class));
        assertEquals(List.of("quota", "pods: 1/10, requests.cpu: 500m/2", "limits.cpu: 0/4, limits.memory: 128Mi/1Gi", "<unknown>"),
                cells(ResourceQuota.class, "metadata: {name: quota}\nstatus:\n"
                        + "  hard: {pods: '10', requests.cpu: '2', limits.memory: 1Gi, limits.cpu: '4'}\n"
                        + "  used: {pods: '1', requests.cpu: 500m, limits.memory: 128Mi}"));
    }
}
