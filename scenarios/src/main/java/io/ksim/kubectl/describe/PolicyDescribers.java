package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_2;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_3;

import io.ksim.api.core.Event;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.ObjectMeta;
import io.ksim.api.networking.NetworkPolicy;
import io.ksim.api.rbac.PolicyRule;
import io.ksim.api.rbac.RoleRef;
import io.ksim.api.rbac.Subject;
import io.ksim.api.resource.Quantity;
import io.ksim.api.scheduling.PriorityClass;
import io.ksim.api.storage.CSINode;
import io.ksim.api.storage.StorageClass;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl's describers for quotas and limit ranges, priority and storage classes, EndpointSlices, RBAC roles
 * and bindings, and NetworkPolicies.
 */
final class PolicyDescribers {

    private PolicyDescribers() {
    }

    static String resourceQuota(ResourceQuota q) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", q.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", q.metadata().namespace());
        List<String> scopes = new ArrayList<>(q.spec() == null ? List.of() : PodDescriber.list(q.spec().scopes()));
        if (!scopes.isEmpty()) {
            scopes.sort(null);
            w.write(LEVEL_0, "Scopes:\t%s\n", String.join(", ", scopes));
            for (String scope : scopes) {
                String help = CoreDescribers.scopeHelp(scope);
                if (!help.isEmpty()) {
                    w.write(LEVEL_0, " * %s\n", help);
                }
            }
        }
        w.write(LEVEL_0, "Resource\tUsed\tHard\n");
        w.write(LEVEL_0, "--------\t----\t----\n");
        Map<String, Quantity> hard = q.status() == null || q.status().hard() == null ? Map.of() : q.status().hard();
        Map<String, Quantity> used = q.status() == null || q.status().used() == null ? Map.of() : q.status().used();
        new TreeMap<>(hard).forEach((r, h) -> {
            Quantity u = used.get(r);
            String usedText;
            if (u == null) {
                usedText = "0";
            } else if (u.format() != h.format()) {
                // kubectl shows the used amount in the hard limit's format.
                usedText = Quantity.of(u.value(), h.format()).toString();
            } else {
                usedText = u.toString();
            }
            w.write(LEVEL_0, "%s\t%s\t%s\n", r, usedText, h);
        });
        return w.text();
    }

    static String limitRange(LimitRange lr) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", lr.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", lr.metadata().namespace());
        w.write(LEVEL_0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
        w.write(LEVEL_0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
        CoreDescribers.limitRangeItems(lr, "", w);
        return w.text();
    }

    static String priorityClass(PriorityClass pc, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", pc.metadata().name());
        w.write(LEVEL_0, "Value:\t%d\n", pc.value());
        w.write(LEVEL_0, "GlobalDefault:\t%s\n", Boolean.TRUE.equals(pc.globalDefault()));
        w.write(LEVEL_0, "PreemptionPolicy:\t%s\n", Fmt.nz(pc.preemptionPolicy()));
        w.write(LEVEL_0, "Description:\t%s\n", Fmt.nz(pc.description()));
        w.write(LEVEL_0, "Annotations:\t%s\n", Fmt.labels(pc.metadata().annotations()));
        Fmt.events(w, events, now);
        return w.text();
    }

    /**
     * kubectl's describeCSINode: name, labels, annotations, creation time, then each driver's node id, its
     * allocatable count when set and its topology keys in Go's {@code %s} of a slice ({@code [a b]}); the Drivers
     * block only when the list is set, which storage leaves nil for a node without drivers.
     */
    static String csiNode(CSINode n, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", n.metadata().name());
        Fmt.labelsMultiline(w, "Labels", n.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", n.metadata().annotations());
        w.write(LEVEL_0, "CreationTimestamp:\t%s\n", Fmt.time(n.metadata().creationTimestamp()));
        w.write(LEVEL_0, "Spec:\n");
        if (n.spec().drivers() != null) {
            w.write(LEVEL_1, "Drivers:\n");
            for (CSINode.CSINodeDriver d : n.spec().drivers()) {
                w.write(LEVEL_2, "%s:\n", Fmt.nz(d.name()));
                w.write(LEVEL_3, "Node ID:\t%s\n", Fmt.nz(d.nodeID()));
                if (d.allocatable() != null && d.allocatable().count() != null) {
                    w.write(LEVEL_3, "Allocatables:\n");
                    w.write(PrefixWriter.LEVEL_4, "Count:\t%d\n", d.allocatable().count());
                }
                if (d.topologyKeys() != null) {
                    w.write(LEVEL_3, "Topology Keys:\t[%s]\n", String.join(" ", d.topologyKeys()));
                }
            }
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    static String storageClass(StorageClass sc, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", sc.metadata().name());
        w.write(LEVEL_0, "IsDefaultClass:\t%s\n", isDefault(sc.metadata()) ? "Yes" : "No");
        w.write(LEVEL_0, "Annotations:\t%s\n", Fmt.labels(sc.metadata().annotations()));
        w.write(LEVEL_0, "Provisioner:\t%s\n", Fmt.nz(sc.provisioner()));
        w.write(LEVEL_0, "Parameters:\t%s\n", Fmt.labels(sc.parameters()));
        w.write(LEVEL_0, "AllowVolumeExpansion:\t%s\n", Fmt.boolPtr(sc.allowVolumeExpansion()));
        List<String> options = PodDescriber.list(sc.mountOptions());
        if (options.isEmpty()) {
            w.write(LEVEL_0, "MountOptions:\t<none>\n");
        } else {
            w.write(LEVEL_0, "MountOptions:\n");
            options.forEach(o -> w.write(LEVEL_1, "%s\n", o));
        }
        if (sc.reclaimPolicy() != null) {
            w.write(LEVEL_0, "ReclaimPolicy:\t%s\n", sc.reclaimPolicy());
        }
        if (sc.volumeBindingMode() != null) {
            w.write(LEVEL_0, "VolumeBindingMode:\t%s\n", sc.volumeBindingMode());
        }
        if (sc.allowedTopologies() != null) {
            w.write(LEVEL_0, "AllowedTopologies:\t");
            if (sc.allowedTopologies().isEmpty()) {
                w.writeLine("<none>");
            } else {
                w.writeLine("");
                for (int i = 0; i < sc.allowedTopologies().size(); i++) {
                    var reqs = PodDescriber.list(sc.allowedTopologies().get(i).matchLabelExpressions());
                    w.write(LEVEL_1, "%s:%s", "Term " + i, "\t");
                    if (reqs.isEmpty()) {
                        w.writeLine("<none>");
                        continue;
                    }
                    for (int j = 0; j < reqs.size(); j++) {
                        if (j != 0) {
                            w.write(LEVEL_1, "%s", "\t");
                        }
                        var req = reqs.get(j);
                        String expr = req.key() + " in";
                        if (req.values() != null && !req.values().isEmpty()) {
                            expr += " [" + String.join(", ", req.values()) + "]";
                        }
                        w.write(LEVEL_0, "%s\n", expr);
                    }
                }
            }
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    /** storageutil.IsDefaultAnnotationText: the default-class annotation, or its beta form, set to "true". */
    private static boolean isDefault(ObjectMeta meta) {
        return "true".equals(meta.annotations().get("storageclass.kubernetes.io/is-default-class"))
                || "true".equals(meta.annotations().get("storageclass.beta.kubernetes.io/is-default-class"));
    }

    static String endpointSlice(EndpointSlice eps, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", eps.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", eps.metadata().namespace());
        Fmt.labelsMultiline(w, "Labels", eps.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", eps.metadata().annotations());
        w.write(LEVEL_0, "AddressType:\t%s\n", Fmt.nz(eps.addressType()));
        var ports = PodDescriber.list(eps.ports());
        if (ports.isEmpty()) {
            w.write(LEVEL_0, "Ports: <unset>\n");
        } else {
            w.write(LEVEL_0, "Ports:\n");
            w.write(LEVEL_1, "Name\tPort\tProtocol\n");
            w.write(LEVEL_1, "----\t----\t--------\n");
            for (var p : ports) {
                String name = p.name() == null || p.name().isEmpty() ? "<unset>" : p.name();
                String port = p.port() == null ? "<unset>" : p.port().toString();
                w.write(LEVEL_1, "%s\t%s\t%s\n", name, port, Fmt.nz(p.protocol()));
            }
        }
        var endpoints = PodDescriber.list(eps.endpoints());
        if (endpoints.isEmpty()) {
            w.write(LEVEL_0, "Endpoints: <none>\n");
        } else {
            w.write(LEVEL_0, "Endpoints:\n");
            for (var e : endpoints) {
                String addresses = String.join(", ", PodDescriber.list(e.addresses()));
                w.write(LEVEL_1, "- Addresses:\t%s\n", addresses.isEmpty() ? "<none>" : addresses);
                w.write(LEVEL_2, "Conditions:\n");
                Boolean ready = e.conditions() == null ? null : e.conditions().ready();
                w.write(LEVEL_3, "Ready:\t%s\n", ready == null ? "<unset>" : ready.toString());
                w.write(LEVEL_2, "Hostname:\t%s\n", e.hostname() == null ? "<unset>" : e.hostname());
                if (e.targetRef() != null) {
                    w.write(LEVEL_2, "TargetRef:\t%s/%s\n", Fmt.nz(e.targetRef().kind()), Fmt.nz(e.targetRef().name()));
                }
                w.write(LEVEL_2, "NodeName:\t%s\n", e.nodeName() == null ? "<unset>" : e.nodeName());
                w.write(LEVEL_2, "Zone:\t%s\n", e.zone() == null ? "<unset>" : e.zone());
            }
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    /** Roles and ClusterRoles: the rules broken down per resource and verb, merged again and sorted as kubectl does. */
    static String role(ObjectMeta meta, List<PolicyRule> rules) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", meta.name());
        Fmt.labelsMultiline(w, "Labels", meta.labels());
        Fmt.annotationsMultiline(w, "Annotations", meta.annotations());
        w.write(LEVEL_0, "PolicyRule:\n");
        w.write(LEVEL_1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
        w.write(LEVEL_1, "---------\t-----------------\t--------------\t-----\n");
        for (Rule r : compact(rules)) {
            w.write(LEVEL_1, "%s\t%s\t%s\t%s\n", combineResourceGroup(r.resources, r.groups),
                    CoreDescribers.goList(r.urls), CoreDescribers.goList(r.names), CoreDescribers.goList(r.verbs));
        }
        return w.text();
    }

    private record Rule(List<String> verbs, List<String> groups, List<String> resources, List<String> names,
            List<String> urls) {

        /** The rule's generated Go String(), which kubectl sorts the rows by. */
        String goString() {
            return "&PolicyRule{Verbs:" + CoreDescribers.goList(verbs) + ",APIGroups:" + CoreDescribers.goList(groups)
                    + ",Resources:" + CoreDescribers.goList(resources) + ",ResourceNames:"
                    + CoreDescribers.goList(names) + ",NonResourceURLs:" + CoreDescribers.goList(urls) + ",}";
        }
    }

    private static List<Rule> compact(List<PolicyRule> rules) {
        List<Rule> other = new ArrayList<>();
        Map<List<String>, Rule> simple = new LinkedHashMap<>();
        for (PolicyRule rule : PodDescriber.list(rules)) {
            List<String> verbs = PodDescriber.list(rule.verbs());
            for (String group : PodDescriber.list(rule.apiGroups())) {
                for (String resource : PodDescriber.list(rule.resources())) {
                    for (String verb : verbs) {
                        List<String> names = PodDescriber.list(rule.resourceNames()).isEmpty()
                                ? Arrays.asList((String) null) : rule.resourceNames();
                        for (String name : names) {
                            List<String> key = Arrays.asList(group, resource, name);
                            Rule existing = simple.get(key);
                            if (existing == null) {
                                simple.put(key, new Rule(new ArrayList<>(List.of(verb)), List.of(group),
                                        List.of(resource), name == null ? List.of() : List.of(name), List.of()));
                            } else if (!existing.verbs.contains(verb)) {
                                existing.verbs.add(verb);
                            }
                        }
                    }
                }
            }
            for (String url : PodDescriber.list(rule.nonResourceURLs())) {
                for (String verb : verbs) {
                    other.add(new Rule(List.of(verb), List.of(), List.of(), List.of(), List.of(url)));
                }
            }
        }
        List<Rule> out = new ArrayList<>(other);
        out.addAll(simple.values());
        out.sort(Comparator.comparing(Rule::goString));
        return out;
    }

    private static String combineResourceGroup(List<String> resources, List<String> groups) {
        if (resources.isEmpty()) {
            return "";
        }
        String[] parts = resources.get(0).split("/", 2);
        String combined = parts[0];
        if (!groups.isEmpty() && !groups.get(0).isEmpty()) {
            combined += "." + groups.get(0);
        }
        if (parts.length == 2) {
            combined += "/" + parts[1];
        }
        return combined;
    }

    static String binding(ObjectMeta meta, RoleRef ref, List<Subject> subjects) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", meta.name());
        Fmt.labelsMultiline(w, "Labels", meta.labels());
        Fmt.annotationsMultiline(w, "Annotations", meta.annotations());
        w.write(LEVEL_0, "Role:\n");
        w.write(LEVEL_1, "Kind:\t%s\n", ref == null ? "" : Fmt.nz(ref.kind()));
        w.write(LEVEL_1, "Name:\t%s\n", ref == null ? "" : Fmt.nz(ref.name()));
        w.write(LEVEL_0, "Subjects:\n");
        w.write(LEVEL_1, "Kind\tName\tNamespace\n");
        w.write(LEVEL_1, "----\t----\t---------\n");
        for (Subject s : PodDescriber.list(subjects)) {
            w.write(LEVEL_1, "%s\t%s\t%s\n", Fmt.nz(s.kind()), Fmt.nz(s.name()), Fmt.nz(s.namespace()));
        }
        return w.text();
    }

    /** Go's time.Time String(): {@code 2025-01-01 00:00:00 +0000 UTC}. */
    private static final DateTimeFormatter GO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    static String networkPolicy(NetworkPolicy np) {
        PrefixWriter w = new PrefixWriter();
        var spec = np.spec();
        w.write(LEVEL_0, "Name:\t%s\n", np.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", np.metadata().namespace());
        Instant created = np.metadata().creationTimestamp();
        w.write(LEVEL_0, "Created on:\t%s\n", created == null ? "0001-01-01 00:00:00 +0000 UTC" : GO_TIME.format(created));
        Fmt.labelsMultiline(w, "Labels", np.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", np.metadata().annotations());
        w.write(LEVEL_0, "Spec:\n");
        w.write(LEVEL_1, "PodSelector: ");
        var ps = spec.podSelector();
        boolean empty = ps == null || ((ps.matchLabels() == null || ps.matchLabels().isEmpty())
                && (ps.matchExpressions() == null || ps.matchExpressions().isEmpty()));
        if (empty) {
            w.write(LEVEL_2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
        } else {
            w.write(LEVEL_2, "%s\n", Fmt.selector(ps));
        }
        List<String> types = PodDescriber.list(spec.policyTypes());
        String indent = "    ";
        if (types.contains("Ingress")) {
            w.write(LEVEL_1, "Allowing ingress traffic:\n");
            var rules = PodDescriber.list(spec.ingress());
            if (rules.isEmpty()) {
                w.write(LEVEL_0, "%s%s\n", indent, "<none> (Selected pods are isolated for ingress connectivity)");
            }
            for (int i = 0; i < rules.size(); i++) {
                ports(w, indent, rules.get(i).ports());
                peers(w, indent, "From", rules.get(i).from(), "From: <any> (traffic not restricted by source)");
                if (i != rules.size() - 1) {
                    w.write(LEVEL_0, "%s%s\n", indent, "----------");
                }
            }
        } else {
            w.write(LEVEL_1, "Not affecting ingress traffic\n");
        }
        if (types.contains("Egress")) {
            w.write(LEVEL_1, "Allowing egress traffic:\n");
            var rules = PodDescriber.list(spec.egress());
            if (rules.isEmpty()) {
                w.write(LEVEL_0, "%s%s\n", indent, "<none> (Selected pods are isolated for egress connectivity)");
            }
            for (int i = 0; i < rules.size(); i++) {
                ports(w, indent, rules.get(i).ports());
                peers(w, indent, "To", rules.get(i).to(), "To: <any> (traffic not restricted by destination)");
                if (i != rules.size() - 1) {
                    w.write(LEVEL_0, "%s%s\n", indent, "----------");
                }
            }
        } else {
            w.write(LEVEL_1, "Not affecting egress traffic\n");
        }
        w.write(LEVEL_1, "Policy Types: %s\n", types.isEmpty() ? "<none>" : String.join(", ", types));
        return w.text();
    }

    private static void ports(PrefixWriter w, String indent, List<NetworkPolicy.NetworkPolicyPort> ports) {
        if (PodDescriber.list(ports).isEmpty()) {
            w.write(LEVEL_0, "%s%s\n", indent, "To Port: <any> (traffic allowed to all ports)");
            return;
        }
        for (var p : ports) {
            String proto = p.protocol() == null ? "TCP" : p.protocol();
            String port = p.port() == null ? "%!s(<nil>)" : Fmt.intOrString(p.port());
            if (p.endPort() == null) {
                w.write(LEVEL_0, "%s%s: %s/%s\n", indent, "To Port", port, proto);
            } else {
                w.write(LEVEL_0, "%s%s: %s-%d/%s\n", indent, "To Port Range", port, p.endPort(), proto);
            }
        }
    }

    private static void peers(PrefixWriter w, String indent, String title, List<NetworkPolicy.NetworkPolicyPeer> peers,
            String any) {
        if (PodDescriber.list(peers).isEmpty()) {
            w.write(LEVEL_0, "%s%s\n", indent, any);
            return;
        }
        for (var peer : peers) {
            w.write(LEVEL_0, "%s%s\n", indent, title + ":");
            if (peer.podSelector() != null && peer.namespaceSelector() != null) {
                w.write(LEVEL_1, "%s%s: %s\n", indent, "NamespaceSelector", Fmt.selector(peer.namespaceSelector()));
                w.write(LEVEL_1, "%s%s: %s\n", indent, "PodSelector", Fmt.selector(peer.podSelector()));
            } else if (peer.podSelector() != null) {
                w.write(LEVEL_1, "%s%s: %s\n", indent, "PodSelector", Fmt.selector(peer.podSelector()));
            } else if (peer.namespaceSelector() != null) {
                w.write(LEVEL_1, "%s%s: %s\n", indent, "NamespaceSelector", Fmt.selector(peer.namespaceSelector()));
            } else if (peer.ipBlock() != null) {
                w.write(LEVEL_1, "%sIPBlock:\n", indent);
                w.write(LEVEL_2, "%sCIDR: %s\n", indent, Fmt.nz(peer.ipBlock().cidr()));
                w.write(LEVEL_2, "%sExcept: %s\n", indent, String.join(", ", PodDescriber.list(peer.ipBlock().except())));
            }
        }
    }
}
