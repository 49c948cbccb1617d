package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_2;

import io.ksim.api.core.ConfigMap;
import io.ksim.api.core.Event;
import io.ksim.api.core.LimitRange;
import io.ksim.api.core.Namespace;
import io.ksim.api.core.PersistentVolume;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.ResourceQuota;
import io.ksim.api.core.Secret;
import io.ksim.api.core.ServiceAccount;
import io.ksim.api.core.Volume;
import io.ksim.api.meta.OwnerReference;
import io.ksim.api.policy.PodDisruptionBudget;
import io.ksim.api.resource.Quantity;
import io.ksim.apiserver.registry.BuiltinResources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * kubectl's describers for Namespaces, PersistentVolumes and their claims, ConfigMaps, Secrets,
 * ServiceAccounts and PodDisruptionBudgets. Where kubectl walks a Go map (a Secret's or ConfigMap's data, a
 * LimitRange item's resources) its order is random; ksim prints those keys sorted.
 */
final class CoreDescribers {

    private static final String STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    private CoreDescribers() {
    }

    /** Go's {@code %v} of a string slice: {@code [a b]}. */
    static String goList(List<String> l) {
        return "[" + String.join(" ", l == null ? List.of() : l) + "]";
    }

    static String storageClassOf(PersistentVolumeClaim pvc) {
        String a = pvc.metadata().annotations().get(STORAGE_CLASS_ANNOTATION);
        if (a != null) {
            return a;
        }
        return pvc.spec() == null ? "" : Fmt.nz(pvc.spec().storageClassName());
    }

    /** Access modes in their short forms, in kubectl's fixed order: RWO, ROX, RWX, RWOP. */
    static String accessModes(List<String> modes) {
        Set<String> set = new HashSet<>(modes == null ? List.of() : modes);
        List<String> out = new ArrayList<>();
        if (set.contains("ReadWriteOnce")) {
            out.add("RWO");
        }
        if (set.contains("ReadOnlyMany")) {
            out.add("ROX");
        }
        if (set.contains("ReadWriteMany")) {
            out.add("RWX");
        }
        if (set.contains("ReadWriteOncePod")) {
            out.add("RWOP");
        }
        return String.join(",", out);
    }

    static String namespace(Describers ds, Namespace ns) {
        PrefixWriter w = new PrefixWriter();
        String name = ns.metadata().name();
        w.write(LEVEL_0, "Name:\t%s\n", name);
        Fmt.labelsMultiline(w, "Labels", ns.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", ns.metadata().annotations());
        var status = ns.status();
        w.write(LEVEL_0, "Status:\t%s\n", status == null ? "" : Fmt.nz(status.phase()));
        var conditions = status == null ? List.<Namespace.NamespaceCondition>of() : PodDescriber.list(status.conditions());
        if (!conditions.isEmpty()) {
            w.write(LEVEL_0, "Conditions:\n");
            w.write(LEVEL_1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
            w.write(LEVEL_1, "----\t------\t------------------\t------\t-------\n");
            for (var c : conditions) {
                w.write(LEVEL_1, "%s\t%s\t%s\t%s\t%s\n", c.type(), c.status(), Fmt.time(c.lastTransitionTime()),
                        Fmt.nz(c.reason()), Fmt.nz(c.message()));
            }
        }
        List<ResourceQuota> quotas = new ArrayList<>(ds.api().list(BuiltinResources.RESOURCE_QUOTAS, name).items());
        w.write(LEVEL_0, "\n");
        if (quotas.isEmpty()) {
            w.write(LEVEL_0, "No resource quota.\n");
        } else {
            quotas.sort(Comparator.comparing(q -> q.metadata().name()));
            w.write(LEVEL_0, "Resource Quotas\n");
            for (ResourceQuota q : quotas) {
                w.write(LEVEL_1, "Name:\t%s\n", q.metadata().name());
                List<String> scopes = new ArrayList<>(q.spec() == null ? List.of() : PodDescriber.list(q.spec().scopes()));
                if (!scopes.isEmpty()) {
                    scopes.sort(null);
                    w.write(LEVEL_1, "Scopes:\t%s\n", String.join(", ", scopes));
                    for (String scope : scopes) {
                        String help = scopeHelp(scope);
                        if (!help.isEmpty()) {
                            w.write(LEVEL_1, "* %s\n", help);
                        }
                    }
                }
                w.write(LEVEL_1, "Resource\tUsed\tHard\n");
                w.write(LEVEL_1, "--------\t---\t---\n");
                Map<String, Quantity> hard = q.status() == null || q.status().hard() == null ? Map.of() : q.status().hard();
                Map<String, Quantity> used = q.status() == null || q.status().used() == null ? Map.of() : q.status().used();
                new TreeMap<>(hard).forEach((r, h) -> w.write(LEVEL_1, "%s\t%s\t%s\n", r, Fmt.quantity(used.get(r)), h));
            }
        }
        List<LimitRange> limits = ds.api().list(BuiltinResources.LIMIT_RANGES, name).items();
        w.write(LEVEL_0, "\n");
        if (limits.isEmpty()) {
            w.write(LEVEL_0, "No LimitRange resource.\n");
        } else {
            w.write(LEVEL_0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
            w.write(LEVEL_0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
            for (LimitRange lr : limits) {
                limitRangeItems(lr, " ", w);
            }
        }
        return w.text();
    }

    /** One row per limit type and resource; kubectl walks a Go map here, ksim sorts the resources. */
    static void limitRangeItems(LimitRange lr, String prefix, PrefixWriter w) {
        for (var item : lr.spec() == null ? List.<LimitRange.LimitRangeItem>of() : PodDescriber.list(lr.spec().limits())) {
            TreeSet<String> keys = new TreeSet<>();
            List<Map<String, Quantity>> maps = new ArrayList<>();
            for (Map<String, Quantity> m : java.util.Arrays.asList(item.max(), item.min(), item.defaultLimit(),
                    item.defaultRequest(), item.maxLimitRequestRatio())) {
                Map<String, Quantity> mm = m == null ? Map.of() : m;
                maps.add(mm);
                keys.addAll(mm.keySet());
            }
            for (String k : keys) {
                w.write(LEVEL_0, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\n", prefix, Fmt.nz(item.type()), k,
                        dash(maps.get(1).get(k)), dash(maps.get(0).get(k)), dash(maps.get(3).get(k)),
                        dash(maps.get(2).get(k)), dash(maps.get(4).get(k)));
            }
        }
    }

    private static String dash(Quantity q) {
        return q == null ? "-" : q.toString();
    }

    static String scopeHelp(String scope) {
        return switch (scope) {
            case "Terminating" -> "Matches all pods that have an active deadline. These pods have a limited lifespan "
                    + "on a node before being actively terminated by the system.";
            case "NotTerminating" -> "Matches all pods that do not have an active deadline. These pods usually "
                    + "include long running pods whose container command is not expected to terminate.";
            case "BestEffort" -> "Matches all pods that do not have resource requirements set. These pods have a "
                    + "best effort quality of service.";
            case "NotBestEffort" -> "Matches all pods that have at least one resource requirement set. These pods "
                    + "have a burstable or guaranteed quality of service.";
            default -> "";
        };
    }

    static String persistentVolume(PersistentVolume pv, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = pv.spec();
        w.write(LEVEL_0, "Name:\t%s\n", pv.metadata().name());
        Fmt.labelsMultiline(w, "Labels", pv.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", pv.metadata().annotations());
        w.write(LEVEL_0, "Finalizers:\t%s\n", goList(pv.metadata().finalizers()));
        String sc = pv.metadata().annotations().get(STORAGE_CLASS_ANNOTATION);
        w.write(LEVEL_0, "StorageClass:\t%s\n", sc != null ? sc : Fmt.nz(spec.storageClassName()));
        if (pv.metadata().deletionTimestamp() != null) {
            w.write(LEVEL_0, "Status:\tTerminating (lasts %s)\n", Fmt.since(pv.metadata().deletionTimestamp(), now));
        } else {
            w.write(LEVEL_0, "Status:\t%s\n", pv.status() == null ? "" : Fmt.nz(pv.status().phase()));
        }
        var claim = spec.claimRef();
        w.write(LEVEL_0, "Claim:\t%s\n", claim == null ? "" : Fmt.nz(claim.namespace()) + "/" + Fmt.nz(claim.name()));
        w.write(LEVEL_0, "Reclaim Policy:\t%s\n", Fmt.nz(spec.persistentVolumeReclaimPolicy()));
        w.write(LEVEL_0, "Access Modes:\t%s\n", accessModes(spec.accessModes()));
        if (spec.volumeMode() != null) {
            w.write(LEVEL_0, "VolumeMode:\t%s\n", spec.volumeMode());
        }
        w.write(LEVEL_0, "Capacity:\t%s\n", Fmt.quantity(spec.capacity() == null ? null : spec.capacity().get("storage")));
        nodeAffinity(w, spec.nodeAffinity());
        w.write(LEVEL_0, "Message:\t%s\n", pv.status() == null ? "" : Fmt.nz(pv.status().message()));
        w.write(LEVEL_0, "Source:\n");
        if (spec.hostPath() != null) {
            w.write(LEVEL_2, "Type:\tHostPath (bare host directory volume)\n    Path:\t%s\n    HostPathType:\t%s\n",
                    Fmt.nz(spec.hostPath().path()), spec.hostPath().type() == null ? "<none>" : spec.hostPath().type());
        } else if (spec.nfs() != null) {
            w.write(LEVEL_2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t%s\n    Path:\t%s\n"
                    + "    ReadOnly:\t%s\n", Fmt.nz(spec.nfs().server()), Fmt.nz(spec.nfs().path()),
                    Boolean.TRUE.equals(spec.nfs().readOnly()));
        } else if (spec.local() != null) {
            w.write(LEVEL_2, "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t%s\n",
                    Fmt.nz(spec.local().path()));
        } else {
            w.write(LEVEL_1, "<unknown>\n");
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    private static void nodeAffinity(PrefixWriter w, io.ksim.api.core.VolumeNodeAffinity affinity) {
        w.write(LEVEL_0, "Node Affinity:\t");
        if (affinity == null || affinity.required() == null) {
            w.writeLine("<none>");
            return;
        }
        w.writeLine("");
        w.write(LEVEL_1, "Required Terms:\t");
        var terms = PodDescriber.list(affinity.required().nodeSelectorTerms());
        if (terms.isEmpty()) {
            w.writeLine("<none>");
            return;
        }
        w.writeLine("");
        for (int i = 0; i < terms.size(); i++) {
            var reqs = PodDescriber.list(terms.get(i).matchExpressions());
            w.write(LEVEL_2, "%s:%s", "Term " + i, "\t");
            if (reqs.isEmpty()) {
                w.writeLine("<none>");
                continue;
            }
            for (int j = 0; j < reqs.size(); j++) {
                var req = reqs.get(j);
                if (j != 0) {
                    w.write(LEVEL_2, "%s", "\t");
                }
                String expr = req.key() + " " + Fmt.nz(req.operator()).toLowerCase(java.util.Locale.ROOT);
                if (req.values() != null && !req.values().isEmpty()) {
                    expr += " [" + String.join(", ", req.values()) + "]";
                }
                w.write(LEVEL_0, "%s\n", expr);
            }
        }
    }

    /** The claim part kubectl prints for an ephemeral volume's claim template (no name, status or finalizers). */
    static void claimTemplate(PrefixWriter w, PersistentVolumeClaim pvc) {
        var spec = pvc.spec();
        w.write(LEVEL_0, "StorageClass:\t%s\n", storageClassOf(pvc));
        String volumeName = spec == null ? "" : Fmt.nz(spec.volumeName());
        w.write(LEVEL_0, "Volume:\t%s\n", volumeName);
        Fmt.labelsMultiline(w, "Labels", pvc.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", pvc.metadata().annotations());
        String capacity = "";
        String modes = "";
        if (!volumeName.isEmpty() && pvc.status() != null) {
            modes = accessModes(pvc.status().accessModes());
            capacity = Fmt.quantity(pvc.status().capacity() == null ? null : pvc.status().capacity().get("storage"));
        }
        w.write(LEVEL_0, "Capacity:\t%s\n", capacity);
        w.write(LEVEL_0, "Access Modes:\t%s\n", modes);
        if (spec != null && spec.volumeMode() != null) {
            w.write(LEVEL_0, "VolumeMode:\t%s\n", spec.volumeMode());
        }
    }

    static String persistentVolumeClaim(Describers ds, PersistentVolumeClaim pvc, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = pvc.spec();
        var status = pvc.status();
        w.write(LEVEL_0, "Name:\t%s\n", pvc.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", pvc.metadata().namespace());
        w.write(LEVEL_0, "StorageClass:\t%s\n", storageClassOf(pvc));
        if (pvc.metadata().deletionTimestamp() != null) {
            w.write(LEVEL_0, "Status:\tTerminating (lasts %s)\n", Fmt.since(pvc.metadata().deletionTimestamp(), now));
        } else {
            w.write(LEVEL_0, "Status:\t%s\n", status == null ? "" : Fmt.nz(status.phase()));
        }
        String volumeName = spec == null ? "" : Fmt.nz(spec.volumeName());
        w.write(LEVEL_0, "Volume:\t%s\n", volumeName);
        Fmt.labelsMultiline(w, "Labels", pvc.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", pvc.metadata().annotations());
        w.write(LEVEL_0, "Finalizers:\t%s\n", goList(pvc.metadata().finalizers()));
        String capacity = "";
        String modes = "";
        if (!volumeName.isEmpty() && status != null) {
            modes = accessModes(status.accessModes());
            capacity = Fmt.quantity(status.capacity() == null ? null : status.capacity().get("storage"));
        }
        w.write(LEVEL_0, "Capacity:\t%s\n", capacity);
        w.write(LEVEL_0, "Access Modes:\t%s\n", modes);
        if (spec != null && spec.volumeMode() != null) {
            w.write(LEVEL_0, "VolumeMode:\t%s\n", spec.volumeMode());
        }
        if (spec != null && spec.dataSource() != null) {
            w.write(LEVEL_0, "DataSource:\n");
            if (spec.dataSource().apiGroup() != null) {
                w.write(LEVEL_1, "APIGroup:\t%s\n", spec.dataSource().apiGroup());
            }
            w.write(LEVEL_1, "Kind:\t%s\n", spec.dataSource().kind());
            w.write(LEVEL_1, "Name:\t%s\n", spec.dataSource().name());
        }
        List<Pod> nsPods = ds.api().list(BuiltinResources.PODS, pvc.metadata().namespace()).items();
        List<Pod> users = new ArrayList<>();
        for (Pod p : nsPods) {
            for (Volume v : p.spec().volumes()) {
                if (v.persistentVolumeClaim() != null && pvc.metadata().name().equals(v.persistentVolumeClaim().claimName())) {
                    users.add(p);
                }
            }
        }
        for (OwnerReference ref : pvc.metadata().ownerReferences()) {
            if (!"Pod".equals(ref.kind())) {
                continue;
            }
            for (Pod p : nsPods) {
                if (p.metadata().uid().equals(ref.uid()) && users.stream().noneMatch(u -> u.metadata().uid().equals(ref.uid()))) {
                    users.add(p);
                }
            }
        }
        w.write(LEVEL_0, "%s:%s", "Used By", "\t");
        if (users.isEmpty()) {
            w.writeLine("<none>");
        } else {
            users.sort(Comparator.comparing(p -> p.metadata().name()));
            for (int i = 0; i < users.size(); i++) {
                if (i != 0) {
                    w.write(LEVEL_0, "%s", "\t");
                }
                w.write(LEVEL_0, "%s\n", users.get(i).metadata().name());
            }
        }
        var conditions = status == null ? List.<PersistentVolumeClaim.PersistentVolumeClaimCondition>of()
                : PodDescriber.list(status.conditions());
        if (!conditions.isEmpty()) {
            w.write(LEVEL_0, "Conditions:\n");
            w.write(LEVEL_1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
            w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
            for (var c : conditions) {
                w.write(LEVEL_1, "%s \t%s \t%s \t%s \t%s \t%s\n", c.type(), c.status(), Fmt.time(c.lastProbeTime()),
                        Fmt.time(c.lastTransitionTime()), Fmt.nz(c.reason()), Fmt.nz(c.message()));
            }
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    static String configMap(ConfigMap cm, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", cm.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", cm.metadata().namespace());
        Fmt.labelsMultiline(w, "Labels", cm.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", cm.metadata().annotations());
        w.write(LEVEL_0, "\nData\n====\n");
        if (cm.data() != null) {
            cm.data().forEach((k, v) -> {
                w.write(LEVEL_0, "%s:\n----\n", k);
                w.write(LEVEL_0, "%s\n", v);
                w.write(LEVEL_0, "\n");
            });
        }
        w.write(LEVEL_0, "\nBinaryData\n====\n");
        if (cm.binaryData() != null) {
            cm.binaryData().forEach((k, v) -> w.write(LEVEL_0, "%s: %s bytes\n", k, decodedLength(v)));
        }
        w.write(LEVEL_0, "\n");
        Fmt.events(w, events, now);
        return w.text();
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64 == null ? "" : base64).length;
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    static String secret(Secret s) {
        PrefixWriter w = new PrefixWriter();
        w.write(LEVEL_0, "Name:\t%s\n", s.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", s.metadata().namespace());
        Fmt.labelsMultiline(w, "Labels", s.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", s.metadata().annotations());
        w.write(LEVEL_0, "\nType:\t%s\n", Fmt.nz(s.type()));
        w.write(LEVEL_0, "\nData\n====\n");
        if (s.data() != null) {
            s.data().forEach((k, v) -> {
                if (k.equals("token") && "kubernetes.io/service-account-token".equals(s.type())) {
                    w.write(LEVEL_0, "%s:\t%s\n", k, new String(Base64.getDecoder().decode(v),
                            java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    w.write(LEVEL_0, "%s:\t%d bytes\n", k, decodedLength(v));
                }
            });
        }
        return w.text();
    }

    static String serviceAccount(Describers ds, ServiceAccount sa, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        String ns = sa.metadata().namespace();
        w.write(LEVEL_0, "Name:\t%s\n", sa.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", ns);
        Fmt.labelsMultiline(w, "Labels", sa.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", sa.metadata().annotations());
        Set<String> existing = new HashSet<>();
        List<String> tokens = new ArrayList<>();
        for (Secret s : ds.api().list(BuiltinResources.SECRETS, ns).items()) {
            if ("kubernetes.io/service-account-token".equals(s.type())
                    && sa.metadata().name().equals(s.metadata().annotations().get("kubernetes.io/service-account.name"))
                    && Fmt.nz(sa.metadata().uid()).equals(s.metadata().annotations().get("kubernetes.io/service-account.uid"))) {
                tokens.add(s.metadata().name());
            }
            existing.add(s.metadata().name());
        }
        List<String> pull = new ArrayList<>();
        PodDescriber.list(sa.imagePullSecrets()).forEach(r -> pull.add(r.name()));
        List<String> mount = new ArrayList<>();
        PodDescriber.list(sa.secrets()).forEach(r -> mount.add(r.name()));
        // The headers in sorted order, as kubectl lists them.
        Map<String, List<String>> types = new TreeMap<>();
        types.put("Image pull secrets:", pull);
        types.put("Mountable secrets: ", mount);
        types.put("Tokens:            ", tokens);
        for (var e : types.entrySet()) {
            if (e.getValue().isEmpty()) {
                w.write(LEVEL_0, "%s\t<none>\n", e.getKey());
                continue;
            }
            String prefix = e.getKey();
            for (String name : e.getValue()) {
                boolean missing = !existing.contains(name) && !e.getKey().startsWith("Tokens");
                w.write(LEVEL_0, "%s\t%s%s\n", prefix, name, missing ? " (not found)" : "");
                prefix = "                   ";
            }
        }
        Fmt.events(w, events, now);
        return w.text();
    }

    static String podDisruptionBudget(PodDisruptionBudget pdb, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        var spec = pdb.spec();
        w.write(LEVEL_0, "Name:\t%s\n", pdb.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", pdb.metadata().namespace());
        if (spec.minAvailable() != null) {
            w.write(LEVEL_0, "Min available:\t%s\n", Fmt.intOrString(spec.minAvailable()));
        } else if (spec.maxUnavailable() != null) {
            w.write(LEVEL_0, "Max unavailable:\t%s\n", Fmt.intOrString(spec.maxUnavailable()));
        }
        w.write(LEVEL_0, "Selector:\t%s\n", spec.selector() == null ? "<unset>" : Fmt.selector(spec.selector()));
        var status = pdb.status();
        w.write(LEVEL_0, "Status:\n");
        w.write(LEVEL_2, "Allowed disruptions:\t%d\n", status == null ? 0 : status.disruptionsAllowed());
        w.write(LEVEL_2, "Current:\t%d\n", status == null ? 0 : status.currentHealthy());
        w.write(LEVEL_2, "Desired:\t%d\n", status == null ? 0 : status.desiredHealthy());
        w.write(LEVEL_2, "Total:\t%d\n", status == null ? 0 : status.expectedPods());
        Fmt.events(w, events, now);
        return w.text();
    }
}
