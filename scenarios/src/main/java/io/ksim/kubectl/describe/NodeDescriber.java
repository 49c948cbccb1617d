package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;

import io.ksim.api.coordination.Lease;
import io.ksim.api.core.Container;
import io.ksim.api.core.Event;
import io.ksim.api.core.Node;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodSpec;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.ListOptions;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** kubectl's node describer: conditions, capacity, system info, the pods on the node and their share of it. */
final class NodeDescriber {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    private NodeDescriber() {
    }

    static String describe(Describers ds, Node node, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        String name = node.metadata().name();
        w.write(LEVEL_0, "Name:\t%s\n", name);
        TreeSet<String> roles = new TreeSet<>();
        node.metadata().labels().forEach((k, v) -> {
            if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
                roles.add(k.substring(ROLE_PREFIX.length()));
            } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                roles.add(v);
            }
        });
        w.write(LEVEL_0, "Roles:\t%s\n", roles.isEmpty() ? "<none>" : String.join(",", roles));
        Fmt.labelsMultiline(w, "Labels", node.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", node.metadata().annotations());
        w.write(LEVEL_0, "CreationTimestamp:\t%s\n", Fmt.time(node.metadata().creationTimestamp()));
        var spec = node.spec();
        Fmt.taintsMultiline(w, "Taints", PodDescriber.list(spec.taints()));
        w.write(LEVEL_0, "Unschedulable:\t%s\n", Boolean.TRUE.equals(spec.unschedulable()));
        try {
            Lease lease = ds.api().get(BuiltinResources.LEASES, "kube-node-lease", name);
            var ls = lease.spec();
            w.write(LEVEL_0, "Lease:\n");
            w.write(LEVEL_1, "HolderIdentity:\t%s\n", ls == null || ls.holderIdentity() == null ? "<unset>" : ls.holderIdentity());
            w.write(LEVEL_1, "AcquireTime:\t%s\n", ls == null || ls.acquireTime() == null ? "<unset>" : Fmt.time(ls.acquireTime().time()));
            w.write(LEVEL_1, "RenewTime:\t%s\n", ls == null || ls.renewTime() == null ? "<unset>" : Fmt.time(ls.renewTime().time()));
        } catch (ApiException e) {
            w.write(LEVEL_0, "Lease:\tFailed to get lease: %s\n", e.status().message());
        }
        var status = node.status();
        var conditions = PodDescriber.list(status.conditions());
        if (!conditions.isEmpty()) {
            w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
            w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
            for (var c : conditions) {
                w.write(LEVEL_1, "%s \t%s \t%s \t%s \t%s \t%s\n", c.type(), c.status(), Fmt.time(c.lastHeartbeatTime()),
                        Fmt.time(c.lastTransitionTime()), Fmt.nz(c.reason()), Fmt.nz(c.message()));
            }
        }
        w.write(LEVEL_0, "Addresses:\n");
        for (var a : PodDescriber.list(status.addresses())) {
            w.write(LEVEL_1, "%s:\t%s\n", a.type(), a.address());
        }
        if (!status.capacity().isEmpty()) {
            w.write(LEVEL_0, "Capacity:\n");
            status.capacity().forEach((r, q) -> w.write(LEVEL_0, "  %s:\t%s\n", r, q));
        }
        if (!status.allocatable().isEmpty()) {
            w.write(LEVEL_0, "Allocatable:\n");
            status.allocatable().forEach((r, q) -> w.write(LEVEL_0, "  %s:\t%s\n", r, q));
        }
        var info = status.nodeInfo();
        Function<Function<Node.NodeSystemInfo, String>, String> field = f -> info == null ? "" : Fmt.nz(f.apply(info));
        w.write(LEVEL_0, "System Info:\n");
        w.write(LEVEL_0, "  Machine ID:\t%s\n", field.apply(Node.NodeSystemInfo::machineID));
        w.write(LEVEL_0, "  System UUID:\t%s\n", field.apply(Node.NodeSystemInfo::systemUUID));
        w.write(LEVEL_0, "  Boot ID:\t%s\n", field.apply(Node.NodeSystemInfo::bootID));
        w.write(LEVEL_0, "  Kernel Version:\t%s\n", field.apply(Node.NodeSystemInfo::kernelVersion));
        w.write(LEVEL_0, "  OS Image:\t%s\n", field.apply(Node.NodeSystemInfo::osImage));
        w.write(LEVEL_0, "  Operating System:\t%s\n", field.apply(Node.NodeSystemInfo::operatingSystem));
        w.write(LEVEL_0, "  Architecture:\t%s\n", field.apply(Node.NodeSystemInfo::architecture));
        w.write(LEVEL_0, "  Container Runtime Version:\t%s\n", field.apply(Node.NodeSystemInfo::containerRuntimeVersion));
        w.write(LEVEL_0, "  Kubelet Version:\t%s\n", field.apply(Node.NodeSystemInfo::kubeletVersion));
        w.write(LEVEL_0, "  Kube-Proxy Version:\t%s\n", field.apply(Node.NodeSystemInfo::kubeProxyVersion));
        if (spec.podCIDR() != null && !spec.podCIDR().isEmpty()) {
            w.write(LEVEL_0, "PodCIDR:\t%s\n", spec.podCIDR());
        }
        if (!spec.podCIDRs().isEmpty()) {
            w.write(LEVEL_0, "PodCIDRs:\t%s\n", String.join(",", spec.podCIDRs()));
        }
        if (spec.providerID() != null && !spec.providerID().isEmpty()) {
            w.write(LEVEL_0, "ProviderID:\t%s\n", spec.providerID());
        }
        List<Pod> pods = ds.api().list(BuiltinResources.PODS, null, ListOptions.fields(
                "spec.nodeName=" + name + ",status.phase!=Succeeded,status.phase!=Failed")).items();
        resources(w, node, pods, now);
        Fmt.events(w, events, now);
        return w.text();
    }

    private static void resources(PrefixWriter w, Node node, List<Pod> pods, Instant now) {
        w.write(LEVEL_0, "Non-terminated Pods:\t(%d in total)\n", pods.size());
        w.write(LEVEL_1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
        w.write(LEVEL_1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
        SortedMap<String, Quantity> allocatable = node.status().allocatable().isEmpty()
                ? node.status().capacity() : node.status().allocatable();
        long cpuAlloc = milli(allocatable.get("cpu"));
        long memAlloc = value(allocatable.get("memory"));
        Map<String, Quantity> totalReq = new TreeMap<>();
        Map<String, Quantity> totalLim = new TreeMap<>();
        for (Pod pod : pods) {
            Map<String, Quantity> req = requests(pod.spec());
            Map<String, Quantity> lim = limits(pod.spec());
            add(totalReq, req);
            add(totalLim, lim);
            Quantity cpuReq = req.get("cpu");
            Quantity cpuLim = lim.get("cpu");
            Quantity memReq = req.get("memory");
            Quantity memLim = lim.get("memory");
            w.write(LEVEL_1, "%s\t%s\t\t%s (%d%%)\t%s (%d%%)\t%s (%d%%)\t%s (%d%%)\t%s\n", pod.metadata().namespace(),
                    pod.metadata().name(), Fmt.quantity(cpuReq), percent(milli(cpuReq), cpuAlloc),
                    Fmt.quantity(cpuLim), percent(milli(cpuLim), cpuAlloc), Fmt.quantity(memReq),
                    percent(value(memReq), memAlloc), Fmt.quantity(memLim), percent(value(memLim), memAlloc),
                    Fmt.since(pod.metadata().creationTimestamp(), now));
        }
        w.write(LEVEL_0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
        w.write(LEVEL_1, "Resource\tRequests\tLimits\n");
        w.write(LEVEL_1, "--------\t--------\t------\n");
        long storageAlloc = value(allocatable.get("ephemeral-storage"));
        w.write(LEVEL_1, "%s\t%s (%d%%)\t%s (%d%%)\n", "cpu", Fmt.quantity(totalReq.get("cpu")),
                percentOrZero(milli(totalReq.get("cpu")), cpuAlloc), Fmt.quantity(totalLim.get("cpu")),
                percentOrZero(milli(totalLim.get("cpu")), cpuAlloc));
        w.write(LEVEL_1, "%s\t%s (%d%%)\t%s (%d%%)\n", "memory", Fmt.quantity(totalReq.get("memory")),
                percentOrZero(value(totalReq.get("memory")), memAlloc), Fmt.quantity(totalLim.get("memory")),
                percentOrZero(value(totalLim.get("memory")), memAlloc));
        w.write(LEVEL_1, "%s\t%s (%d%%)\t%s (%d%%)\n", "ephemeral-storage",
                Fmt.quantity(totalReq.get("ephemeral-storage")),
                percentOrZero(value(totalReq.get("ephemeral-storage")), storageAlloc),
                Fmt.quantity(totalLim.get("ephemeral-storage")),
                percentOrZero(value(totalLim.get("ephemeral-storage")), storageAlloc));
        List<String> hugePages = new ArrayList<>();
        List<String> extended = new ArrayList<>();
        for (String r : allocatable.keySet()) {
            if (r.startsWith("hugepages-")) {
                hugePages.add(r);
            } else if (!standard(r) && !r.equals("pods")) {
                extended.add(r);
            }
        }
        for (String r : hugePages) {
            long alloc = value(allocatable.get(r));
            w.write(LEVEL_1, "%s\t%s (%d%%)\t%s (%d%%)\n", r, Fmt.quantity(totalReq.get(r)),
                    percentOrZero(value(totalReq.get(r)), alloc), Fmt.quantity(totalLim.get(r)),
                    percentOrZero(value(totalLim.get(r)), alloc));
        }
        for (String r : extended) {
            w.write(LEVEL_1, "%s\t%s\t%s\n", r, Fmt.quantity(totalReq.get(r)), Fmt.quantity(totalLim.get(r)));
        }
    }

    /** Standard container resource names (upstream IsStandardContainerResourceName). */
    private static boolean standard(String r) {
        return r.equals("cpu") || r.equals("memory") || r.equals("ephemeral-storage") || r.startsWith("hugepages-");
    }

    private static long milli(Quantity q) {
        return q == null ? 0 : q.milliValue();
    }

    private static long value(Quantity q) {
        return q == null ? 0 : q.value();
    }

    /** Go's int64(float64(a) / float64(b) * 100), with Go's conversion of NaN and infinities. */
    private static long percent(long a, long b) {
        double f = (double) a / (double) b * 100;
        if (Double.isNaN(f) || Double.isInfinite(f)) {
            return Long.MIN_VALUE;
        }
        return (long) f;
    }

    private static long percentOrZero(long a, long b) {
        return b == 0 ? 0 : percent(a, b);
    }

    private static void add(Map<String, Quantity> into, Map<String, Quantity> more) {
        more.forEach((k, v) -> into.merge(k, v, Quantity::add));
    }

    /** kubectl's PodRequestsAndLimits: containers summed, init containers and sidecars as the scheduler counts them, plus overhead. */
    static Map<String, Quantity> requests(PodSpec spec) {
        Map<String, Quantity> out = sum(spec, c -> c.resources().requests());
        add(out, spec.overhead());
        return out;
    }

    static Map<String, Quantity> limits(PodSpec spec) {
        Map<String, Quantity> out = sum(spec, c -> c.resources().limits());
        spec.overhead().forEach((k, v) -> out.computeIfPresent(k, (key, q) -> q.add(v)));
        return out;
    }

    private static Map<String, Quantity> sum(PodSpec spec, Function<Container, Map<String, Quantity>> list) {
        Map<String, Quantity> out = new TreeMap<>();
        for (Container c : spec.containers()) {
            add(out, nn(list.apply(c)));
        }
        Map<String, Quantity> sidecars = new TreeMap<>();
        Map<String, Quantity> init = new TreeMap<>();
        for (Container c : spec.initContainers()) {
            Map<String, Quantity> needs;
            if (c.isRestartable()) {
                add(out, nn(list.apply(c)));
                add(sidecars, nn(list.apply(c)));
                needs = sidecars;
            } else {
                needs = new TreeMap<>(nn(list.apply(c)));
                add(needs, sidecars);
            }
            needs.forEach((k, v) -> init.merge(k, v, (a, b) -> b.compareTo(a) > 0 ? b : a));
        }
        init.forEach((k, v) -> out.merge(k, v, (a, b) -> b.compareTo(a) > 0 ? b : a));
        return out;
    }

    private static Map<String, Quantity> nn(Map<String, Quantity> m) {
        return m == null ? Map.of() : m;
    }
}
