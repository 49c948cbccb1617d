package io.ksim.node;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the images courses use print when their container starts, so {@code kubectl logs} has the lines a
 * student expects to see: the official nginx image's entrypoint (its {@code /docker-entrypoint.d} scripts, as
 * in nginx 1.25 and later) and nginx's start-up notices in its error-log format; the {@code ikubernetes/demoapp}
 * Flask server's werkzeug banner. Other images print nothing.
 */
final class ImageLogs {

    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private ImageLogs() {
    }

    /** The lines a container of {@code reference} (normalized) prints when it starts at {@code at}. */
    static List<String> startup(String reference, Instant at) {
        String repo = repository(reference);
        if (repo.equals("docker.io/library/nginx")) {
            String t = NGINX_TIME.format(at);
            return List.of(
                    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                    "/docker-entrypoint.sh: Configuration complete; ready for start up",
                    t + " [notice] 1#1: using the \"epoll\" event method",
                    t + " [notice] 1#1: start worker processes");
        }
        if (repo.endsWith("/demoapp")) {
            return List.of(" * Running on http://0.0.0.0:80/ (Press CTRL+C to quit)");
        }
        return List.of();
    }

    /** The reference without its tag or digest. */
    static String repository(String reference) {
        String r = reference;
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        int colon = r.lastIndexOf(':');
        return colon > r.lastIndexOf('/') ? r.substring(0, colon) : r;
    }
}
