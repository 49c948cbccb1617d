package io.ksim.store.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, single-member etcd on 127.0.0.1 with a throwaway data dir: the oracle the store model is tested
 * against. Missing etcd is a test failure, not a skip: a silently skipped oracle would let the model drift.
 */
public final class EtcdServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How often etcd reports progress on watches that ask for it. A progress notification is only sent to a
     * watcher that has caught up, so it tells the test that every event up to its revision has been sent.
     * (etcd 3.4 sends them at most about every 100 ms, whatever shorter interval is asked for.)
     */
    static final String PROGRESS_INTERVAL = "100ms";

    private final Path dataRoot;
    private final Path log;
    private final Process process;
    private final URI clientUrl;

    private EtcdServer(Path dataRoot, Path log, Process process, URI clientUrl) {
        this.dataRoot = dataRoot;
        this.log = log;
        this.process = process;
        this.clientUrl = clientUrl;
    }

    /** Starts etcd and waits until its JSON gateway answers a range request. */
    public static EtcdServer start() {
        String binary = findBinary();
        Path root;
        try {
            root = Files.createTempDirectory("ksim-etcd-oracle");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int clientPort = freePort();
        int peerPort = freePort();
        while (peerPort == clientPort) {
            peerPort = freePort();
        }
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> command = List.of(binary,
                "--name", "oracle",
                "--data-dir", root.resolve("data").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "oracle=" + peer,
                "--initial-cluster-state", "new",
                "--experimental-watch-progress-notify-interval", PROGRESS_INTERVAL);
        Path log = root.resolve("etcd.log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteTree(root);
            throw new AssertionError("could not start " + binary + ": " + e, e);
        }
        EtcdServer server = new EtcdServer(root, log, process, URI.create(client));
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Base URL of the client API, e.g. {@code http://127.0.0.1:40123}. */
    public URI clientUrl() {
        return clientUrl;
    }

    /** A gateway client for this server. */
    public EtcdGatewayClient client() {
        return new EtcdGatewayClient(clientUrl);
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(clientUrl.resolve("/v3/kv/range"))
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"AA==\"}")).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("etcd exited with code " + process.exitValue() + " during startup\n"
                        + logTail());
            }
            try {
                HttpResponse<String> r = http.send(probe, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"header\"")) {
                    return;
                }
                last = "HTTP " + r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for etcd", e);
            }
            sleep(100);
        }
        throw new AssertionError("etcd did not answer POST /v3/kv/range within " + STARTUP_TIMEOUT.toSeconds()
                + " s (last: " + last + ")\n" + logTail());
    }

    /** The last lines of etcd's log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
            return "--- tail of " + log + " ---\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "(no etcd log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dataRoot);
    }

    /** /usr/bin/etcd, else etcd on the PATH; fails the test if there is none. */
    public static String findBinary() {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of("/usr/bin/etcd"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "etcd"));
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("etcd not found (looked at /usr/bin/etcd and the PATH). The store's differential "
                + "tests need a real etcd 3.4: install Debian's etcd-server (apt-get install etcd-server); "
                + ".ci/run does it.");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp dir must not hide the test's own result.
        }
    }
}
