package io.ksim.apiserver.printers;

import static io.ksim.apiserver.printers.Cells.list;
import static io.ksim.apiserver.printers.Cells.map;
import static io.ksim.apiserver.printers.Printer.age;
import static io.ksim.apiserver.printers.Printer.col;
import static io.ksim.apiserver.printers.Printer.containers;
import static io.ksim.apiserver.printers.Printer.doc;
import static io.ksim.apiserver.printers.Printer.images;
import static io.ksim.apiserver.printers.Printer.name;
import static io.ksim.apiserver.printers.Printer.wideDoc;

import io.ksim.api.core.ConditionStatus;
import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Event;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.Node;
import io.ksim.api.core.ObjectReference;
import io.ksim.api.core.ReplicationController;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.Secret;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.meta.MicroTime;
import io.ksim.api.resource.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The core group's cluster and configuration kinds: Nodes, Namespaces, Events, ConfigMaps, Secrets,
 * ServiceAccounts, ResourceQuotas, ReplicationControllers (Pods, Services and volumes have their own printer classes).
 */
final class CorePrinters {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";

    private CorePrinters() {
    }

    static void register(ServerPrinters p) {
        Printer.register(p, Node.class, List.of(name(),
                col("Status", "string", "The status of the node"),
                col("Roles", "string", "The roles of the node"),
                age(),
                doc("Version", "string", "NodeSystemInfo.kubeletVersion"),
                wideDoc("Internal-IP", "string", "NodeStatus.addresses"),
                wideDoc("External-IP", "string", "NodeStatus.addresses"),
                wideDoc("OS-Image", "string", "NodeSystemInfo.osImage"),
                wideDoc("Kernel-Version", "string", "NodeSystemInfo.kernelVersion"),
                wideDoc("Container-Runtime", "string", "NodeSystemInfo.containerRuntimeVersion")),
                CorePrinters::node);
        Printer.register(p, Namespace.class, List.of(name(), col("Status", "string", "The status of the namespace"), age()),
                (ns, now) -> List.of(ns.metadata().name(), ns.status() == null ? "" : Cells.str(ns.status().phase()),
                        HumanDuration.since(ns.metadata().creationTimestamp(), now)));
        Printer.register(p, Event.class, List.of(
                doc("Last Seen", "string", "Event.lastTimestamp"),
                doc("Type", "string", "Event.type"),
                doc("Reason", "string", "Event.reason"),
                doc("Object", "string", "Event.involvedObject"),
                wideDoc("Subobject", "string", "ObjectReference.fieldPath"),
                wideDoc("Source", "string", "Event.source"),
                doc("Message", "string", "Event.message"),
                wideDoc("First Seen", "string", "Event.firstTimestamp"),
                wideDoc("Count", "string", "Event.count"),
                new Table.Column("Name", "string", "name", SwaggerDocs.of("ObjectMeta.name"), 1)),
                CorePrinters::event);
        Printer.register(p, ConfigMap.class, List.of(name(), doc("Data", "string", "ConfigMap.data"), age()),
                (cm, now) -> List.of(cm.metadata().name(),
                        Integer.toString(map(cm.data()).size() + map(cm.binaryData()).size()),
                        HumanDuration.since(cm.metadata().creationTimestamp(), now)));
        Printer.register(p, Secret.class, List.of(name(), doc("Type", "string", "Secret.type"),
                doc("Data", "string", "Secret.data"), age()),
                (s, now) -> List.of(s.metadata().name(), Cells.str(s.type()), Integer.toString(map(s.data()).size()),
                        HumanDuration.since(s.metadata().creationTimestamp(), now)));
        Printer.register(p, ServiceAccount.class, List.of(name(), doc("Secrets", "string", "ServiceAccount.secrets"), age()),
                (sa, now) -> List.of(sa.metadata().name(), Integer.toString(list(sa.secrets()).size()),
                        HumanDuration.since(sa.metadata().creationTimestamp(), now)));
        Printer.register(p, ResourceQuota.class, List.of(name(),
                col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
                col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
                age()),
                CorePrinters::resourceQuota);
        Printer.register(p, ReplicationController.class, List.of(name(),
                doc("Desired", "integer", "ReplicationControllerSpec.replicas"),
                doc("Current", "integer", "ReplicationControllerStatus.replicas"),
                doc("Ready", "integer", "ReplicationControllerStatus.readyReplicas"),
                age(), containers(), images(), wideDoc("Selector", "string", "ReplicationControllerSpec.selector")),
                CorePrinters::replicationController);
    }

    /** Like a ReplicaSet's row, with the selector's label map printed as labels.FormatLabels prints it. */
    private static List<String> replicationController(ReplicationController rc, Instant now) {
        String[] ci = AppsPrinters.containersAndImages(rc.spec().template());
        return List.of(rc.metadata().name(), Integer.toString(Cells.num(rc.spec().replicas())),
                Integer.toString(rc.status().replicas()), Integer.toString(Cells.num(rc.status().readyReplicas())),
                HumanDuration.since(rc.metadata().creationTimestamp(), now), ci[0], ci[1],
                Cells.labels(rc.spec().selector()));
    }

    /**
     * Ready (or NotReady) from the Ready condition, Unknown without one, then SchedulingDisabled for a
     * cordoned node; roles from {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role} labels.
     */
    private static List<String> node(Node node, Instant now) {
        Node.NodeStatus st = node.status();
        List<String> status = new ArrayList<>();
        if (st != null) {
            Node.NodeCondition ready = null;
            // Upstream keeps the last condition of a type when a type repeats.
            for (Node.NodeCondition c : list(st.conditions())) {
                if ("Ready".equals(c.type())) {
                    ready = c;
                }
            }
            if (ready != null) {
                status.add(ConditionStatus.TRUE.equals(ready.status()) ? "Ready" : "NotReady");
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
            status.add("SchedulingDisabled");
        }
        TreeSet<String> roles = new TreeSet<>();
        for (Map.Entry<String, String> label : map(node.metadata().labels()).entrySet()) {
            String k = label.getKey();
            if (k.startsWith(ROLE_LABEL_PREFIX)) {
                String role = k.substring(ROLE_LABEL_PREFIX.length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (k.equals(ROLE_LABEL) && !label.getValue().isEmpty()) {
                roles.add(label.getValue());
            }
        }
        Node.NodeSystemInfo info = st == null ? null : st.nodeInfo();
        return List.of(node.metadata().name(), String.join(",", status),
                roles.isEmpty() ? Cells.NONE : String.join(",", roles),
                HumanDuration.since(node.metadata().creationTimestamp(), now),
                info == null ? "" : Cells.str(info.kubeletVersion()),
                address(st, "InternalIP"), address(st, "ExternalIP"),
                unknownIfEmpty(info == null ? null : info.osImage()),
                unknownIfEmpty(info == null ? null : info.kernelVersion()),
                unknownIfEmpty(info == null ? null : info.containerRuntimeVersion()));
    }

    private static String address(Node.NodeStatus st, String type) {
        if (st != null) {
            for (Node.NodeAddress a : list(st.addresses())) {
                if (type.equals(a.type())) {
                    return a.address();
                }
            }
        }
        return Cells.NONE;
    }

    private static String unknownIfEmpty(String s) {
        return s == null || s.isEmpty() ? "<unknown>" : s;
    }

    /**
     * Last Seen falls back to First Seen, which falls back to the new API's eventTime; a series gives its
     * own last observation and count; a singleton event of the new API (count 0) counts 1.
     */
    private static List<String> event(Event e, Instant now) {
        String first = e.firstTimestamp() != null ? HumanDuration.since(e.firstTimestamp(), now)
                : HumanDuration.since(micro(e.eventTime()), now);
        String last = e.lastTimestamp() != null ? HumanDuration.since(e.lastTimestamp(), now) : first;
        int count = Cells.num(e.count());
        if (e.series() != null) {
            last = HumanDuration.since(micro(e.series().lastObservedTime()), now);
            count = Cells.num(e.series().count());
        } else if (count == 0) {
            count = 1;
        }
        ObjectReference involved = e.involvedObject();
        String kind = involved == null ? "" : Cells.str(involved.kind()).toLowerCase(Locale.ROOT);
        String target = involved != null && involved.name() != null && !involved.name().isEmpty()
                ? kind + "/" + involved.name() : kind;
        String component = e.source() != null && nonEmpty(e.source().component()) ? e.source().component()
                : Cells.str(e.reportingComponent());
        String instance = e.source() != null && nonEmpty(e.source().host()) ? e.source().host()
                : Cells.str(e.reportingInstance());
        String source = instance.isEmpty() ? component : component + ", " + instance;
        return List.of(last, Cells.str(e.type()), Cells.str(e.reason()), target,
                involved == null ? "" : Cells.str(involved.fieldPath()), source, Cells.str(e.message()).strip(),
                first, Integer.toString(count), e.metadata().name());
    }

    private static Instant micro(MicroTime t) {
        return t == null ? null : t.time();
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    /** {@code resource: used/hard} for every hard limit in name order; {@code limits.*} go to the Limit column. */
    private static List<String> resourceQuota(ResourceQuota q, Instant now) {
        Map<String, Quantity> hard = q.status() == null ? Map.of() : map(q.status().hard());
        Map<String, Quantity> used = q.status() == null ? Map.of() : map(q.status().used());
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        for (String resource : new TreeSet<>(hard.keySet())) {
            Quantity u = used.get(resource);
            String cell = resource + ": " + (u == null ? "0" : u.toString()) + "/" + hard.get(resource);
            String[] pieces = resource.split("\\.", -1);
            (pieces.length > 1 && pieces[0].equals("limits") ? limits : requests).add(cell);
        }
        return List.of(q.metadata().name(), String.join(", ", requests), String.join(", ", limits),
                HumanDuration.since(q.metadata().creationTimestamp(), now));
    }
}
