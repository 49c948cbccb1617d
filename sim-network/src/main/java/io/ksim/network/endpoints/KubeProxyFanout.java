package io.ksim.network.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ksim.api.KubeJson;
import io.ksim.api.core.Endpoints;
import io.ksim.api.discovery.EndpointSlice;
import io.ksim.api.meta.KubeObject;
import io.ksim.apiserver.ApiServer;
import io.ksim.apiserver.ApiWatch;
import io.ksim.apiserver.ApiWatchEvent;
import io.ksim.apiserver.WatchEventType;
import io.ksim.apiserver.registry.BuiltinResources;
import java.util.function.IntSupplier;

/**
 * The bytes the API server sends to kube-proxies because endpoints changed. Every node's kube-proxy watches
 * all Endpoints (before v1.19) or all EndpointSlices, and each watch event carries the whole object, so one
 * change costs (encoded object size) x (nodes). This is the arithmetic behind EndpointSlices: a pod of a
 * 5,000-endpoint Service changes, and the Endpoints object (about 1.5 MB) goes to 2,000 nodes (3 GB), while
 * the one slice holding it (100 endpoints) sends about 2,000 x 30 kB = 60 MB.
 *
 * <p>Object size is the JSON encoding the API server stores (what the watch cache serves); the node count is
 * asked at each event. Counting starts at the current resourceVersion.
 */
public final class KubeProxyFanout {

    private final IntSupplier nodes;
    private final ApiWatch endpointsWatch;
    private final ApiWatch slicesWatch;
    private long endpointsBytes;
    private long endpointsEvents;
    private long sliceBytes;
    private long sliceEvents;

    private KubeProxyFanout(ApiServer api, IntSupplier nodes, String namespace, String service) {
        this.nodes = nodes;
        String rv = api.currentResourceVersion();
        this.endpointsWatch = api.watch(BuiltinResources.ENDPOINTS, namespace, rv,
                o -> service == null || service.equals(o.metadata().name()), this::onEndpoints);
        this.slicesWatch = api.watch(BuiltinResources.ENDPOINT_SLICES, namespace, rv,
                o -> service == null || service.equals(o.metadata().labels().get(EndpointSlice.LABEL_SERVICE_NAME)),
                this::onSlice);
    }

    /** Starts counting every Endpoints and EndpointSlice change from now, for {@code nodes} kube-proxies. */
    public static KubeProxyFanout watch(ApiServer api, IntSupplier nodes) {
        return new KubeProxyFanout(api, nodes, null, null);
    }

    /**
     * Starts counting the changes of one Service's Endpoints object and EndpointSlices from now, for
     * {@code nodes} kube-proxies (every kube-proxy gets them: it watches all Services' endpoints).
     */
    public static KubeProxyFanout watchService(ApiServer api, IntSupplier nodes, String namespace, String service) {
        return new KubeProxyFanout(api, nodes, namespace, service);
    }

    public void stop() {
        endpointsWatch.stop();
        slicesWatch.stop();
    }

    /** Bytes sent to all kube-proxies for Endpoints changes. */
    public long endpointsBytes() {
        return endpointsBytes;
    }

    /** Bytes sent to all kube-proxies for EndpointSlice changes. */
    public long endpointSliceBytes() {
        return sliceBytes;
    }

    /** Watch events for Endpoints (each delivered to every node). */
    public long endpointsEvents() {
        return endpointsEvents;
    }

    public long endpointSliceEvents() {
        return sliceEvents;
    }

    /** The JSON size of an object, as the API server encodes it. */
    public static int encodedSize(KubeObject obj) {
        try {
            return KubeJson.json().writeValueAsBytes(obj).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + obj.kind(), e);
        }
    }

    private void onEndpoints(ApiWatchEvent<Endpoints> e) {
        if (e.type() != WatchEventType.ERROR && e.object() != null) {
            endpointsEvents++;
            endpointsBytes += (long) encodedSize(e.object()) * nodes.getAsInt();
        }
    }

    private void onSlice(ApiWatchEvent<EndpointSlice> e) {
        if (e.type() != WatchEventType.ERROR && e.object() != null) {
            sliceEvents++;
            sliceBytes += (long) encodedSize(e.object()) * nodes.getAsInt();
        }
    }
}
