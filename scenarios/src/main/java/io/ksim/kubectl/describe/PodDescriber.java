package io.ksim.kubectl.describe;

import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_0;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_1;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_2;
import static io.ksim.kubectl.describe.PrefixWriter.LEVEL_3;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerPort;
import io.ksim.api.core.ContainerState;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.EnvFromSource;
import io.ksim.api.core.EnvVar;
import io.ksim.api.core.Event;
import io.ksim.api.KubeJson;
import io.ksim.api.core.PersistentVolumeClaim;
import io.ksim.api.core.Pod;
import io.ksim.api.core.PodCondition;
import io.ksim.api.core.PodIP;
import io.ksim.api.core.PodQOSClass;
import io.ksim.api.core.PodReadinessGate;
import io.ksim.api.core.PodSpec;
import io.ksim.api.core.PodTemplateSpec;
import io.ksim.api.core.Probe;
import io.ksim.api.core.ResourceRequirements;
import io.ksim.api.core.TopologySpreadConstraint;
import io.ksim.api.core.Volume;
import io.ksim.api.core.VolumeMount;
import io.ksim.api.core.VolumeProjection;
import io.ksim.api.resource.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/** kubectl's pod describer, and the container, volume and pod template sections other describers share. */
final class PodDescriber {

    private PodDescriber() {
    }

    static String describe(Pod pod, List<Event> events, Instant now) {
        PrefixWriter w = new PrefixWriter();
        PodSpec spec = pod.spec();
        w.write(LEVEL_0, "Name:\t%s\n", pod.metadata().name());
        w.write(LEVEL_0, "Namespace:\t%s\n", pod.metadata().namespace());
        if (spec.priority() != null) {
            w.write(LEVEL_0, "Priority:\t%d\n", spec.priority());
        }
        if (spec.priorityClassName() != null && !spec.priorityClassName().isEmpty()) {
            w.write(LEVEL_0, "Priority Class Name:\t%s\n", spec.priorityClassName());
        }
        if (spec.runtimeClassName() != null && !spec.runtimeClassName().isEmpty()) {
            w.write(LEVEL_0, "Runtime Class Name:\t%s\n", spec.runtimeClassName());
        }
        if (spec.serviceAccountName() != null && !spec.serviceAccountName().isEmpty()) {
            w.write(LEVEL_0, "Service Account:\t%s\n", spec.serviceAccountName());
        }
        if (spec.nodeName() == null || spec.nodeName().isEmpty()) {
            w.write(LEVEL_0, "Node:\t<none>\n");
        } else {
            w.write(LEVEL_0, "Node:\t%s\n", spec.nodeName() + "/" + Fmt.nz(pod.status().hostIP()));
        }
        if (pod.status().startTime() != null) {
            w.write(LEVEL_0, "Start Time:\t%s\n", Fmt.time(pod.status().startTime()));
        }
        Fmt.labelsMultiline(w, "Labels", pod.metadata().labels());
        Fmt.annotationsMultiline(w, "Annotations", pod.metadata().annotations());
        String phase = Fmt.nz(pod.status().phase());
        if (pod.metadata().deletionTimestamp() != null && !phase.equals("Failed") && !phase.equals("Succeeded")) {
            w.write(LEVEL_0, "Status:\tTerminating (lasts %s)\n", Fmt.since(pod.metadata().deletionTimestamp(), now));
            w.write(LEVEL_0, "Termination Grace Period:\t%ds\n", Fmt.num(pod.metadata().deletionGracePeriodSeconds()));
        } else {
            w.write(LEVEL_0, "Status:\t%s\n", phase);
        }
        if (pod.status().reason() != null && !pod.status().reason().isEmpty()) {
            w.write(LEVEL_0, "Reason:\t%s\n", pod.status().reason());
        }
        if (pod.status().message() != null && !pod.status().message().isEmpty()) {
            w.write(LEVEL_0, "Message:\t%s\n", pod.status().message());
        }
        var seccomp = seccompProfile(spec.securityContext());
        if (seccomp != null) {
            w.write(LEVEL_0, "SeccompProfile:\t%s\n", seccomp.path("type").asText());
            if ("Localhost".equals(seccomp.path("type").asText())) {
                w.write(LEVEL_0, "LocalhostProfile:\t%s\n", seccomp.path("localhostProfile").asText());
            }
        }
        w.write(LEVEL_0, "IP:\t%s\n", Fmt.nz(pod.status().podIP()));
        List<PodIP> ips = pod.status().podIPs() == null ? List.of() : pod.status().podIPs();
        if (ips.isEmpty()) {
            w.write(LEVEL_0, "IPs:\t<none>\n");
        } else {
            w.write(LEVEL_0, "IPs:\n");
            for (PodIP ip : ips) {
                w.write(LEVEL_1, "IP:\t%s\n", ip.ip());
            }
        }
        String controlledBy = Fmt.controller(pod);
        if (controlledBy != null) {
            w.write(LEVEL_0, "Controlled By:\t%s\n", controlledBy);
        }
        if (pod.status().nominatedNodeName() != null && !pod.status().nominatedNodeName().isEmpty()) {
            w.write(LEVEL_0, "NominatedNodeName:\t%s\n", pod.status().nominatedNodeName());
        }
        if (spec.resources() != null) {
            w.write(LEVEL_0, "Resources:\n");
            resources(spec.resources(), w, LEVEL_1);
        }
        Function<EnvVar, String> resolver = e -> fieldValue(pod, e.valueFrom().fieldRef().fieldPath());
        if (!spec.initContainers().isEmpty()) {
            containers("Init Containers", spec.initContainers(), list(pod.status().initContainerStatuses()), resolver, w, "");
        }
        containers("Containers", spec.containers(), list(pod.status().containerStatuses()), resolver, w, "");
        if (spec.readinessGates() != null && !spec.readinessGates().isEmpty()) {
            w.write(LEVEL_0, "Readiness Gates:\n  Type\tStatus\n");
            for (PodReadinessGate g : spec.readinessGates()) {
                String status = "<none>";
                for (PodCondition c : list(pod.status().conditions())) {
                    if (c.type().equals(g.conditionType())) {
                        status = c.status();
                        break;
                    }
                }
                w.write(LEVEL_1, "%s \t%s \n", g.conditionType(), status);
            }
        }
        List<PodCondition> conditions = list(pod.status().conditions());
        if (!conditions.isEmpty()) {
            w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
            for (PodCondition c : conditions) {
                w.write(LEVEL_1, "%s \t%s \n", c.type(), c.status());
            }
        }
        volumes(spec.volumes(), w, "");
        w.write(LEVEL_0, "QoS Class:\t%s\n", qosClass(pod));
        Fmt.labelsMultiline(w, "Node-Selectors", spec.nodeSelector());
        Fmt.tolerationsMultiline(w, "", "Tolerations", spec.tolerations());
        topologySpreadConstraints(spec.topologySpreadConstraints(), w, "");
        Fmt.events(w, events, now);
        return w.text();
    }

    /** The seccompProfile of a (pod or container) security context ksim keeps as JSON, or null. */
    private static com.fasterxml.jackson.databind.JsonNode seccompProfile(io.ksim.api.meta.Opaque securityContext) {
        if (securityContext == null) {
            return null;
        }
        var profile = securityContext.tree().get("seccompProfile");
        return profile == null || profile.isNull() ? null : profile;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** The QoS class the API server recorded, or the one upstream computes from requests and limits. */
    static String qosClass(Pod pod) {
        if (pod.status().qosClass() != null && !pod.status().qosClass().isEmpty()) {
            return pod.status().qosClass();
        }
        boolean any = false;
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(pod.spec().initContainers());
        all.addAll(pod.spec().containers());
        for (Container c : all) {
            SortedMap<String, Quantity> req = c.resources().requests();
            SortedMap<String, Quantity> lim = c.resources().limits();
            for (String r : List.of("cpu", "memory")) {
                Quantity rq = req == null ? null : req.get(r);
                Quantity lq = lim == null ? null : lim.get(r);
                if ((rq != null && !rq.isZero()) || (lq != null && !lq.isZero())) {
                    any = true;
                }
                if (lq == null || lq.isZero() || (rq != null && rq.compareTo(lq) != 0)) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return PodQOSClass.BEST_EFFORT;
        }
        return guaranteed ? PodQOSClass.GUARANTEED : PodQOSClass.BURSTABLE;
    }

    /** What a downward-API field reference reads from the pod; empty for a path ksim does not resolve. */
    private static String fieldValue(Pod pod, String path) {
        if (path == null) {
            return "";
        }
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            return Fmt.nz(pod.metadata().labels().get(path.substring(17, path.length() - 2)));
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            return Fmt.nz(pod.metadata().annotations().get(path.substring(22, path.length() - 2)));
        }
        return switch (path) {
            case "metadata.name" -> Fmt.nz(pod.metadata().name());
            case "metadata.namespace" -> Fmt.nz(pod.metadata().namespace());
            case "metadata.uid" -> Fmt.nz(pod.metadata().uid());
            case "spec.nodeName" -> Fmt.nz(pod.spec().nodeName());
            case "spec.serviceAccountName" -> Fmt.nz(pod.spec().serviceAccountName());
            case "status.hostIP" -> Fmt.nz(pod.status().hostIP());
            case "status.podIP" -> Fmt.nz(pod.status().podIP());
            case "status.podIPs" -> String.join(",", list(pod.status().podIPs()).stream().map(PodIP::ip).toList());
            default -> "";
        };
    }

    static void containers(String label, List<Container> containers, List<ContainerStatus> statuses,
            Function<EnvVar, String> resolver, PrefixWriter w, String space) {
        Map<String, ContainerStatus> byName = new HashMap<>();
        for (ContainerStatus s : statuses) {
            byName.put(s.name(), s);
        }
        w.write(LEVEL_0, "%s%s:%s\n", space, label, containers.isEmpty() ? " <none>" : "");
        for (Container c : containers) {
            ContainerStatus status = byName.get(c.name());
            w.write(LEVEL_1, "%s%s:\n", space.isEmpty() ? "" : " ", c.name());
            if (status != null) {
                w.write(LEVEL_2, "Container ID:\t%s\n", Fmt.nz(status.containerID()));
            }
            w.write(LEVEL_2, "Image:\t%s\n", Fmt.nz(c.image()));
            if (status != null) {
                w.write(LEVEL_2, "Image ID:\t%s\n", Fmt.nz(status.imageID()));
            }
            String ports = ports(c.ports(), false);
            if (ports.contains(",")) {
                w.write(LEVEL_2, "Ports:\t%s\n", ports);
            } else {
                w.write(LEVEL_2, "Port:\t%s\n", Fmt.orNone(ports));
            }
            String hostPorts = ports(c.ports(), true);
            if (hostPorts.contains(",")) {
                w.write(LEVEL_2, "Host Ports:\t%s\n", hostPorts);
            } else {
                w.write(LEVEL_2, "Host Port:\t%s\n", Fmt.orNone(hostPorts));
            }
            var seccomp = seccompProfile(c.securityContext());
            if (seccomp != null) {
                w.write(LEVEL_2, "SeccompProfile:\t%s\n", seccomp.path("type").asText());
                if ("Localhost".equals(seccomp.path("type").asText())) {
                    w.write(LEVEL_3, "LocalhostProfile:\t%s\n", seccomp.path("localhostProfile").asText());
                }
            }
            command(c, w);
            if (status != null) {
                state("State", status.state(), w);
                if (status.lastState() != null && status.lastState().terminated() != null) {
                    state("Last State", status.lastState(), w);
                }
                w.write(LEVEL_2, "Ready:\t%s\n", Fmt.bool(status.ready()));
                w.write(LEVEL_2, "Restart Count:\t%d\n", status.restartCount());
            }
            resources(c.resources(), w, LEVEL_2);
            if (c.livenessProbe() != null) {
                w.write(LEVEL_2, "Liveness:\t%s\n", probe(c.livenessProbe()));
            }
            if (c.readinessProbe() != null) {
                w.write(LEVEL_2, "Readiness:\t%s\n", probe(c.readinessProbe()));
            }
            if (c.startupProbe() != null) {
                w.write(LEVEL_2, "Startup:\t%s\n", probe(c.startupProbe()));
            }
            if (!c.envFrom().isEmpty()) {
                envFrom(c, w);
            }
            env(c, resolver, w);
            mounts(c, w);
        }
    }

    private static String ports(List<ContainerPort> ports, boolean host) {
        List<String> out = new ArrayList<>();
        for (ContainerPort p : ports) {
            long port = host ? Fmt.num(p.hostPort()) : p.containerPort();
            out.add(port + "/" + Fmt.nz(p.protocol()));
        }
        return String.join(", ", out);
    }

    private static void command(Container c, PrefixWriter w) {
        if (!c.command().isEmpty()) {
            w.write(LEVEL_2, "Command:\n");
            for (String s : c.command()) {
                for (String line : s.split("\n", -1)) {
                    w.write(LEVEL_3, "%s\n", line);
                }
            }
        }
        if (!c.args().isEmpty()) {
            w.write(LEVEL_2, "Args:\n");
            for (String s : c.args()) {
                for (String line : s.split("\n", -1)) {
                    w.write(LEVEL_3, "%s\n", line);
                }
            }
        }
    }

    static void resources(ResourceRequirements r, PrefixWriter w, int level) {
        if (r == null) {
            return;
        }
        if (r.limits() != null && !r.limits().isEmpty()) {
            w.write(level, "Limits:\n");
            r.limits().forEach((name, q) -> w.write(level + 1, "%s:\t%s\n", name, q));
        }
        if (r.requests() != null && !r.requests().isEmpty()) {
            w.write(level, "Requests:\n");
            r.requests().forEach((name, q) -> w.write(level + 1, "%s:\t%s\n", name, q));
        }
    }

    private static void state(String name, ContainerState state, PrefixWriter w) {
        if (state.running() != null) {
            w.write(LEVEL_2, "%s:\tRunning\n", name);
            w.write(LEVEL_3, "Started:\t%s\n", Fmt.time(state.running().startedAt()));
        } else if (state.waiting() != null) {
            w.write(LEVEL_2, "%s:\tWaiting\n", name);
            if (state.waiting().reason() != null && !state.waiting().reason().isEmpty()) {
                w.write(LEVEL_3, "Reason:\t%s\n", state.waiting().reason());
            }
        } else if (state.terminated() != null) {
            var t = state.terminated();
            w.write(LEVEL_2, "%s:\tTerminated\n", name);
            if (t.reason() != null && !t.reason().isEmpty()) {
                w.write(LEVEL_3, "Reason:\t%s\n", t.reason());
            }
            if (t.message() != null && !t.message().isEmpty()) {
                w.write(LEVEL_3, "Message:\t%s\n", t.message());
            }
            w.write(LEVEL_3, "Exit Code:\t%d\n", t.exitCode());
            if (t.signal() != null && t.signal() > 0) {
                w.write(LEVEL_3, "Signal:\t%d\n", t.signal());
            }
            w.write(LEVEL_3, "Started:\t%s\n", Fmt.time(t.startedAt()));
            w.write(LEVEL_3, "Finished:\t%s\n", Fmt.time(t.finishedAt()));
        } else {
            w.write(LEVEL_2, "%s:\tWaiting\n", name);
        }
    }

    /** kubectl's one-line probe summary: {@code http-get http://:8080/healthz delay=0s timeout=1s ...}. */
    static String probe(Probe p) {
        String attrs = String.format("delay=%ds timeout=%ds period=%ds #success=%d #failure=%d",
                Fmt.num(p.initialDelaySeconds()), Fmt.num(p.timeoutSeconds()), Fmt.num(p.periodSeconds()),
                Fmt.num(p.successThreshold()), Fmt.num(p.failureThreshold()));
        if (p.exec() != null) {
            return "exec [" + String.join(" ", list(p.exec().command())) + "] " + attrs;
        }
        if (p.httpGet() != null) {
            var h = p.httpGet();
            String scheme = Fmt.nz(h.scheme()).toLowerCase(java.util.Locale.ROOT);
            String port = Fmt.intOrString(h.port());
            String host = Fmt.nz(h.host());
            String hostPort = port.isEmpty() ? host : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            String path = Fmt.nz(h.path());
            String url = (scheme.isEmpty() ? "" : scheme + ":") + "//" + hostPort
                    + (path.isEmpty() || path.startsWith("/") ? path : "/" + path);
            return "http-get " + url + " " + attrs;
        }
        if (p.tcpSocket() != null) {
            return "tcp-socket " + Fmt.nz(p.tcpSocket().host()) + ":" + Fmt.intOrString(p.tcpSocket().port()) + " " + attrs;
        }
        if (p.grpc() != null) {
            return "grpc <pod>:" + p.grpc().port() + " " + Fmt.nz(p.grpc().service()) + " " + attrs;
        }
        return "unknown " + attrs;
    }

    private static void envFrom(Container c, PrefixWriter w) {
        w.write(LEVEL_2, "Environment Variables from:\n");
        for (EnvFromSource e : c.envFrom()) {
            String from = "";
            String name = "";
            boolean optional = false;
            if (e.configMapRef() != null) {
                from = "ConfigMap";
                name = e.configMapRef().name();
                optional = Boolean.TRUE.equals(e.configMapRef().optional());
            } else if (e.secretRef() != null) {
                from = "Secret";
                name = e.secretRef().name();
                optional = Boolean.TRUE.equals(e.secretRef().optional());
            }
            if (e.prefix() == null || e.prefix().isEmpty()) {
                w.write(LEVEL_3, "%s\t%s\tOptional: %s\n", name, from, optional);
            } else {
                w.write(LEVEL_3, "%s\t%s with prefix '%s'\tOptional: %s\n", name, from, e.prefix(), optional);
            }
        }
    }

    private static void env(Container c, Function<EnvVar, String> resolver, PrefixWriter w) {
        w.write(LEVEL_2, "Environment:%s\n", c.env().isEmpty() ? "\t<none>" : "");
        for (EnvVar e : c.env()) {
            if (e.valueFrom() == null) {
                String[] lines = Fmt.nz(e.value()).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (i == 0) {
                        w.write(LEVEL_3, "%s:\t%s\n", e.name(), lines[i]);
                    } else {
                        w.write(LEVEL_3, "\t%s\n", lines[i]);
                    }
                }
                continue;
            }
            var from = e.valueFrom();
            if (from.fieldRef() != null) {
                String value = resolver == null ? "" : resolver.apply(e);
                w.write(LEVEL_3, "%s:\t%s (%s:%s)\n", e.name(), value, Fmt.nz(from.fieldRef().apiVersion()),
                        Fmt.nz(from.fieldRef().fieldPath()));
            } else if (from.resourceFieldRef() != null) {
                String resource = from.resourceFieldRef().resource();
                String value = resourceValue(c, from.resourceFieldRef());
                if (value.equals("0") && (resource.equals("limits.cpu") || resource.equals("limits.memory"))) {
                    value = "node allocatable";
                }
                w.write(LEVEL_3, "%s:\t%s (%s)\n", e.name(), value, resource);
            } else if (from.secretKeyRef() != null) {
                w.write(LEVEL_3, "%s:\t<set to the key '%s' in secret '%s'>\tOptional: %s\n", e.name(),
                        from.secretKeyRef().key(), from.secretKeyRef().name(),
                        Boolean.TRUE.equals(from.secretKeyRef().optional()));
            } else if (from.configMapKeyRef() != null) {
                w.write(LEVEL_3, "%s:\t<set to the key '%s' of config map '%s'>\tOptional: %s\n", e.name(),
                        from.configMapKeyRef().key(), from.configMapKeyRef().name(),
                        Boolean.TRUE.equals(from.configMapKeyRef().optional()));
            }
        }
    }

    /** A container's request or limit in the divisor's units, rounded up, as the downward API reports it. */
    private static String resourceValue(Container c, io.ksim.api.core.ResourceFieldSelector ref) {
        String resource = Fmt.nz(ref.resource());
        int dot = resource.indexOf('.');
        if (dot < 0) {
            return "";
        }
        SortedMap<String, Quantity> list = resource.startsWith("limits")
                ? c.resources().limits() : c.resources().requests();
        Quantity q = list == null ? null : list.get(resource.substring(dot + 1));
        if (q == null) {
            return "0";
        }
        BigDecimal divisor = ref.divisor() == null || ref.divisor().isZero()
                ? BigDecimal.ONE : ref.divisor().toBigDecimal();
        return q.toBigDecimal().divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    private static void mounts(Container c, PrefixWriter w) {
        String none = c.volumeMounts().isEmpty() ? "\t<none>" : "";
        w.write(LEVEL_2, "Mounts:%s\n", none);
        List<VolumeMount> sorted = new ArrayList<>(c.volumeMounts());
        sorted.sort(Comparator.comparing(m -> Fmt.nz(m.mountPath())));
        for (VolumeMount m : sorted) {
            List<String> flags = new ArrayList<>();
            flags.add(Boolean.TRUE.equals(m.readOnly()) ? "ro" : "rw");
            if (m.subPath() != null && !m.subPath().isEmpty()) {
                flags.add("path=\"" + m.subPath() + "\"");
            }
            w.write(LEVEL_3, "%s from %s (%s)\n", m.mountPath(), m.name(), String.join(",", flags));
        }
        if (!c.volumeDevices().isEmpty()) {
            w.write(LEVEL_2, "Devices:%s\n", none);
            c.volumeDevices().stream().sorted(Comparator.comparing(d -> Fmt.nz(d.devicePath())))
                    .forEach(d -> w.write(LEVEL_3, "%s from %s\n", d.devicePath(), d.name()));
        }
    }

    static void volumes(List<Volume> volumes, PrefixWriter w, String space) {
        if (volumes.isEmpty()) {
            w.write(LEVEL_0, "%sVolumes:\t<none>\n", space);
            return;
        }
        w.write(LEVEL_0, "%sVolumes:\n", space);
        for (Volume v : volumes) {
            w.write(LEVEL_1, "%s%s:\n", space.isEmpty() ? "" : " ", v.name());
            if (v.hostPath() != null) {
                w.write(LEVEL_2, "Type:\tHostPath (bare host directory volume)\n    Path:\t%s\n    HostPathType:\t%s\n",
                        Fmt.nz(v.hostPath().path()), v.hostPath().type() == null ? "<none>" : v.hostPath().type());
            } else if (v.emptyDir() != null) {
                Quantity limit = v.emptyDir().sizeLimit();
                w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
                        + "    Medium:\t%s\n    SizeLimit:\t%s\n", Fmt.nz(v.emptyDir().medium()),
                        limit != null && limit.signum() > 0 ? limit.toString() : "<unset>");
            } else if (v.secret() != null) {
                w.write(LEVEL_2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t%s\n    Optional:\t%s\n",
                        Fmt.nz(v.secret().secretName()), Boolean.TRUE.equals(v.secret().optional()));
            } else if (v.configMap() != null) {
                w.write(LEVEL_2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t%s\n    Optional:\t%s\n",
                        Fmt.nz(v.configMap().name()), Boolean.TRUE.equals(v.configMap().optional()));
            } else if (v.nfs() != null) {
                var nfs = v.nfs();
                w.write(LEVEL_2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t%s\n    Path:\t%s\n"
                        + "    ReadOnly:\t%s\n", Fmt.nz(nfs.text("server")), Fmt.nz(nfs.text("path")),
                        "true".equals(nfs.text("readOnly")));
            } else if (v.persistentVolumeClaim() != null) {
                w.write(LEVEL_2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
                        + "namespace)\n    ClaimName:\t%s\n    ReadOnly:\t%s\n",
                        Fmt.nz(v.persistentVolumeClaim().claimName()),
                        Boolean.TRUE.equals(v.persistentVolumeClaim().readOnly()));
            } else if (v.ephemeral() != null) {
                w.write(LEVEL_2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and "
                        + "deleted with the pod)\n");
                var template = v.ephemeral().tree().get("volumeClaimTemplate");
                if (template != null && !template.isNull()) {
                    PersistentVolumeClaim pvc;
                    try {
                        pvc = KubeJson.json().treeToValue(template, PersistentVolumeClaim.class);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                        pvc = null;
                    }
                    if (pvc != null) {
                        CoreDescribers.claimTemplate(w.nested(LEVEL_2), pvc);
                    }
                }
            } else if (v.downwardAPI() != null) {
                w.write(LEVEL_2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
                for (var item : list(v.downwardAPI().items())) {
                    if (item.fieldRef() != null) {
                        w.write(LEVEL_3, "%s -> %s\n", item.fieldRef().fieldPath(), item.path());
                    }
                    if (item.resourceFieldRef() != null) {
                        w.write(LEVEL_3, "%s -> %s\n", item.resourceFieldRef().resource(), item.path());
                    }
                }
            } else if (v.projected() != null) {
                w.write(LEVEL_2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
                for (VolumeProjection s : list(v.projected().sources())) {
                    if (s.secret() != null) {
                        w.write(LEVEL_2, "SecretName:\t%s\n    SecretOptionalName:\t%s\n", s.secret().name(),
                                goPointer(s.secret().optional()));
                    } else if (s.downwardAPI() != null) {
                        w.write(LEVEL_2, "DownwardAPI:\ttrue\n");
                    } else if (s.configMap() != null) {
                        w.write(LEVEL_2, "ConfigMapName:\t%s\n    ConfigMapOptional:\t%s\n", s.configMap().name(),
                                goPointer(s.configMap().optional()));
                    } else if (s.serviceAccountToken() != null) {
                        w.write(LEVEL_2, "TokenExpirationSeconds:\t%d\n", Fmt.num(s.serviceAccountToken().expirationSeconds()));
                    }
                }
            } else if (v.csi() != null) {
                var csi = v.csi();
                w.write(LEVEL_2, "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t%s\n"
                        + "    FSType:\t%s\n    ReadOnly:\t%s\n", Fmt.nz(csi.text("driver")), Fmt.nz(csi.text("fsType")),
                        "true".equals(csi.text("readOnly")));
                Map<String, String> attributes = new java.util.TreeMap<>();
                var attrs = csi.tree().get("volumeAttributes");
                if (attrs != null) {
                    attrs.fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
                }
                w.write(LEVEL_2, "%s%s:%s", "", "VolumeAttributes", "\t");
                if (attributes.isEmpty()) {
                    w.writeLine("<none>");
                } else {
                    boolean first = true;
                    for (var e : attributes.entrySet()) {
                        if (!first) {
                            w.write(LEVEL_2, "");
                            w.write(LEVEL_2, "\t");
                        }
                        first = false;
                        String line = e.getKey() + "=" + e.getValue();
                        w.write(LEVEL_2, "%s\n", line.length() > 140 ? line.substring(0, 140) + "..." : line);
                    }
                }
            } else if (v.image() != null) {
                w.write(LEVEL_2, "Type:\tImage (a container image or OCI artifact)\n    Reference:\t%s\n    PullPolicy:\t%s\n",
                        Fmt.nz(v.image().reference()), Fmt.nz(v.image().pullPolicy()));
            } else {
                w.write(LEVEL_1, "<unknown>\n");
            }
        }
    }

    /**
     * kubectl prints these optional booleans as Go pointers: {@code <nil>} when unset. A set one prints as a
     * memory address upstream; ksim prints its value instead.
     */
    private static String goPointer(Boolean b) {
        return b == null ? "<nil>" : b.toString();
    }

    static void topologySpreadConstraints(List<TopologySpreadConstraint> tscs, PrefixWriter w, String space) {
        if (tscs.isEmpty()) {
            return;
        }
        List<TopologySpreadConstraint> sorted = new ArrayList<>(tscs);
        sorted.sort(Comparator.comparing(t -> Fmt.nz(t.topologyKey())));
        w.write(LEVEL_0, "%sTopology Spread Constraints:\t", space);
        for (int i = 0; i < sorted.size(); i++) {
            TopologySpreadConstraint t = sorted.get(i);
            if (i != 0) {
                w.write(LEVEL_0, "%s", space);
                w.write(LEVEL_0, "%s", "\t");
            }
            w.write(LEVEL_0, "%s:", t.topologyKey());
            w.write(LEVEL_0, "%s", Fmt.nz(t.whenUnsatisfiable()));
            w.write(LEVEL_0, " when max skew %d is exceeded", t.maxSkew());
            if (t.labelSelector() != null) {
                w.write(LEVEL_0, " for selector %s", Fmt.selector(t.labelSelector()));
            }
            w.write(LEVEL_0, "\n");
        }
    }

    /** The Pod Template section of workload describers. */
    static void podTemplate(PodTemplateSpec template, PrefixWriter w) {
        w.write(LEVEL_0, "Pod Template:\n");
        if (template == null) {
            template = new PodTemplateSpec(null, null);
        }
        var meta = template.metadata();
        Fmt.labelsMultiline(w, "  Labels", meta == null ? Map.of() : meta.labels());
        if (meta != null && !meta.annotations().isEmpty()) {
            Fmt.annotationsMultiline(w, "  Annotations", meta.annotations());
        }
        PodSpec spec = template.spec() == null ? PodSpec.builder().build() : template.spec();
        if (spec.serviceAccountName() != null && !spec.serviceAccountName().isEmpty()) {
            w.write(LEVEL_1, "Service Account:\t%s\n", spec.serviceAccountName());
        }
        if (!spec.initContainers().isEmpty()) {
            containers("Init Containers", spec.initContainers(), List.of(), null, w, "  ");
        }
        containers("Containers", spec.containers(), List.of(), null, w, "  ");
        volumes(spec.volumes(), w, "  ");
        topologySpreadConstraints(spec.topologySpreadConstraints(), w, "  ");
        if (spec.priorityClassName() != null && !spec.priorityClassName().isEmpty()) {
            w.write(LEVEL_1, "Priority Class Name:\t%s\n", spec.priorityClassName());
        }
        Fmt.labelsMultiline(w, "  Node-Selectors", spec.nodeSelector());
        Fmt.tolerationsMultiline(w, "", "  Tolerations", spec.tolerations());
    }
}
