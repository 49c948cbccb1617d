package io.ksim.network.walk;

import io.ksim.api.core.Pod;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.registry.BuiltinResources;
import io.ksim.kernel.Kernel;
import io.ksim.network.dns.CoreDns;
import io.ksim.network.dns.DnsRecord;
import io.ksim.network.dns.ResolvConf;
import io.ksim.network.dns.Resolver;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code curl http://<host>[:port]/} from a pod: the name is resolved as the pod's resolver would (its
 * resolv.conf, CoreDNS), the connection is walked through the client node's kube-proxy data path, and the pod
 * that gets it answers as its image does. The course image {@code ikubernetes/demoapp} answers
 * {@code iKubernetes demoapp v1.0 !! ClientIP: <source it saw>, ServerName: <pod>, ServerIP: <pod IP>!} and logs
 * the request (werkzeug's access line) to its {@link AccessLog}; other images accept the connection with an
 * empty body. Failures read as curl's: exit 6 for a name that does not resolve, 7 for a refused connection,
 * 28 for a timeout.
 */
public final class Curl {

    private static final DateTimeFormatter WERKZEUG_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The official nginx image's /usr/share/nginx/html/index.html (615 bytes). */
    public static final String NGINX_WELCOME = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
            html { color-scheme: light dark; }
            body { width: 35em; margin: 0 auto;
            font-family: Tahoma, Verdana, Arial, sans-serif; }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>

            <p>For online documentation and support please refer to
            <a href="http://nginx.org/">nginx.org</a>.<br/>
            Commercial support is available at
            <a href="http://nginx.com/">nginx.com</a>.</p>

            <p><em>Thank you for using nginx.</em></p>
            </body>
            </html>
            """;

    /**
     * nginx's own 404 page (CRLF line ends, as nginx writes its error pages), naming the version when the image
     * tag is a full one ({@code nginx:1.25.3}: {@code nginx/1.25.3}, 153 bytes).
     */
    static String nginxNotFound(String image) {
        String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
        String server = tag.matches("\\d+\\.\\d+\\.\\d+") ? "nginx/" + tag : "nginx";
        return "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>" + server + "</center>\r\n"
                + "</body>\r\n</html>\r\n";
    }

    /** What curl printed and how it ended. */
    public record Response(int exitCode, String output, String resolvedIP, List<String> dnsQueries, WalkResult walk) {
    }

    private final Kernel kernel;
    private final ApiServer api;
    private final Supplier<CoreDns> dns;
    private final Function<String, PacketWalker> walkerForNode;
    private final String clusterDNS;
    private final ResolvConf nodeResolvConf;
    private final AccessLog log;
    /** What a client that does not say otherwise sends as User-Agent. */
    public static final String DEFAULT_USER_AGENT = "curl/8.5.0";
    private String userAgent = DEFAULT_USER_AGENT;
    private Supplier<io.ksim.network.policy.NetworkPolicyEvaluator> policies = () -> null;
    private Supplier<io.ksim.network.ingress.IngressRouter> ingress = () -> null;

    public Curl(Kernel kernel, ApiServer api, Supplier<CoreDns> dns, Function<String, PacketWalker> walkerForNode,
            String clusterDNS, ResolvConf nodeResolvConf, AccessLog log) {
        this.kernel = kernel;
        this.api = api;
        this.dns = dns;
        this.walkerForNode = walkerForNode;
        this.clusterDNS = clusterDNS;
        this.nodeResolvConf = nodeResolvConf;
        this.log = log;
    }

    /** Enforces NetworkPolicies (the network plugin's job) on every request from now on. */
    public Curl withNetworkPolicies(Supplier<io.ksim.network.policy.NetworkPolicyEvaluator> evaluator) {
        this.policies = evaluator;
        return this;
    }

    /**
     * Runs an ingress controller: a request that reaches a pod of an {@code ingress-nginx/controller} image is
     * routed by host and path and proxied from that pod to the backend Service (its cluster IP, so the backend
     * sees the controller pod as client).
     */
    public Curl withIngress(Supplier<io.ksim.network.ingress.IngressRouter> router) {
        this.ingress = router;
        return this;
    }

    /** Runs {@code curl <url>} in {@code client}. */
    public Response fromPod(Pod client, String url) {
        return fromPod(client, url, null);
    }

    /** Runs {@code curl -H "Host: <hostHeader>" <url>} in {@code client} (null: the URL's host). */
    public Response fromPod(Pod client, String url, String hostHeader) {
        String rest = url.replaceFirst("^https?://", "");
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        String host = hostPort;
        int port = 80;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        List<String> queries = List.of();
        String ip = host;
        if (!host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            ResolvConf conf = ResolvConf.forPod(client, clusterDNS, dns.get().config().zone(), nodeResolvConf);
            Resolver.Lookup lookup = new Resolver(conf, dns.get()).lookup(host, "A");
            queries = lookup.queries();
            ip = lookup.answer().answers().stream().filter(r -> "A".equals(r.type())).map(DnsRecord::data)
                    .findFirst().orElse(null);
            if (ip == null) {
                return new Response(6, "curl: (6) Could not resolve host: " + host + "\n", null, queries, null);
            }
        }
        boolean hostNetwork = Boolean.TRUE.equals(client.spec().hostNetwork());
        String src = hostNetwork ? client.status().hostIP() : client.status().podIP();
        PacketWalker walker = walkerForNode.apply(client.spec().nodeName());
        WalkResult walk = walker.walk(new Packet(src, ip, port, "TCP", hostNetwork));
        String target = ip + ":" + port;
        if (walk.outcome() == WalkResult.Outcome.REFUSED) {
            return new Response(7, "curl: (7) Failed to connect to " + host + " port " + port
                    + " after 0 ms: Connection refused\n", ip, queries, walk);
        }
        String otherNode = walk.outcome() == WalkResult.Outcome.NOT_INTERCEPTED ? nodeWithIP(ip) : null;
        if (otherNode != null && !otherNode.equals(client.spec().nodeName())) {
            // Another node's address: the packet is routed there and meets that node's kube-proxy rules.
            walk = walkerForNode.apply(otherNode).walk(new Packet(src, ip, port, "TCP", false));
            if (walk.outcome() == WalkResult.Outcome.REFUSED) {
                return new Response(7, "curl: (7) Failed to connect to " + host + " port " + port
                        + " after 0 ms: Connection refused\n", ip, queries, walk);
            }
        }
        if (walk.outcome() != WalkResult.Outcome.DELIVERED) {
            String backend = walk.outcome() == WalkResult.Outcome.NOT_INTERCEPTED ? target : null;
            Pod direct = backend == null ? null : podWithIP(ip, port);
            if (direct == null) {
                return new Response(28, "curl: (28) Failed to connect to " + host + " port " + port
                        + " after 130000 ms: Connection timed out\n", ip, queries, walk);
            }
            return enforce(client, direct, src, port, port, host, hostHeader, path, ip, queries, walk);
        }
        int backendPort = Integer.parseInt(walk.backend().substring(walk.backend().lastIndexOf(':') + 1));
        Pod server = podWithIP(walk.backendIP(), backendPort);
        if (server == null) {
            return new Response(28, "curl: (28) Failed to connect to " + host + " port " + port
                    + " after 130000 ms: Connection timed out\n", ip, queries, walk);
        }
        return enforce(client, server, walk.sourceSeenByBackend(), backendPort, port, host, hostHeader, path, ip, queries,
                walk);
    }

    /** Egress at the client, then ingress at the server (which sees the source after SNAT); a denial times out. */
    private Response enforce(Pod client, Pod server, String seenSource, int port, int requestedPort, String host,
            String hostHeader, String path, String ip, List<String> queries, WalkResult walk) {
        io.ksim.network.policy.NetworkPolicyEvaluator np = policies.get();
        if (np != null) {
            var out = np.egress(client, server.status().podIP(), port, "TCP");
            var in = out.allowed() ? np.ingress(server, seenSource, port, "TCP") : out;
            if (!in.allowed()) {
                List<String> steps = new java.util.ArrayList<>(walk.steps());
                steps.add("NetworkPolicy: " + in.reason() + ": dropped");
                WalkResult denied = new WalkResult(WalkResult.Outcome.DROPPED, walk.backend(),
                        walk.sourceSeenByBackend(), steps, walk.rulesEvaluated(), "connection timed out");
                return new Response(28, "curl: (28) Failed to connect to " + host + " port " + requestedPort
                        + " after 130000 ms: Connection timed out\n", ip, queries, denied);
            }
        }
        io.ksim.network.ingress.IngressRouter router = ingress.get();
        if (router != null && server.spec().containers().get(0).image().contains("ingress-nginx/controller")) {
            return proxy(router, server, hostHeader != null ? hostHeader : host, path, ip, queries, walk);
        }
        return serve(server, seenSource, path, ip, queries, walk);
    }

    private Response proxy(io.ksim.network.ingress.IngressRouter router, Pod controller, String host, String path,
            String ip, List<String> queries, WalkResult walk) {
        io.ksim.network.ingress.IngressRouter.Route route = router.route(host, path);
        if (route == null) {
            return new Response(0, io.ksim.network.ingress.IngressRouter.NOT_FOUND, ip, queries, walk);
        }
        var svc = api.get(BuiltinResources.SERVICES, route.namespace(), route.service());
        int port = route.portNumber() != null ? route.portNumber() : svc.spec().ports().stream()
                .filter(p -> route.portName().equals(p.name())).findFirst().orElseThrow().port();
        Response upstream = fromPod(controller, "http://" + svc.spec().clusterIP() + ":" + port + path);
        // The controller answers 502 itself when the upstream connection fails.
        return new Response(0, upstream.exitCode() == 0 ? upstream.output()
                : "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
                + "<hr><center>nginx</center>\n</body>\n</html>\n", ip, queries, walk);
    }

    private Response serve(Pod server, String clientIP, String path, String ip, List<String> queries, WalkResult walk) {
        io.ksim.api.core.Container container = server.spec().containers().get(0);
        String image = container.image();
        String agent = userAgent;
        userAgent = DEFAULT_USER_AGENT;
        String body = "";
        if (image.contains("demoapp")) {
            String version = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest";
            body = "iKubernetes demoapp " + version + " !! ClientIP: " + clientIP + ", ServerName: "
                    + server.metadata().name() + ", ServerIP: " + server.status().podIP() + "!\n";
            log.append(server, container.name(), clientIP + " - - ["
                    + WERKZEUG_TIME.format(kernel.instant()) + "] \"GET " + path + " HTTP/1.1\" 200 -");
        } else if (isNginx(image)) {
            boolean index = path.equals("/") || path.equals("/index.html");
            body = index ? NGINX_WELCOME : nginxNotFound(image);
            // nginx's "main" log format of the official image: the client, time, request, status, body bytes,
            // referer, user agent and X-Forwarded-For.
            log.append(server, container.name(), clientIP + " - - [" + NGINX_TIME.format(kernel.instant())
                    + "] \"GET " + path + " HTTP/1.1\" " + (index ? 200 : 404) + " "
                    + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " \"-\" \"" + agent
                    + "\" \"-\"");
        }
        return new Response(0, body, ip, queries, walk);
    }

    /** The official nginx image (docker.io/library/nginx), not the ingress controller. */
    private static boolean isNginx(String image) {
        String repo = image.replaceFirst("[:@].*$", "");
        return repo.equals("nginx") || repo.equals("library/nginx") || repo.equals("docker.io/library/nginx");
    }

    /** The User-Agent of the next request ({@code curl/8.5.0}, busybox's {@code Wget}); reset after it. */
    public Curl userAgent(String agent) {
        this.userAgent = agent;
        return this;
    }

    private String nodeWithIP(String ip) {
        for (io.ksim.api.core.Node n : api.list(BuiltinResources.NODES, null).items()) {
            for (io.ksim.api.core.Node.NodeAddress a : n.status().addresses()) {
                if ("InternalIP".equals(a.type()) && ip.equals(a.address())) {
                    return n.metadata().name();
                }
            }
        }
        return null;
    }

    /**
     * The pod that answers at {@code ip:port}: the pod with that IP, or, at a node's IP, the hostNetwork pod of
     * that node whose container declares the port (hostNetwork pods share the node's IP, so only the port tells
     * them apart).
     */
    private Pod podWithIP(String ip, int port) {
        List<Pod> pods = api.list(BuiltinResources.PODS, null).items();
        for (Pod p : pods) {
            if (p.status() != null && Objects.equals(ip, p.status().podIP()) && !p.spec().usesHostNetwork()) {
                return p;
            }
        }
        for (Pod p : pods) {
            if (p.status() != null && Objects.equals(ip, p.status().podIP()) && p.spec().usesHostNetwork()
                    && p.spec().containers().stream().anyMatch(c -> c.ports().stream()
                            .anyMatch(cp -> cp.containerPort() == port))) {
                return p;
            }
        }
        return null;
    }

    /** A walker per node name, from a map (for scenarios that keep one walker per node). */
    public static Function<String, PacketWalker> byNode(Map<String, PacketWalker> walkers) {
        return walkers::get;
    }
}
