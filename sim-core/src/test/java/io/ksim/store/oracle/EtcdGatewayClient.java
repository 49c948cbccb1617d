package io.ksim.store.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ksim.store.Compare;
import io.ksim.store.DeleteRangeRequest;
import io.ksim.store.DeleteRangeResponse;
import io.ksim.store.EtcdError;
import io.ksim.store.EtcdException;
import io.ksim.store.KeyValue;
import io.ksim.store.LeaseGrantResponse;
import io.ksim.store.LeaseTimeToLiveResponse;
import io.ksim.store.PutRequest;
import io.ksim.store.PutResponse;
import io.ksim.store.RangeRequest;
import io.ksim.store.RangeResponse;
import io.ksim.store.RequestOp;
import io.ksim.store.ResponseOp;
import io.ksim.store.TxnRequest;
import io.ksim.store.TxnResponse;
import io.ksim.store.Value;
import io.ksim.store.WatchEvent;
import io.ksim.store.WatchRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A client of etcd's v3 JSON gateway (grpc-gateway) that answers with the store model's own records, so a
 * test can compare model and etcd with {@code equals}.
 *
 * <p>Gateway encoding (proto3 JSON): keys and values are base64, int64 fields are JSON strings, fields with
 * their zero value (0, false, empty, PUT) are omitted, enums are names. Errors come back as
 * {@code {"error":..., "code":N}} and are thrown as {@link EtcdException}, as the model throws them.
 * Revisions are passed through unchanged: mapping them to the model's numbering is the caller's business.
 */
public final class EtcdGatewayClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    public EtcdGatewayClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    // ---- kv -------------------------------------------------------------------------------------

    public RangeResponse range(RangeRequest r) {
        return parseRange(call("kv/range", rangeJson(r)));
    }

    public PutResponse put(PutRequest r) {
        return parsePut(call("kv/put", putJson(r)));
    }

    public DeleteRangeResponse deleteRange(DeleteRangeRequest r) {
        return parseDelete(call("kv/deleterange", deleteJson(r)));
    }

    public TxnResponse txn(TxnRequest t) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode compares = body.putArray("compare");
        for (Compare c : t.compares()) {
            compares.add(compareJson(c));
        }
        requestOps(body.putArray("success"), t.success());
        requestOps(body.putArray("failure"), t.failure());
        JsonNode resp = call("kv/txn", body);
        List<ResponseOp> responses = new ArrayList<>();
        for (JsonNode op : resp.path("responses")) {
            if (op.has("response_range")) {
                responses.add(parseRange(op.get("response_range")));
            } else if (op.has("response_put")) {
                responses.add(parsePut(op.get("response_put")));
            } else if (op.has("response_delete_range")) {
                responses.add(parseDelete(op.get("response_delete_range")));
            } else {
                throw new IllegalStateException("unexpected txn sub-response " + op);
            }
        }
        return new TxnResponse(header(resp), resp.path("succeeded").asBoolean(false), responses);
    }

    /**
     * Compacts at {@code rev}; returns the header revision (compaction does not bump it). Asks for a
     * physical compaction, so etcd answers only after it has removed the old history from its backend:
     * otherwise that happens in the background, and a watch replaying from the compaction revision would
     * or would not see the removed changes depending on timing. The model compacts at once, like this.
     */
    public long compact(long rev) {
        ObjectNode body = JSON.createObjectNode();
        putLong(body, "revision", rev);
        body.put("physical", true);
        return header(call("kv/compaction", body));
    }

    /** The current revision, read from the header of a range answer. */
    public long revision() {
        return range(RangeRequest.key("\0").withCountOnly(true)).headerRevision();
    }

    // ---- leases ---------------------------------------------------------------------------------

    public LeaseGrantResponse leaseGrant(long ttlSeconds, long id) {
        ObjectNode body = JSON.createObjectNode();
        putLong(body, "TTL", ttlSeconds);
        putLong(body, "ID", id);
        JsonNode resp = call("lease/grant", body);
        if (resp.hasNonNull("error") && !resp.path("error").asText().isEmpty()) {
            // LeaseGrantResponse carries its own error string field; etcd 3.4 never fills it, but do not hide it.
            throw new IllegalStateException("lease grant answered with an error field: " + resp);
        }
        return new LeaseGrantResponse(num(resp, "ID"), num(resp, "TTL"));
    }

    /** Revokes a lease; returns the header revision. */
    public long leaseRevoke(long id) {
        ObjectNode body = JSON.createObjectNode();
        putLong(body, "ID", id);
        return header(call("lease/revoke", body));
    }

    public LeaseTimeToLiveResponse leaseTimeToLive(long id, boolean withKeys) {
        ObjectNode body = JSON.createObjectNode();
        putLong(body, "ID", id);
        body.put("keys", withKeys);
        JsonNode resp = call("lease/timetolive", body);
        List<String> keys = new ArrayList<>();
        for (JsonNode k : resp.path("keys")) {
            keys.add(utf8(k));
        }
        return new LeaseTimeToLiveResponse(num(resp, "ID"), num(resp, "TTL"), num(resp, "grantedTTL"), keys);
    }

    // ---- watches --------------------------------------------------------------------------------

    /**
     * Opens a watch stream ({@code POST /v3/watch}) for one watch. With {@code progressNotify} etcd sends
     * empty progress messages once the watcher has caught up; see {@link GatewayWatch#awaitProgress}.
     */
    public GatewayWatch watch(WatchRequest r, boolean progressNotify) {
        ObjectNode create = JSON.createObjectNode();
        create.put("key", b64(r.key()));
        if (!r.rangeEnd().isEmpty()) {
            create.put("range_end", b64(r.rangeEnd()));
        }
        putLong(create, "start_revision", r.startRevision());
        create.put("progress_notify", progressNotify);
        create.put("prev_kv", r.prevKv());
        ArrayNode filters = JSON.createArrayNode();
        if (r.noPut()) {
            filters.add("NOPUT");
        }
        if (r.noDelete()) {
            filters.add("NODELETE");
        }
        if (!filters.isEmpty()) {
            create.set("filters", filters);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("create_request", create);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v3/watch"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return GatewayWatch.open(http, request);
    }

    // ---- encoding -------------------------------------------------------------------------------

    private static ObjectNode rangeJson(RangeRequest r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", b64(r.key()));
        if (!r.rangeEnd().isEmpty()) {
            n.put("range_end", b64(r.rangeEnd()));
        }
        putLong(n, "limit", r.limit());
        putLong(n, "revision", r.revision());
        n.put("sort_order", r.sortOrder().name());
        n.put("sort_target", r.sortTarget().name());
        n.put("keys_only", r.keysOnly());
        n.put("count_only", r.countOnly());
        putLong(n, "min_mod_revision", r.minModRevision());
        putLong(n, "max_mod_revision", r.maxModRevision());
        putLong(n, "min_create_revision", r.minCreateRevision());
        putLong(n, "max_create_revision", r.maxCreateRevision());
        return n;
    }

    private static ObjectNode putJson(PutRequest r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", b64(r.key()));
        n.put("value", Base64.getEncoder().encodeToString(r.value().toBytes()));
        putLong(n, "lease", r.lease());
        n.put("prev_kv", r.prevKv());
        n.put("ignore_value", r.ignoreValue());
        n.put("ignore_lease", r.ignoreLease());
        return n;
    }

    private static ObjectNode deleteJson(DeleteRangeRequest r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", b64(r.key()));
        if (!r.rangeEnd().isEmpty()) {
            n.put("range_end", b64(r.rangeEnd()));
        }
        n.put("prev_kv", r.prevKv());
        return n;
    }

    private static ObjectNode compareJson(Compare c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("result", c.result().name());
        n.put("target", c.target().name());
        n.put("key", b64(c.key()));
        if (!c.rangeEnd().isEmpty()) {
            n.put("range_end", b64(c.rangeEnd()));
        }
        switch (c.target()) {
            case VERSION -> putLong(n, "version", c.operand());
            case CREATE -> putLong(n, "create_revision", c.operand());
            case MOD -> putLong(n, "mod_revision", c.operand());
            case LEASE -> putLong(n, "lease", c.operand());
            case VALUE -> n.put("value", Base64.getEncoder().encodeToString(c.value().toBytes()));
        }
        return n;
    }

    private static void requestOps(ArrayNode out, List<RequestOp> ops) {
        for (RequestOp op : ops) {
            ObjectNode wrapper = out.addObject();
            if (op instanceof PutRequest p) {
                wrapper.set("request_put", putJson(p));
            } else if (op instanceof DeleteRangeRequest d) {
                wrapper.set("request_delete_range", deleteJson(d));
            } else {
                wrapper.set("request_range", rangeJson((RangeRequest) op));
            }
        }
    }

    /** int64 fields travel as JSON strings; the value 0 is simply left out, as etcd's own clients do. */
    private static void putLong(ObjectNode n, String field, long value) {
        if (value != 0) {
            n.put(field, Long.toString(value));
        }
    }

    static String b64(String key) {
        return Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    // ---- decoding -------------------------------------------------------------------------------

    private static RangeResponse parseRange(JsonNode n) {
        List<KeyValue> kvs = new ArrayList<>();
        for (JsonNode kv : n.path("kvs")) {
            kvs.add(keyValue(kv));
        }
        return new RangeResponse(header(n), kvs, n.path("more").asBoolean(false), num(n, "count"));
    }

    private static PutResponse parsePut(JsonNode n) {
        return new PutResponse(header(n), n.has("prev_kv") ? keyValue(n.get("prev_kv")) : null);
    }

    private static DeleteRangeResponse parseDelete(JsonNode n) {
        List<KeyValue> prev = new ArrayList<>();
        for (JsonNode kv : n.path("prev_kvs")) {
            prev.add(keyValue(kv));
        }
        return new DeleteRangeResponse(header(n), num(n, "deleted"), prev);
    }

    static KeyValue keyValue(JsonNode kv) {
        byte[] value = kv.has("value") ? Base64.getDecoder().decode(kv.get("value").asText()) : new byte[0];
        return new KeyValue(utf8(kv.path("key")), Value.of(value), num(kv, "create_revision"),
                num(kv, "mod_revision"), num(kv, "version"), num(kv, "lease"));
    }

    static WatchEvent event(JsonNode e) {
        WatchEvent.Type type = WatchEvent.Type.valueOf(e.path("type").asText("PUT"));
        KeyValue prev = e.has("prev_kv") ? keyValue(e.get("prev_kv")) : null;
        return new WatchEvent(type, keyValue(e.path("kv")), prev);
    }

    static long header(JsonNode n) {
        return num(n.path("header"), "revision");
    }

    /** An int64 field: a JSON string (or number), absent meaning 0. */
    static long num(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        return v.isNumber() ? v.asLong() : Long.parseLong(v.asText());
    }

    private static String utf8(JsonNode b64) {
        return b64.isMissingNode() ? "" : new String(Base64.getDecoder().decode(b64.asText()), StandardCharsets.UTF_8);
    }

    /** The gateway's error body as the model's exception: same gRPC code, same message. */
    static EtcdException error(JsonNode body) {
        int code = body.path("code").asInt(-1);
        for (EtcdError.GrpcCode c : EtcdError.GrpcCode.values()) {
            if (c.number() == code) {
                return new EtcdException(c, body.path("error").asText());
            }
        }
        throw new IllegalStateException("etcd answered with gRPC code " + code + ", unknown to the model: " + body);
    }

    private JsonNode call(String path, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v3/" + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("POST /v3/" + path + " " + body + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST /v3/" + path, e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST /v3/" + path + ": HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + response.body(), e);
        }
        if (response.statusCode() != 200 || json.has("code")) {
            throw error(json);
        }
        return json;
    }
}
