package io.ksim.store.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import io.ksim.store.WatchEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One watch on etcd's gateway: a streaming {@code POST /v3/watch} read line by line on a daemon thread.
 * Every {@code {"result":...}} line is parsed into a {@link Message} and queued; readers look at the
 * collected messages and may wait for a condition on them.
 */
public final class GatewayWatch implements AutoCloseable {

    /**
     * One message of the stream. A message that is neither created, canceled nor carries events is a
     * progress notification: etcd sends it only to a watcher that has sent everything up to
     * {@code headerRevision}.
     */
    public record Message(long headerRevision, boolean created, boolean canceled, long compactRevision,
            String cancelReason, List<WatchEvent> events, String raw) {

        public boolean isProgress() {
            return !created && !canceled && events.isEmpty();
        }
    }

    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final Object changed = new Object();
    private final Thread reader;
    private volatile Stream<String> body;
    private volatile String failure;
    private volatile boolean closed;

    private GatewayWatch(HttpClient http, HttpRequest request) {
        this.reader = new Thread(() -> read(http, request), "etcd-gateway-watch");
        reader.setDaemon(true);
    }

    static GatewayWatch open(HttpClient http, HttpRequest request) {
        GatewayWatch w = new GatewayWatch(http, request);
        w.reader.start();
        return w;
    }

    private void read(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
            body = response.body();
            if (closed) {
                body.close();
                return;
            }
            if (response.statusCode() != 200) {
                fail("HTTP " + response.statusCode() + ": " + String.join("\n", response.body().toList()));
                return;
            }
            response.body().forEach(this::accept);
            if (!closed) {
                fail("the watch stream ended");
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                fail(e.toString());
            }
        } catch (InterruptedException e) {
            fail("interrupted");
        }
    }

    private void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode json;
        try {
            json = EtcdGatewayClient.JSON.readTree(line);
        } catch (IOException e) {
            fail("not JSON: " + line);
            return;
        }
        if (!json.has("result")) {
            fail("unexpected message: " + line);
            return;
        }
        JsonNode r = json.get("result");
        List<WatchEvent> events = new ArrayList<>();
        for (JsonNode e : r.path("events")) {
            events.add(EtcdGatewayClient.event(e));
        }
        messages.add(new Message(EtcdGatewayClient.header(r), r.path("created").asBoolean(false),
                r.path("canceled").asBoolean(false), EtcdGatewayClient.num(r, "compact_revision"),
                r.path("cancel_reason").asText(""), List.copyOf(events), line));
        signal();
    }

    private void fail(String why) {
        failure = why;
        signal();
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** The messages received so far, in order. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** All events received so far, in order, whatever messages they came in. */
    public List<WatchEvent> events() {
        List<WatchEvent> out = new ArrayList<>();
        for (Message m : messages) {
            out.addAll(m.events());
        }
        return out;
    }

    /** The creation message, or null if it has not arrived. */
    public Message createdMessage() {
        return messages.stream().filter(Message::created).findFirst().orElse(null);
    }

    /** The cancel message, or null if the watch was not canceled. */
    public Message cancelMessage() {
        return messages.stream().filter(Message::canceled).findFirst().orElse(null);
    }

    /** Why the stream broke, or null. */
    public String failure() {
        return failure;
    }

    /**
     * True once etcd has shown that this watcher caught up at least once (it has sent events, a progress
     * notification or the cancellation): its history replay, if it had one, is done.
     */
    public boolean hasCaughtUpOnce() {
        return messages.stream().anyMatch(m -> !m.created());
    }

    /** Waits until the creation message arrived; false on timeout or a broken stream. */
    public boolean awaitCreated(Duration timeout) {
        return await(m -> m.created(), timeout);
    }

    /**
     * Waits until etcd has sent this watch everything up to {@code revision}: a progress notification at
     * or after it, or the cancellation. False on timeout or a broken stream.
     */
    public boolean awaitProgress(long revision, Duration timeout) {
        return await(m -> m.canceled() || (m.isProgress() && m.headerRevision() >= revision), timeout);
    }

    /** Waits until at least {@code count} events arrived, or the watch was canceled. */
    public boolean awaitEvents(int count, Duration timeout) {
        return await(() -> cancelMessage() != null || events().size() >= count, timeout);
    }

    private boolean await(Predicate<Message> condition, Duration timeout) {
        return await(() -> messages.stream().anyMatch(condition), timeout);
    }

    private boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (failure != null || left <= 0) {
                    return false;
                }
                try {
                    changed.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /** Closes the stream (etcd drops the watch with it) and stops the reader thread. */
    @Override
    public void close() {
        closed = true;
        Stream<String> b = body;
        if (b != null) {
            // Closes the response's input stream, which cancels the HTTP exchange and ends the reader's loop.
            b.close();
        }
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            sb.append(m.raw()).append('\n');
        }
        if (failure != null) {
            sb.append("(stream broke: ").append(failure).append(")\n");
        }
        return sb.toString();
    }
}
