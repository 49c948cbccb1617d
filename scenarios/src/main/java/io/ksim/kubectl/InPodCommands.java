package io.ksim.kubectl;

import io.ksim.api.core.Container;
import io.ksim.api.core.ContainerStatus;
import io.ksim.api.core.EnvVar;
import io.ksim.api.core.HostAlias;
import io.ksim.api.core.Pod;
import io.ksim.api.core.Service;
import io.ksim.apiserver.ApiException;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.cluster.ClusterNetwork;
import io.ksim.network.dns.DnsAnswer;
import io.ksim.network.dns.DnsRecord;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.dns.Resolver;
import io.ksim.network.walk.Curl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The programs {@code kubectl exec} can run in a simulated container, answered by the simulation: {@code curl}
 * and busybox {@code wget} (a request walked through the pod's node), {@code nslookup} and {@code host} (the
 * pod's resolver against CoreDNS), {@code cat /etc/resolv.conf} and {@code cat /etc/hosts} (the files the
 * kubelet writes), {@code hostname}, {@code env} (with the Service links the kubelet injects), {@code sh -c}
 * with one of these, and {@code sh} reading such commands from stdin. Anything else is the runtime's
 * "executable file not found" error.
 */
final class InPodCommands {

    /** What a command printed and how it ended. */
    record Result(int exitCode, String out, String err) {
    }

    /** The runtime refused to start the process: kubectl prints this as an error, exit status 1. */
    static final class ExecFailed extends RuntimeException {
        ExecFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final KubectlContext ctx;
    private final Pod pod;
    private final Container container;
    private final String stdin;
    private int execs;

    InPodCommands(KubectlContext ctx, Pod pod, Container container, String stdin) {
        this.ctx = ctx;
        this.pod = pod;
        this.container = container;
        this.stdin = stdin;
    }

    Result run(List<String> argv) {
        String program = argv.get(0);
        String base = program.substring(program.lastIndexOf('/') + 1);
        List<String> args = argv.subList(1, argv.size());
        return switch (base) {
            case "sh", "bash", "ash" -> shell(program, args);
            case "curl" -> curl(args);
            case "wget" -> wget(args);
            case "nslookup" -> nslookup(args);
            case "host" -> host(args);
            case "cat" -> cat(args);
            case "hostname" -> new Result(0, hostname() + "\n", "");
            case "env", "printenv" -> new Result(0, env(), "");
            default -> throw notFound(program);
        };
    }

    private ExecFailed notFound(String program) {
        execs++;
        String id = sha256(containerID() + "/exec/" + execs);
        return new ExecFailed("error: Internal error occurred: error executing command in container: failed to exec in "
                + "container: failed to start exec \"" + id + "\": OCI runtime exec failed: exec failed: unable to start "
                + "container process: exec: \"" + program + "\": executable file not found in $PATH: unknown");
    }

    // ---- sh ---------------------------------------------------------------------------------------

    private Result shell(String program, List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("-c")) {
            if (args.size() < 2) {
                return new Result(2, "", program + ": -c requires an argument\n");
            }
            return script(program, args.get(1));
        }
        if (!args.isEmpty()) {
            return new Result(127, "", program + ": can't open '" + args.get(0) + "': No such file or directory\n");
        }
        return script(program, stdin);
    }

    /** Lines (or {@code ;}-separated commands) run one after the other; the last one's status is the script's. */
    private Result script(String program, String text) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = 0;
        for (String line : text.split("[\n;]")) {
            String cmd = line.trim();
            if (cmd.isEmpty() || cmd.startsWith("#")) {
                continue;
            }
            if (cmd.equals("exit")) {
                break;
            }
            List<String> words = CommandWords.split(cmd);
            try {
                Result r = run(words);
                out.append(r.out());
                err.append(r.err());
                code = r.exitCode();
            } catch (ExecFailed e) {
                err.append(program).append(": ").append(words.get(0)).append(": not found\n");
                code = 127;
            }
        }
        return new Result(code, out.toString(), err.toString());
    }

    // ---- curl and wget ----------------------------------------------------------------------------

    private Result curl(List<String> args) {
        boolean silent = false;
        boolean showError = false;
        Integer maxTime = null;
        String host = null;
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-m") || a.equals("--max-time") || a.equals("--connect-timeout")) {
                maxTime = (int) Double.parseDouble(args.get(++i));
            } else if (a.equals("-H") || a.equals("--header")) {
                String h = args.get(++i);
                if (h.toLowerCase(Locale.ROOT).startsWith("host:")) {
                    host = h.substring(5).trim();
                }
            } else if (a.equals("--silent")) {
                silent = true;
            } else if (a.equals("--show-error")) {
                showError = true;
            } else if (a.startsWith("-") && !a.startsWith("--")) {
                silent |= a.contains("s");
                showError |= a.contains("S");
            } else if (!a.startsWith("-")) {
                url = a;
            }
        }
        if (url == null) {
            return new Result(2, "", "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        }
        network().curl().userAgent(Curl.DEFAULT_USER_AGENT);
        Curl.Response r = network().curl().fromPod(pod, url.contains("://") ? url : "http://" + url, host);
        if (r.exitCode() == 0) {
            return new Result(0, r.output(), "");
        }
        String message = r.output();
        if (r.exitCode() == 28) {
            int seconds = maxTime != null ? maxTime : 130;
            ctx.cluster().advance(Duration.ofSeconds(seconds));
            if (maxTime != null) {
                message = "curl: (28) Connection timed out after " + (maxTime * 1000L + 1) + " milliseconds\n";
            }
        }
        return new Result(r.exitCode(), "", silent && !showError ? "" : message);
    }

    private Result wget(List<String> args) {
        boolean quiet = false;
        Integer timeout = null;
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-T")) {
                timeout = Integer.parseInt(args.get(++i));
            } else if (a.equals("-O")) {
                i++;
            } else if (a.startsWith("-") && !a.equals("-")) {
                quiet |= a.contains("q");
            } else if (!a.equals("-")) {
                url = a;
            }
        }
        if (url == null) {
            return new Result(1, "", "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\n"
                    + "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n");
        }
        String full = url.contains("://") ? url : "http://" + url;
        network().curl().userAgent("Wget");
        Curl.Response r = network().curl().fromPod(pod, full, null);
        String hostPort = full.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.lastIndexOf(':') + 1) : "80";
        StringBuilder err = new StringBuilder();
        if (!quiet && r.resolvedIP() != null) {
            err.append("Connecting to ").append(host).append(" (").append(r.resolvedIP()).append(':').append(port)
                    .append(")\n");
        }
        return switch (r.exitCode()) {
            case 0 -> new Result(0, r.output(), err + (quiet ? "" : "writing to stdout\nwritten to stdout\n"));
            case 6 -> new Result(1, "", err + "wget: bad address '" + host + "'\n");
            case 7 -> new Result(1, "", err + "wget: can't connect to remote host (" + r.resolvedIP()
                    + "): Connection refused\n");
            default -> {
                ctx.cluster().advance(Duration.ofSeconds(timeout != null ? timeout : 900));
                yield new Result(1, "", err + "wget: download timed out\n");
            }
        };
    }

    // ---- DNS --------------------------------------------------------------------------------------

    private Result nslookup(List<String> args) {
        List<String> names = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (names.isEmpty()) {
            return new Result(1, "", "nslookup: interactive mode is not simulated; give a name\n");
        }
        String text = network().resolver(pod).nslookup(names.get(0));
        boolean failed = text.contains("** server can't find");
        return new Result(failed ? 1 : 0, text + "\n", "");
    }

    /** bind's {@code host [-t TYPE] NAME}, with the pod's search list; an IP address asks for its PTR record. */
    private Result host(List<String> args) {
        String type = null;
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-t")) {
                type = args.get(++i).toUpperCase(Locale.ROOT);
            } else if (!args.get(i).startsWith("-")) {
                name = args.get(i);
            }
        }
        if (name == null) {
            return new Result(1, "", "Usage: host [-t type] hostname [server]\n");
        }
        Resolver resolver = network().resolver(pod);
        if (name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") && (type == null || type.equals("PTR"))) {
            String[] o = name.split("\\.");
            name = o[3] + "." + o[2] + "." + o[1] + "." + o[0] + ".in-addr.arpa.";
            type = "PTR";
        }
        String queryType = type == null ? "A" : type;
        Resolver.Lookup l = resolver.lookup(name, queryType);
        if (DnsAnswer.NXDOMAIN.equals(l.answer().rcode())) {
            String shown = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            return new Result(1, "Host " + shown + " not found: 3(NXDOMAIN)\n", "");
        }
        StringBuilder out = new StringBuilder();
        for (DnsRecord r : l.answer().answers()) {
            String owner = r.name().endsWith(".") ? r.name().substring(0, r.name().length() - 1) : r.name();
            switch (r.type()) {
                case "A" -> out.append(owner).append(" has address ").append(r.data()).append('\n');
                case "CNAME" -> out.append(owner).append(" is an alias for ").append(r.data()).append(".\n");
                case "SRV" -> out.append(owner).append(" has SRV record ").append(r.data()).append('\n');
                case "PTR" -> out.append(owner).append(" domain name pointer ").append(r.data()).append('\n');
                default -> out.append(owner).append(" has ").append(r.type()).append(" record ").append(r.data())
                        .append('\n');
            }
        }
        if (out.length() == 0 && type != null) {
            String shown = l.answeredName() == null ? name : l.answeredName().replaceFirst("\\.$", "");
            out.append(shown).append(" has no ").append(type).append(" record\n");
        }
        return new Result(0, out.toString(), "");
    }

    // ---- files, hostname, environment ----------------------------------------------------------------

    private Result cat(List<String> args) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = 0;
        for (String file : args) {
            switch (file) {
                case "/etc/resolv.conf" -> out.append(resolvConf().text());
                case "/etc/hosts" -> out.append(hostsFile());
                case "/etc/hostname" -> out.append(hostname()).append('\n');
                default -> {
                    err.append("cat: ").append(file).append(": No such file or directory\n");
                    code = 1;
                }
            }
        }
        return new Result(code, out.toString(), err.toString());
    }

    private ResolvConf resolvConf() {
        return network().resolvConf(pod);
    }

    /** The pod's hostname: spec.hostname or the pod name (63 characters at most); the FQDN if setHostnameAsFQDN. */
    String hostname() {
        if (Boolean.TRUE.equals(pod.spec().hostNetwork())) {
            return pod.spec().nodeName();
        }
        String h = pod.spec().hostname() != null && !pod.spec().hostname().isEmpty() ? pod.spec().hostname()
                : pod.metadata().name();
        h = h.length() > 63 ? h.substring(0, 63).replaceAll("[-.]+$", "") : h;
        String domain = hostDomain();
        return Boolean.TRUE.equals(pod.spec().setHostnameAsFQDN()) && domain != null ? h + "." + domain : h;
    }

    private String hostDomain() {
        String sub = pod.spec().subdomain();
        return sub == null || sub.isEmpty() ? null
                : sub + "." + pod.metadata().namespace() + ".svc." + io.ksim.network.dns.CoreDnsConfig.kubeadm().zone();
    }

    /** The kubelet-managed /etc/hosts (kubelet_pods.go managedHostsFileContent). */
    String hostsFile() {
        StringBuilder b = new StringBuilder("# Kubernetes-managed hosts file.\n");
        b.append("127.0.0.1\tlocalhost\n");
        b.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        b.append("fe00::0\tip6-localnet\n");
        b.append("fe00::0\tip6-mcastprefix\n");
        b.append("fe00::1\tip6-allnodes\n");
        b.append("fe00::2\tip6-allrouters\n");
        String ip = pod.status().podIP();
        String h = pod.spec().hostname() != null && !pod.spec().hostname().isEmpty() ? pod.spec().hostname()
                : pod.metadata().name();
        String domain = hostDomain();
        if (ip != null) {
            b.append(ip).append('\t').append(domain != null ? h + "." + domain + "\t" + h : h).append('\n');
        }
        if (!pod.spec().hostAliases().isEmpty()) {
            b.append("\n# Entries added by HostAliases.\n");
            for (HostAlias a : pod.spec().hostAliases()) {
                b.append(a.ip()).append('\t').append(String.join("\t", a.hostnames())).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * The process environment: PATH and HOSTNAME as the runtime sets them, the container's env (values, field
     * references, ConfigMap and Secret keys), then the Service variables the kubelet injects for the Services
     * that existed when the container started (the kubernetes Service always; the pod's namespace's unless
     * enableServiceLinks is false), then HOME.
     */
    String env() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        vars.put("HOSTNAME", hostname());
        Map<String, String> services = serviceEnv();
        for (EnvVar e : container.env()) {
            String v = envValue(e, vars, services);
            if (v != null) {
                vars.put(e.name(), v);
            }
        }
        services.forEach(vars::putIfAbsent);
        vars.putIfAbsent("HOME", "/root");
        StringBuilder b = new StringBuilder();
        vars.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    private String envValue(EnvVar e, Map<String, String> earlier, Map<String, String> services) {
        if (e.valueFrom() == null) {
            String v = e.value() == null ? "" : e.value();
            // $(VAR) expands to an earlier variable or a Service variable; $$ escapes.
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '$' && i + 1 < v.length() && v.charAt(i + 1) == '$') {
                    out.append('$');
                    i++;
                } else if (c == '$' && i + 1 < v.length() && v.charAt(i + 1) == '(' && v.indexOf(')', i) > 0) {
                    String ref = v.substring(i + 2, v.indexOf(')', i));
                    String val = earlier.containsKey(ref) ? earlier.get(ref) : services.get(ref);
                    out.append(val != null ? val : "$(" + ref + ")");
                    i = v.indexOf(')', i);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        var from = e.valueFrom();
        if (from.fieldRef() != null) {
            return switch (from.fieldRef().fieldPath()) {
                case "metadata.name" -> pod.metadata().name();
                case "metadata.namespace" -> pod.metadata().namespace();
                case "metadata.uid" -> pod.metadata().uid();
                case "spec.nodeName" -> pod.spec().nodeName();
                case "spec.serviceAccountName" -> pod.spec().serviceAccountName();
                case "status.podIP" -> pod.status().podIP();
                case "status.hostIP" -> pod.status().hostIP();
                default -> null;
            };
        }
        try {
            if (from.configMapKeyRef() != null) {
                return ctx.api().get(BuiltinResources.CONFIG_MAPS, pod.metadata().namespace(),
                        from.configMapKeyRef().name()).data().get(from.configMapKeyRef().key());
            }
            if (from.secretKeyRef() != null) {
                byte[] b = ctx.api().get(BuiltinResources.SECRETS, pod.metadata().namespace(),
                        from.secretKeyRef().name()).bytes(from.secretKeyRef().key());
                return b == null ? null : new String(b, StandardCharsets.UTF_8);
            }
        } catch (ApiException ex) {
            return null;
        }
        return null;
    }

    /** pkg/kubelet/envvars FromServices over the Services the kubelet saw when the container started. */
    private Map<String, String> serviceEnv() {
        Instant started = startedAt();
        boolean links = !Boolean.FALSE.equals(pod.spec().enableServiceLinks());
        Map<String, Service> chosen = new TreeMap<>();
        for (Service s : ctx.api().list(BuiltinResources.SERVICES, null).items()) {
            String ip = s.spec().clusterIP();
            if (ip == null || ip.isEmpty() || ip.equals("None")) {
                continue;
            }
            if (started != null && s.metadata().creationTimestamp() != null
                    && s.metadata().creationTimestamp().isAfter(started)) {
                continue;
            }
            String ns = s.metadata().namespace();
            boolean master = ns.equals("default") && s.metadata().name().equals("kubernetes");
            if (ns.equals(pod.metadata().namespace()) ? links || master : master) {
                chosen.merge(s.metadata().name(), s, (a, b) -> a.metadata().namespace().equals(
                        pod.metadata().namespace()) ? a : b);
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (Service s : chosen.values()) {
            List<Service.ServicePort> ports = s.spec().ports();
            if (ports.isEmpty()) {
                continue;
            }
            String prefix = s.metadata().name().toUpperCase(Locale.ROOT).replace('-', '_');
            String ip = s.spec().clusterIP();
            out.put(prefix + "_SERVICE_HOST", ip);
            out.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).port()));
            for (Service.ServicePort p : ports) {
                if (p.name() != null && !p.name().isEmpty()) {
                    out.put(prefix + "_SERVICE_PORT_" + p.name().toUpperCase(Locale.ROOT).replace('-', '_'),
                            String.valueOf(p.port()));
                }
            }
            String proto0 = protocol(ports.get(0)).toLowerCase(Locale.ROOT);
            out.put(prefix + "_PORT", proto0 + "://" + ip + ":" + ports.get(0).port());
            for (Service.ServicePort p : ports) {
                String proto = protocol(p);
                String key = prefix + "_PORT_" + p.port() + "_" + proto;
                out.put(key, proto.toLowerCase(Locale.ROOT) + "://" + ip + ":" + p.port());
                out.put(key + "_PROTO", proto.toLowerCase(Locale.ROOT));
                out.put(key + "_PORT", String.valueOf(p.port()));
                out.put(key + "_ADDR", ip);
            }
        }
        return out;
    }

    private static String protocol(Service.ServicePort p) {
        return p.protocol() == null ? "TCP" : p.protocol().toUpperCase(Locale.ROOT);
    }

    private ContainerStatus status() {
        return pod.status().containerStatuses().stream().filter(s -> s.name().equals(container.name())).findFirst()
                .orElseGet(() -> pod.status().initContainerStatuses().stream()
                        .filter(s -> s.name().equals(container.name())).findFirst().orElse(null));
    }

    private Instant startedAt() {
        ContainerStatus s = status();
        return s != null && s.state() != null && s.state().running() != null ? s.state().running().startedAt() : null;
    }

    private String containerID() {
        ContainerStatus s = status();
        return s == null || s.containerID() == null ? "" : s.containerID();
    }

    private ClusterNetwork network() {
        return ctx.cluster().network();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
