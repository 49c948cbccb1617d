package io.ksim.network.ingress;

import io.ksim.api.networking.Ingress;
import io.ksim.api.networking.Ingress.HTTPIngressPath;
import io.ksim.api.networking.Ingress.IngressBackend;
import io.ksim.api.networking.Ingress.IngressRule;
import java.util.Collection;
import java.util.List;

/**
 * How an ingress controller picks a backend for a request (networking/v1 Ingress semantics): rules whose host
 * equals the request's host, or whose {@code *.} wildcard covers exactly one more leading label, or that name
 * no host; among their paths the longest match wins, Exact before Prefix at equal length; Prefix matches whole
 * path elements ({@code /foo} matches {@code /foo} and {@code /foo/bar}, not {@code /foobar});
 * ImplementationSpecific is taken as Prefix (as ingress-nginx does without regex). With no match, the
 * default backend of an Ingress of the class; otherwise the controller's own 404.
 */
public final class IngressRouter {

    /** A chosen backend: Service namespace, name and port (number or name). */
    public record Route(String namespace, String service, Integer portNumber, String portName, String ingress,
            String path) {
    }

    private final String ingressClass;
    private final List<Ingress> ingresses;

    public IngressRouter(String ingressClass, Collection<Ingress> ingresses) {
        this.ingressClass = ingressClass;
        this.ingresses = ingresses.stream().filter(i -> i.spec().ingressClassName() == null
                || i.spec().ingressClassName().equals(ingressClass)).sorted((a, b) -> key(a).compareTo(key(b)))
                .toList();
    }

    public String ingressClass() {
        return ingressClass;
    }

    /** The backend for a request, or null for the controller's 404. */
    public Route route(String host, String path) {
        Route best = null;
        int bestLength = -1;
        boolean bestExact = false;
        for (Ingress ing : ingresses) {
            for (IngressRule rule : ing.spec().rules()) {
                if (!hostMatches(rule.host(), host) || rule.http() == null) {
                    continue;
                }
                for (HTTPIngressPath p : rule.http().paths()) {
                    String want = p.path() == null || p.path().isEmpty() ? "/" : p.path();
                    boolean exact = Ingress.PATH_TYPE_EXACT.equals(p.pathType());
                    boolean matches = exact ? want.equals(path) : prefixMatches(want, path);
                    if (!matches) {
                        continue;
                    }
                    int length = want.length();
                    if (length > bestLength || (length == bestLength && exact && !bestExact)) {
                        best = route(ing, p.backend(), want);
                        bestLength = length;
                        bestExact = exact;
                    }
                }
            }
        }
        if (best != null) {
            return best;
        }
        for (Ingress ing : ingresses) {
            if (ing.spec().defaultBackend() != null) {
                return route(ing, ing.spec().defaultBackend(), null);
            }
        }
        return null;
    }

    static boolean hostMatches(String ruleHost, String host) {
        if (ruleHost == null || ruleHost.isEmpty()) {
            return true;
        }
        if (ruleHost.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(ruleHost.substring(1));
        }
        return ruleHost.equalsIgnoreCase(host);
    }

    static boolean prefixMatches(String prefix, String path) {
        if (prefix.equals("/")) {
            return true;
        }
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return path.equals(p) || path.startsWith(p + "/");
    }

    private static Route route(Ingress ing, IngressBackend backend, String path) {
        var svc = backend.service();
        return new Route(ing.metadata().namespace(), svc.name(), svc.port() == null ? null : svc.port().number(),
                svc.port() == null ? null : svc.port().name(), ing.metadata().name(), path);
    }

    private static String key(Ingress i) {
        return i.metadata().namespace() + "/" + i.metadata().name();
    }

    /** nginx's 404 page, what ingress-nginx answers when nothing matches. */
    public static final String NOT_FOUND = """
            <html>
            <head><title>404 Not Found</title></head>
            <body>
            <center><h1>404 Not Found</h1></center>
            <hr><center>nginx</center>
            </body>
            </html>
            """;
}
